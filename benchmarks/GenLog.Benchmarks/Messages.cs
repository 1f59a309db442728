using System.Net;
using GenLog;

namespace GenLog.Benchmarks;

/// <summary>The template every contender formats: a string, an IPAddress and an int (docs/performance.md).</summary>
[SyslogSource(SyslogFacility.Auth, AppName = "sshd")]
public static partial class BenchmarkLog
{
    [SyslogMessage(SyslogSeverity.Warning, "Failed password for {User} from {Address} port {Port}", MsgId = "AUTHFAIL")]
    public static partial void FailedPassword(SyslogWriter writer, string user, IPAddress address, int port);

    /// <summary>The same message with an exception the template does not name: SD-PARAM <c>exception</c>.</summary>
    [SyslogMessage(SyslogSeverity.Warning, "Failed password for {User} from {Address} port {Port}", MsgId = "AUTHFAIL")]
    public static partial void LoginFailed(SyslogWriter writer, string user, IPAddress address, int port, System.Exception error);
}
