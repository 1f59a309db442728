using System.Threading;

namespace GenLog;

/// <summary>
/// What a <see cref="SyslogWriter"/> did with the messages it was given, so that logging that
/// "silently stops" is visible. Counters only grow; read them at any time from any thread.
/// </summary>
public sealed class SyslogStatistics
{
    private long _sent;
    private long _dropped;
    private long _truncated;
    private long _errors;

    internal SyslogStatistics()
    {
    }

    /// <summary>Messages handed to the transport without an error.</summary>
    public long Sent => Volatile.Read(ref _sent);

    /// <summary>Messages that were formatted but never reached the transport (send error, writer disposed).</summary>
    public long Dropped => Volatile.Read(ref _dropped);

    /// <summary>Messages cut to <see cref="SyslogWriterOptions.MaxMessageSize"/>.</summary>
    public long Truncated => Volatile.Read(ref _truncated);

    /// <summary>Connections re-established after a failure. UDP, the only transport today, has no connection to lose, so this is 0.</summary>
    public long Reconnects => 0;

    /// <summary>Errors reported to <see cref="SyslogWriterOptions.OnError"/> (send failures, values whose formatting threw).</summary>
    public long Errors => Volatile.Read(ref _errors);

    /// <summary>Messages waiting to be sent. Sends happen on the caller's thread today, so this is 0.</summary>
    public long QueueLength => 0;

    internal void AddSent() => Interlocked.Increment(ref _sent);

    internal void AddDropped() => Interlocked.Increment(ref _dropped);

    internal void AddTruncated() => Interlocked.Increment(ref _truncated);

    internal void AddError() => Interlocked.Increment(ref _errors);
}
