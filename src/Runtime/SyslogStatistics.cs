using System.Threading;

namespace GenLog;

/// <summary>Why a message was dropped.</summary>
internal enum SyslogDropReason
{
    QueueFull,
    SendFailure,
    Shutdown,
}

/// <summary>
/// What a <see cref="SyslogWriter"/> did with the messages it was given, so that logging that
/// "silently stops" is visible. Counters only grow (but <see cref="QueueLength"/>); read them at any
/// time from any thread.
/// </summary>
public sealed class SyslogStatistics
{
    private long _sent;
    private long _droppedQueueFull;
    private long _droppedSendFailure;
    private long _droppedShutdown;
    private long _truncated;
    private long _reconnects;
    private long _errors;
    private System.Func<long>? _queueLength;
    private ISyslogTransport? _transport;

    internal SyslogStatistics()
    {
    }

    /// <summary>Messages the transport accepted (for stream transports: written and flushed to the socket).</summary>
    public long Sent => Volatile.Read(ref _sent);

    /// <summary>Messages that will never be sent, for any reason: the sum of the three <c>Dropped…</c> counters.</summary>
    public long Dropped => DroppedQueueFull + DroppedSendFailure + DroppedShutdown;

    /// <summary>Messages dropped by the <see cref="SyslogWriterOptions.Overflow"/> policy because the queue was full (the new one, or old ones with DropOldest).</summary>
    public long DroppedQueueFull => Volatile.Read(ref _droppedQueueFull);

    /// <summary>
    /// Messages that could not be sent and are not retried: a failed send in <see cref="SyslogWriterOptions.Synchronous"/>
    /// mode, a datagram the network refused as too large, or a message there was no memory to format.
    /// </summary>
    public long DroppedSendFailure => Volatile.Read(ref _droppedSendFailure);

    /// <summary>Messages still queued or unconfirmed when the writer was disposed, or logged after it.</summary>
    public long DroppedShutdown => Volatile.Read(ref _droppedShutdown);

    /// <summary>Messages cut to <see cref="SyslogWriterOptions.MaxMessageSize"/>.</summary>
    public long Truncated => Volatile.Read(ref _truncated);

    /// <summary>Times the transport delivered again after one or more failures (a reconnect that worked).</summary>
    public long Reconnects => Volatile.Read(ref _reconnects);

    /// <summary>Errors reported to <see cref="SyslogWriterOptions.OnError"/> (connect and send failures, values whose formatting threw).</summary>
    public long Errors => Volatile.Read(ref _errors);

    /// <summary>Messages waiting to be sent: queued, or taken by the sender and not yet confirmed.</summary>
    public long QueueLength => _queueLength?.Invoke() ?? 0;

    /// <summary>
    /// Where messages go now, as a URI (<c>relp://host:2514</c>); with a <see cref="FailoverTransport"/> (a URI list in
    /// <see cref="SyslogWriter.Create"/>), the transport that is active at the moment.
    /// </summary>
    public string ActiveEndpoint => _transport is null ? string.Empty : Transports.TransportNames.Describe(_transport);

    /// <summary>Times a <see cref="FailoverTransport"/> (any <see cref="IRoutingTransport"/>) moved traffic to another transport because the active one failed; 0 for a single transport.</summary>
    public long Failovers => (_transport as IRoutingTransport)?.Failovers ?? 0;

    internal void TrackTransport(ISyslogTransport transport) => _transport = transport;

    internal void TrackQueue(System.Func<long> queueLength) => _queueLength = queueLength;

    internal void AddSent(int count = 1) => Interlocked.Add(ref _sent, count);

    internal void AddDropped(SyslogDropReason reason, int count = 1)
    {
        switch (reason)
        {
            case SyslogDropReason.QueueFull:
                Interlocked.Add(ref _droppedQueueFull, count);
                break;
            case SyslogDropReason.SendFailure:
                Interlocked.Add(ref _droppedSendFailure, count);
                break;
            default:
                Interlocked.Add(ref _droppedShutdown, count);
                break;
        }
    }

    internal void AddTruncated() => Interlocked.Increment(ref _truncated);

    internal void AddReconnect() => Interlocked.Increment(ref _reconnects);

    internal void AddError() => Interlocked.Increment(ref _errors);
}
