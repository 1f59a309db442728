namespace GenLog;

/// <summary>
/// How precise a message's timestamp is (<see cref="SyslogWriterOptions.TimestampPrecision"/>), and so which clock the
/// logging call reads. docs/formats.md, "Timestamps".
/// </summary>
public enum TimestampPrecision
{
    /// <summary>
    /// Six fraction digits (RFC 5424 §6.2.3 TIME-SECFRAC), from the precise clock
    /// (<see cref="SyslogWriterOptions.TimeProvider"/>, by default the system's): each message carries the microsecond it
    /// was logged. The default.
    /// </summary>
    Microseconds = 0,

    /// <summary>
    /// Three fraction digits, from the kernel's coarse wall clock when the time provider is the system's and the
    /// platform has one (Linux: <c>CLOCK_REALTIME_COARSE</c>): a cheaper read, as the system's precise clock costs tens
    /// of nanoseconds per call on a virtual machine. That clock moves once per kernel tick (1 to 10 ms, the kernel's
    /// <c>CONFIG_HZ</c>), so messages logged within one tick carry the same time. Elsewhere the precise clock, cut to
    /// milliseconds.
    /// </summary>
    Milliseconds = 1,
}
