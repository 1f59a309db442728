namespace GenLog.Interop.Tests;

/// <summary>Messages compared byte for byte with CPython's SysLogHandler (Bare format).</summary>
public static partial class BareLog
{
    /// <summary>Everything constant: PRI, text and unicode computed at compile time.</summary>
    [SyslogMessage("local0", "warning", "Disk é full: 日本語 🙂 {{ok}}")]
    public static partial void ConstantUnicode(SyslogWriter writer);

    [SyslogMessage(SyslogFacility.Auth, SyslogSeverity.Error, "{Text}")]
    public static partial void AuthError(SyslogWriter writer, string text);

    [SyslogMessage(23, 7, "{Text}")]
    public static partial void Local7Debug(SyslogWriter writer, string text);

    [SyslogMessage("USER", "Crit", "{Text}")]
    public static partial void UserCritical(SyslogWriter writer, string text);

    /// <summary>Severity at run time, facility from the writer's DefaultFacility.</summary>
    [SyslogMessage("{Text}")]
    public static partial void Dynamic(SyslogWriter writer, SyslogSeverity severity, string text);
}

/// <summary>Facility from the type; several parameters between literal runs.</summary>
[SyslogSource(SyslogFacility.Daemon)]
public static partial class DaemonLog
{
    [SyslogMessage(SyslogSeverity.Informational, "Service {Name} started in {Elapsed} ms ({Ratio:F2}x) — café")]
    public static partial void Started(SyslogWriter writer, string name, int elapsed, double ratio);
}

/// <summary>MSGID, APP-NAME and SD are RFC 5424 only: none of them may leak into Bare bytes.</summary>
[SyslogSource(SyslogFacility.Mail, AppName = "postfix", SdId = "mail@32473")]
public static partial class MailLog
{
    [SyslogMessage(SyslogSeverity.Warning, "Queue {Queue} deferred {Count} messages", MsgId = "DEFER")]
    public static partial void Deferred(SyslogWriter writer, string queue, int count);
}
