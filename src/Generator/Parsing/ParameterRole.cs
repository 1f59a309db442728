namespace GenLog.Generator.Parsing;

/// <summary>What a parameter is for, by its type.</summary>
internal enum ParameterRole
{
    /// <summary>A value to log.</summary>
    Value,

    /// <summary>The <c>SyslogWriter</c> to log to.</summary>
    Writer,

    /// <summary>A <c>SyslogSeverity</c>: the message's severity, given at the call.</summary>
    Severity,

    /// <summary>An <c>Exception</c> (or derived type).</summary>
    Exception,
}
