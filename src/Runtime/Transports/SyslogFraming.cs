namespace GenLog;

/// <summary>How messages are delimited on a stream (RFC 6587 §3.4).</summary>
public enum SyslogFraming
{
    /// <summary>RFC 6587 §3.4.1 octet counting: <c>LEN SP MSG</c>. Any byte may appear in a message. The default, and RFC 5425's.</summary>
    OctetCounting = 0,

    /// <summary>RFC 6587 §3.4.2 non-transparent framing: <c>MSG LF</c>. CR and LF inside a message are escaped as <c>#015</c>/<c>#012</c>, so one call is one record.</summary>
    NonTransparent = 1,
}
