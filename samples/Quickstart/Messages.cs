using System;
using System.Net;
using GenLog;

namespace Quickstart;

/// <summary>Static methods: the writer is a parameter. Type-level defaults: facility auth, APP-NAME sshd.</summary>
[SyslogSource(SyslogFacility.Auth, AppName = "sshd")]
public static partial class AuthLog
{
    /// <summary>A failed login, with a MSGID.</summary>
    [SyslogMessage(SyslogSeverity.Warning, "Failed password for {User} from {Address} port {Port}", MsgId = "AUTHFAIL")]
    public static partial void FailedPassword(SyslogWriter writer, string user, IPAddress address, int port);

    /// <summary>Every parameter is also sent as structured data under auth@32473.</summary>
    [SyslogMessage(SyslogSeverity.Notice, "Accepted {Method} for {User}", MsgId = "AUTHOK", SdId = "auth@32473")]
    public static partial void Accepted(SyslogWriter writer, string method, string user, int sessionId);
}

/// <summary>Static methods with CPython names and a severity chosen at run time.</summary>
public static partial class DiskLog
{
    /// <summary>Facility and severity as CPython's SysLogHandler names, checked at compile time.</summary>
    [SyslogMessage("local0", "err", "Disk {Device} is {Percent:F1}% full")]
    public static partial void DiskFull(SyslogWriter writer, string device, double percent);

    /// <summary>The severity is a parameter.</summary>
    [SyslogMessage("Disk {Device} check finished: {Result}")]
    public static partial void CheckFinished(SyslogWriter writer, SyslogSeverity severity, string device, string result);
}

/// <summary>An instance logger: its methods use the writer it was given.</summary>
public sealed partial class BillingLog(SyslogWriter writer)
{
    /// <summary>An instance method: no writer parameter.</summary>
    [SyslogMessage(SyslogFacility.Local3, SyslogSeverity.Informational, "Invoice {Id} paid: {Amount:0.00} {Currency} at {When:O}")]
    public partial void InvoicePaid(Guid id, decimal amount, string currency, DateTimeOffset when);

    /// <summary>
    /// An exception is always sent, as SyslogWriterOptions.ExceptionFormat says (default: ToString(), stack trace
    /// included, on one line): here the template does not name it, so RFC 5424 carries it as SD-PARAM "exception" and
    /// RFC 3164 and Bare after the text.
    /// </summary>
    [SyslogMessage(SyslogSeverity.Error, "Charge {Id} failed")]
    public partial void ChargeFailed(Guid id, Exception error);
}
