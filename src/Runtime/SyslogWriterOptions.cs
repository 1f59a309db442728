using System;

namespace GenLog;

/// <summary>
/// How a <see cref="SyslogWriter"/> formats messages. Every value is checked when the writer is
/// constructed; an invalid one throws an exception that names the option.
/// </summary>
public sealed class SyslogWriterOptions
{
    /// <summary>The wire format. Default <see cref="SyslogFormat.Rfc5424"/>.</summary>
    public SyslogFormat Format { get; set; } = SyslogFormat.Rfc5424;

    /// <summary>HOSTNAME: 1–255 printable US-ASCII characters. Default: the machine name.</summary>
    public string? HostName { get; set; }

    /// <summary>APP-NAME (RFC 3164 TAG): 1–48 printable US-ASCII characters. Default: the process name.</summary>
    public string? AppName { get; set; }

    /// <summary>PROCID: 1–128 printable US-ASCII characters. Default: the process id.</summary>
    public string? ProcId { get; set; }

    /// <summary>The facility of messages whose method and type name none. Default <see cref="SyslogFacility.User"/>, as CPython's <c>SysLogHandler</c>.</summary>
    public SyslogFacility DefaultFacility { get; set; } = SyslogFacility.User;

    /// <summary>Messages less severe than this are not formatted. Default <see cref="SyslogSeverity.Debug"/> (everything).</summary>
    public SyslogSeverity MinimumSeverity { get; set; } = SyslogSeverity.Debug;

    /// <summary>A prefix written before every message text, as CPython's <c>SysLogHandler.ident</c>. No control characters; at most 256 bytes in UTF-8.</summary>
    public string? Ident { get; set; }

    /// <summary>Appends a NUL byte to every message, as CPython's <c>SysLogHandler.append_nul</c>. Default off.</summary>
    public bool AppendNul { get; set; }

    /// <summary>Starts the RFC 5424 MSG with the UTF-8 byte order mark (RFC 5424 §6.4). Default on.</summary>
    public bool Utf8Bom { get; set; } = true;

    /// <summary>
    /// The largest message in bytes, trailing NUL included; longer ones are cut at a UTF-8 character
    /// boundary, MSG first, and counted in <see cref="SyslogStatistics.Truncated"/>.
    /// Default (null): 1024 for <see cref="SyslogFormat.Rfc3164"/> (RFC 3164 §4.1), 8192 otherwise (rsyslog's default).
    /// </summary>
    public int? MaxMessageSize { get; set; }

    /// <summary>
    /// Writes every C0 control character except TAB, and DEL, in MSG and PARAM-VALUE as <c>#</c> and three
    /// octal digits (<c>#012</c> for LF), as rsyslog shows them (RFC 5424 §8.2). Default on.
    /// </summary>
    public bool EscapeControlCharacters { get; set; } = true;

    /// <summary>
    /// How an exception parameter is sent (docs/formats.md, "Exceptions"). Default <see cref="GenLog.ExceptionFormat.Full"/>:
    /// <see cref="Exception.ToString()"/>, which builds one string per logged exception.
    /// </summary>
    public ExceptionFormat ExceptionFormat { get; set; } = ExceptionFormat.Full;

    /// <summary>
    /// Adds the W3C trace context of <see cref="System.Diagnostics.Activity.Current"/>, when there is one, to every RFC 5424
    /// message as the SD-ELEMENT <see cref="TraceStructuredDataId"/> (<c>trace_id</c>, <c>span_id</c>, <c>trace_flags</c>,
    /// lowercase hex), and to every Python record as <c>trace_id</c> and <c>span_id</c>. Default off.
    /// </summary>
    public bool TraceContext { get; set; }

    /// <summary>
    /// The SD-ID of the trace context's element (RFC 5424 §6.3.2; a private one ends in <c>@</c> and an enterprise number),
    /// checked when <see cref="TraceContext"/> is on. Default <c>trace@32473</c> (32473 is RFC 5612's example number: use your own).
    /// </summary>
    public string TraceStructuredDataId { get; set; } = "trace@32473";

