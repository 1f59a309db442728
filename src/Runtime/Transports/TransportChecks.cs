using System;
using System.Net;

namespace GenLog.Transports;

/// <summary>The argument checks and defaults the transports share.</summary>
internal static class TransportChecks
{
    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(10);

    public static readonly TimeSpan DefaultWriteTimeout = TimeSpan.FromSeconds(30);

    public static int Port(int port, string name = "port") =>
        port is >= 1 and <= IPEndPoint.MaxPort ? port : throw new ArgumentOutOfRangeException(name, port, "A port is 1 to 65535.");

    public static SyslogFraming Framing(SyslogFraming framing) =>
        framing is SyslogFraming.OctetCounting or SyslogFraming.NonTransparent ? framing : throw new ArgumentOutOfRangeException(nameof(framing), framing, "Framing is OctetCounting or NonTransparent.");
}
