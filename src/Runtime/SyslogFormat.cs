namespace GenLog;

/// <summary>The bytes a <see cref="SyslogWriter"/> puts on the wire for each message.</summary>
public enum SyslogFormat
{
    /// <summary>RFC 5424: <c>&lt;PRI&gt;1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID SD [BOM]MSG</c>.</summary>
    Rfc5424 = 0,
    /// <summary>RFC 3164 (BSD syslog): <c>&lt;PRI&gt;Mmm dd hh:mm:ss HOSTNAME TAG[PID]: MSG</c>; structured data is not sent.</summary>
    Rfc3164 = 1,
    /// <summary>CPython <c>SysLogHandler</c> bytes: <c>&lt;PRI&gt;</c> + ident + message; structured data is not sent.</summary>
    Bare = 2,
}
