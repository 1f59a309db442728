namespace GenLog;

/// <summary>Syslog severity levels (RFC 5424 §6.2.1); a lower value is more severe.</summary>
public enum SyslogSeverity
{
    /// <summary>System is unusable (emerg, panic).</summary>
    Emergency = 0,
    /// <summary>Action must be taken immediately (alert).</summary>
    Alert = 1,
    /// <summary>Critical conditions (crit, critical).</summary>
    Critical = 2,
    /// <summary>Error conditions (err, error).</summary>
    Error = 3,
    /// <summary>Warning conditions (warn, warning).</summary>
    Warning = 4,
    /// <summary>Normal but significant condition (notice).</summary>
    Notice = 5,
    /// <summary>Informational messages (info).</summary>
    Informational = 6,
    /// <summary>Debug-level messages (debug).</summary>
    Debug = 7,
}
