namespace GenLog.Generator.Model;

/// <summary>Where a record comes from, for Python's LogRecord: all known at compile time.</summary>
/// <param name="Name">The logger name: [SyslogSource] AppName, or the containing type's full name.</param>
/// <param name="Pathname">The declaring file's path after the compilation's path map (<c>/_/src/Log.cs</c> in a deterministic build).</param>
/// <param name="Line">The 1-based line of the method's name.</param>
internal sealed record PythonSource(string Name, string Pathname, int Line);
