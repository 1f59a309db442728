namespace GenLog;

/// <summary>Syslog facility codes (RFC 5424 §6.2.1, with the numbering of CPython's <c>SysLogHandler</c>).</summary>
public enum SyslogFacility
{
    /// <summary>Kernel messages (kern).</summary>
    Kern = 0,
    /// <summary>User-level messages (user).</summary>
    User = 1,
    /// <summary>Mail system (mail).</summary>
    Mail = 2,
    /// <summary>System daemons (daemon).</summary>
    Daemon = 3,
    /// <summary>Security/authorization messages (auth).</summary>
    Auth = 4,
    /// <summary>Messages generated internally by syslogd (syslog).</summary>
    Syslog = 5,
    /// <summary>Line printer subsystem (lpr).</summary>
    Lpr = 6,
    /// <summary>Network news subsystem (news).</summary>
    News = 7,
    /// <summary>UUCP subsystem (uucp).</summary>
    Uucp = 8,
    /// <summary>Clock daemon (cron).</summary>
    Cron = 9,
    /// <summary>Private security/authorization messages (authpriv).</summary>
    AuthPriv = 10,
    /// <summary>FTP daemon (ftp).</summary>
    Ftp = 11,
    /// <summary>NTP subsystem (ntp).</summary>
    Ntp = 12,
    /// <summary>Log audit (security).</summary>
    Security = 13,
    /// <summary>Log alert (console).</summary>
    Console = 14,
    /// <summary>Clock daemon, Solaris numbering (solaris-cron).</summary>
    SolarisCron = 15,
    /// <summary>Local use 0 (local0).</summary>
    Local0 = 16,
    /// <summary>Local use 1 (local1).</summary>
    Local1 = 17,
    /// <summary>Local use 2 (local2).</summary>
    Local2 = 18,
    /// <summary>Local use 3 (local3).</summary>
    Local3 = 19,
    /// <summary>Local use 4 (local4).</summary>
    Local4 = 20,
    /// <summary>Local use 5 (local5).</summary>
    Local5 = 21,
    /// <summary>Local use 6 (local6).</summary>
    Local6 = 22,
    /// <summary>Local use 7 (local7).</summary>
    Local7 = 23,
}
