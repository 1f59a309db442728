using System;
using System.Text;

namespace GenLog.Formatting;

/// <summary>
/// The pickled pieces of a Python <c>LogRecord</c> dict that do not depend on the call, made once per
/// writer: every key, the per-severity level entries, the process entries, and the Nones CPython's
/// <c>SocketHandler.makePickle</c> sends (<c>args</c>, <c>exc_info</c>, and by default <c>exc_text</c>
/// and <c>stack_info</c>).
/// </summary>
internal sealed class PythonRecordParts
{
    // Python logging levels (Lib/logging/__init__.py) for syslog severities 0..7.
    private static readonly (int Level, string Name)[] Levels =
    {
        (50, "CRITICAL"), (50, "CRITICAL"), (50, "CRITICAL"), (40, "ERROR"),
        (30, "WARNING"), (20, "INFO"), (20, "INFO"), (10, "DEBUG"),
    };

    public PythonRecordParts(byte[] procId, string? appName)
    {
        var processName = appName ?? Encoding.ASCII.GetString(procId);
        try
        {
            using var process = System.Diagnostics.Process.GetCurrentProcess();
            processName = process.ProcessName;
        }
        catch (InvalidOperationException)
        {
            // Keep the fall-back name.
        }

        Fixed = Concat(
            Pickle.Entry("process", Environment.ProcessId),
            Pickle.Entry("processName", processName),
            Pickle.NoneEntry("args"),
            Pickle.NoneEntry("exc_info"),
            Pickle.NoneEntry("exc_text"),
            Pickle.NoneEntry("stack_info"));
        Severity = new byte[8][];
        for (var severity = 0; severity < 8; severity++)
        {
            Severity[severity] = Concat(
                Pickle.Entry("levelno", Levels[severity].Level),
                Pickle.Entry("levelname", Levels[severity].Name),
                Pickle.Entry("syslog_severity", severity));
        }

        Facility = new byte[SyslogNames.MaxFacility + 1][];
        for (var facility = 0; facility <= SyslogNames.MaxFacility; facility++)
        {
            Facility[facility] = Pickle.Entry("syslog_facility", facility);
        }

        LongestFixedPart = Pickle.Start.Length + Fixed.Length + Severity[0].Length + Facility[0].Length
            + Created.Length + Msecs.Length + RelativeCreated.Length + (3 * 9)
            + Thread.Length + Pickle.MaxNumberSize + ThreadName.Length + Pickle.StringHeaderSize + Pickle.MaxThreadName
            + Msg.Length + Pickle.StringHeaderSize + Pickle.End.Length;
    }

    /// <summary>process, processName, and the keys CPython always sends as None.</summary>
    public byte[] Fixed { get; }

    /// <summary>levelno, levelname and syslog_severity, by syslog severity.</summary>
    public byte[][] Severity { get; }

    /// <summary>syslog_facility, by facility code.</summary>
    public byte[][] Facility { get; }

    /// <summary>The most the parts every record has can take, thread name of up to 256 bytes included.</summary>
    public int LongestFixedPart { get; }

    public static ReadOnlySpan<byte> Created => "X\u0007\0\0\0created"u8;

    public static ReadOnlySpan<byte> Msecs => "X\u0005\0\0\0msecs"u8;

    public static ReadOnlySpan<byte> RelativeCreated => "X\u000f\0\0\0relativeCreated"u8;

    public static ReadOnlySpan<byte> Thread => "X\u0006\0\0\0thread"u8;

    public static ReadOnlySpan<byte> ThreadName => "X\u000a\0\0\0threadName"u8;

    public static ReadOnlySpan<byte> Msg => "X\u0003\0\0\0msg"u8;

    private static byte[] Concat(params byte[][] parts)
    {
        var length = 0;
        foreach (var part in parts)
        {
            length += part.Length;
        }

        var bytes = new byte[length];
        var offset = 0;
        foreach (var part in parts)
        {
            part.CopyTo(bytes, offset);
            offset += part.Length;
        }

        return bytes;
    }
}
