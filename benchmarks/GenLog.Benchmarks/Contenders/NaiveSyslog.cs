using System;
using System.Net;
using System.Text;

namespace GenLog.Benchmarks.Contenders;

/// <summary>The naive path: interpolate the whole RFC 5424 line into a string, encode it, send the bytes.</summary>
public static class NaiveSyslog
{
    private const int AuthWarning = 4 * 8 + 4;

    public static void FailedPassword(NullByteSink sink, string user, IPAddress address, int port)
    {
        var line = $"<{AuthWarning}>1 {DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ss.ffffffZ} {SyslogLine.Host} {SyslogLine.App} {SyslogLine.ProcId} {SyslogLine.MsgId} - {SyslogLine.Bom}Failed password for {user} from {address} port {port}";
        sink.Send(Encoding.UTF8.GetBytes(line));
    }
}
