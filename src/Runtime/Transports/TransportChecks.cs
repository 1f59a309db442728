using System;
using System.Net;

namespace GenLog.Transports;

/// <summary>The argument checks and defaults the transports share; each names the option it rejects.</summary>
internal static class TransportChecks
{
    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(10);

    public static readonly TimeSpan DefaultWriteTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The longest timeout accepted: socket timeouts are whole milliseconds in an int, and a day is already "never".</summary>
    private static readonly TimeSpan LongestTimeout = TimeSpan.FromDays(1);

    public static int Port(int port, string name = "port") =>
        port is >= 1 and <= IPEndPoint.MaxPort ? port : throw new ArgumentOutOfRangeException(name, port, "A port is 1 to 65535.");

    public static SyslogFraming Framing(SyslogFraming framing) =>
        framing is SyslogFraming.OctetCounting or SyslogFraming.NonTransparent ? framing : throw new ArgumentOutOfRangeException(nameof(framing), framing, "Framing is OctetCounting or NonTransparent.");

    /// <summary>
    /// A host name or address: not empty, and without NUL, which the resolver would take as the end of the name
    /// (<c>a%00b</c> would silently become <c>a</c>).
    /// </summary>
    public static string Host(string host, string name = "host")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host, name);
        return host.Contains('\0') ? throw new ArgumentException($"The {name} must not contain a NUL character.", name) : host;
    }

    /// <summary>A socket path: not empty, and without NUL, which the kernel would take as the end of the path.</summary>
    public static string Path(string path, string name = "path")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path, name);
        return path.Contains('\0') ? throw new ArgumentException($"The {name} must not contain a NUL character.", name) : path;
    }

    /// <summary>
    /// A timeout option: at least 1 ms (0 or less than a millisecond would become "wait forever" on a socket) and at
    /// most a day. <paramref name="option"/> is the option's full name, as the message shows it.
    /// </summary>
    public static TimeSpan Timeout(TimeSpan value, string option) =>
        value >= TimeSpan.FromMilliseconds(1) && value <= LongestTimeout
            ? value
            : throw new ArgumentOutOfRangeException(option, value, $"{option} must be from 1 ms to 1 day.");
}