    /// <summary>Adds <c>[meta sequenceId="N"]</c> (RFC 5424 §7.3.1) to every RFC 5424 message so a receiver can see gaps. Default off.</summary>
    public bool SequenceId { get; set; }

    /// <summary>
    /// Sends on the caller's thread, as CPython's handlers do, instead of through the bounded queue and the
    /// background sender; a failed send is dropped and counted, not retried. For tests and short-lived tools. Default off.
    /// </summary>
    public bool Synchronous { get; set; }

    /// <summary>The queue's size in bytes (each message takes its length plus 4, rounded up to a multiple of 4). Default 4 MiB; at least <see cref="MaxMessageSize"/> + 4.</summary>
    public int QueueCapacity { get; set; } = 4 * 1024 * 1024;

    /// <summary>What a logging call does when the queue is full. Default <see cref="SyslogOverflow.DropNewest"/>.</summary>
    public SyslogOverflow Overflow { get; set; } = SyslogOverflow.DropNewest;

    /// <summary>The back-off between attempts after a connect or send failure. Default <see cref="ReconnectPolicy.Default"/> (1 s, ×2, 30 s).</summary>
    public ReconnectPolicy Reconnect { get; set; } = ReconnectPolicy.Default;

    /// <summary>
    /// How long disposing the writer waits for queued messages to be sent before it closes; then whatever the transport
    /// still does is cut short, so Dispose returns within this + 1 s. Default 5 s.
    /// </summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How precise the timestamps are: <see cref="GenLog.TimestampPrecision.Microseconds"/> (the default, six fraction digits
    /// from the precise clock) or <see cref="GenLog.TimestampPrecision.Milliseconds"/> (three, from the kernel's cheaper
    /// coarse clock, which moves once per kernel tick). docs/formats.md, "Timestamps".
    /// </summary>
    public TimestampPrecision TimestampPrecision { get; set; }

    /// <summary>The clock for timestamps and reconnect back-off. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>
    /// Called with every error a logging call swallowed (CPython's <c>handleError</c>); it must not throw. It may log to
    /// the writer: such a call never waits for room (under <see cref="SyslogOverflow.Block"/> it is dropped when the queue
    /// is full), and an error it causes is counted but not reported again (OnError is never re-entered on a thread).
    /// </summary>
    public Action<Exception>? OnError { get; set; }

    /// <summary>
    /// Checks the delivery options (the format options are checked where they are encoded, in the writer's message
    /// layout); each error names its option.
    /// </summary>
    internal void ValidateDelivery(int maxMessageSize)
    {
        if (CloseTimeout < TimeSpan.Zero || CloseTimeout > TimeSpan.FromDays(1))
        {
            throw new ArgumentOutOfRangeException("options", CloseTimeout, "SyslogWriterOptions.CloseTimeout must be from 0 to 1 day.");
        }

        (Reconnect ?? throw new ArgumentNullException("options", "SyslogWriterOptions.Reconnect must not be null.")).Validate();
        if (Synchronous)
        {
            return;
        }

        if (QueueCapacity < maxMessageSize + sizeof(int) || QueueCapacity > SyslogWriter.MaxQueueCapacity)
        {
            throw new ArgumentOutOfRangeException("options", QueueCapacity, $"SyslogWriterOptions.QueueCapacity must be from MaxMessageSize + 4 ({maxMessageSize + sizeof(int)}) to {SyslogWriter.MaxQueueCapacity} bytes.");
        }

        if (Overflow is not (SyslogOverflow.DropNewest or SyslogOverflow.DropOldest or SyslogOverflow.Block))
        {
            throw new ArgumentOutOfRangeException("options", Overflow, "SyslogWriterOptions.Overflow must be DropNewest, DropOldest or Block.");
        }
    }
}
