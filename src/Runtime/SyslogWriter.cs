using System;
using System.Threading;
using System.Threading.Tasks;
using GenLog.Delivery;
using GenLog.Formatting;
using GenLog.Transports;

namespace GenLog;

/// <summary>
/// Formats the messages of <see cref="SyslogMessageAttribute"/> methods and hands them to a transport.
/// A logging call formats the message into a bounded queue and returns; one background sender
/// drains it, coalescing messages into few socket writes, and reconnects with back-off
/// (<see cref="SyslogWriterOptions.Synchronous"/> sends on the caller's thread instead). A logging call
/// never throws: errors reach <see cref="SyslogWriterOptions.OnError"/> and <see cref="Statistics"/>.
/// </summary>
public sealed class SyslogWriter : IDisposable, IAsyncDisposable
{
    private readonly ISyslogTransport _transport;
    private readonly MessageLayout _layout;
    private readonly Action<Exception>? _onError;
    private readonly MessageQueue? _queue;
    private readonly BackgroundSender? _sender;
    private readonly Lock _synchronousGate = new();
    private readonly TimeSpan _closeTimeout;
    private readonly ReconnectPolicy _reconnect;
    private readonly RetrySchedule? _synchronousSchedule;
    private int _minimumSeverity;
    private long _sequenceId;
    private int _disposed;
    private int _transportClosed;
    private TaskCompletionSource? _closed;

    /// <summary>Creates a writer that sends through <paramref name="transport"/>; the writer owns and disposes it.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="transport"/> is null.</exception>
    /// <exception cref="ArgumentException">An option is invalid; the message names it.</exception>
    public SyslogWriter(ISyslogTransport transport, SyslogWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(transport);
        options ??= new SyslogWriterOptions();
        _layout = new MessageLayout(options, pickle: transport is IPythonTransport);
        // What the transport says it can carry (public capabilities: a transport of the user's is treated alike).
        var largest = transport switch
        {
            IPythonTransport python => python.MaxPickleSize,
            IDescribedTransport described => described.MaxMessageSize,
            _ => int.MaxValue,
        };
        if (_layout.MaxMessageSize > largest)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _layout.MaxMessageSize, $"SyslogWriterOptions.MaxMessageSize must be at most {largest} for {TransportNames.Describe(transport)}, the largest message it carries.");
        }

        _transport = transport;
        Statistics.TrackTransport(transport);
        SyslogMetrics.Register(Statistics);
        (transport as IRoutingTransport)?.ReportErrorsTo(ReportError);
        options.ValidateDelivery(_layout.MaxMessageSize);
        _onError = options.OnError;
        _minimumSeverity = (int)options.MinimumSeverity;
        _closeTimeout = options.CloseTimeout;
        _reconnect = options.Reconnect;
        if (options.Synchronous)
        {
            _synchronousSchedule = new RetrySchedule(_reconnect, _layout.TimeProvider);
            return;
        }

        _queue = new MessageQueue(options.QueueCapacity, options.Overflow);
        _sender = new BackgroundSender(_queue, transport, _layout.MaxMessageSize, _reconnect, _layout.TimeProvider, Statistics, ReportError);
        var queue = _queue;
        Statistics.TrackQueue(() => queue.Pending);
        ExitFlush.Add(this);
    }

    /// <summary>The largest <see cref="SyslogWriterOptions.QueueCapacity"/>: 1 GiB.</summary>
    public const int MaxQueueCapacity = 1 << 30;

    /// <summary>The wire format of every message.</summary>
    public SyslogFormat Format => _layout.Format;

    /// <summary>The facility of messages whose method and type name none.</summary>
    public SyslogFacility DefaultFacility => _layout.DefaultFacility;

    /// <summary>The largest message in bytes, after the format's default was applied.</summary>
    public int MaxMessageSize => _layout.MaxMessageSize;

    /// <summary>Messages less severe than this are skipped before anything is formatted; may be changed at any time.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined severity.</exception>
    public SyslogSeverity MinimumSeverity
    {
        get => (SyslogSeverity)Volatile.Read(ref _minimumSeverity);
        set
        {
            if ((uint)value > SyslogNames.MaxSeverity)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "MinimumSeverity must be a severity from Emergency (0) to Debug (7).");
            }

            Volatile.Write(ref _minimumSeverity, (int)value);
        }
    }

    /// <summary>Counters of what was sent, dropped, truncated and failed.</summary>
    public SyslogStatistics Statistics { get; } = new();

    /// <summary>
    /// Creates a writer from a URI: <c>udp://host[:514]</c>, <c>tcp://host[:601][?framing=octet-counting|lf]</c>,
    /// <c>tls://host[:6514]</c>, <c>relp://host[:2514]</c>, <c>relp+tls://host[:2514]</c>, <c>unix:///dev/log</c>, or a
    /// comma-separated list (<c>relp://a:2514,relp://b:2514</c>) for a <see cref="FailoverTransport"/> that probes on
    /// <see cref="SyslogWriterOptions.Reconnect"/>. The transports connect lazily; nothing is resolved or contacted here.
    /// </summary>
    /// <exception cref="ArgumentException">The URI is malformed, has an unknown scheme, or an unknown or repeated query option; the message says which form is expected.</exception>
    public static SyslogWriter Create(string uri, SyslogWriterOptions? options = null) =>
        new(TransportUri.Parse(uri, options), options);

    /// <summary>True when a message of <paramref name="severity"/> would be sent; generated methods test this first.</summary>
    public bool IsEnabled(SyslogSeverity severity) => (uint)severity <= (uint)_minimumSeverity;

    /// <summary>
    /// Completes when every message logged before the call has been sent (or dropped): the queue and the
    /// sender's batch are empty. While the server is down it waits; pass a token to bound the wait.
    /// </summary>
    public Task FlushAsync(CancellationToken cancellationToken = default) =>
        _sender is null ? Task.CompletedTask : _sender.WaitForAsync(_queue!.Added, cancellationToken);

    /// <summary>
    /// Sends what is queued, waiting at most <see cref="SyslogWriterOptions.CloseTimeout"/>, then closes the
    /// transport in order (CPython's <c>close()</c>). Returns within <c>CloseTimeout</c> + 1 s whatever the
    /// transport is doing: when the time is up, the transport's blocking work (name resolution, connect, TLS
    /// handshake, a write to a peer that stopped reading, a wait for an acknowledgement, the close itself) is cut
    /// short (<see cref="IAbortableTransport"/>). What could not be sent by then is counted in
    /// <see cref="SyslogStatistics.DroppedShutdown"/>, as is anything logged afterwards. A second, concurrent
    /// call waits for the first to finish.
    /// </summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <inheritdoc cref="Dispose"/>
    /// <remarks>Blocks no thread while it waits (in <see cref="SyslogWriterOptions.Synchronous"/> mode it polls for a send under way to end).</remarks>
    public async ValueTask DisposeAsync()
    {
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (Interlocked.CompareExchange(ref _closed, closed, null) is { } first)
        {
            await first.Task.ConfigureAwait(false);
            return;
        }

        Volatile.Write(ref _disposed, 1);
        ExitFlush.Remove(this);
        try
        {
            await CloseAsync().ConfigureAwait(false);
        }
        finally
        {
            closed.TrySetResult();
        }
    }

    /// <summary>The longest Dispose waits beyond CloseTimeout for a sender the abort has not freed; within the promised 1 s.</summary>
    private static readonly TimeSpan AbandonGrace = TimeSpan.FromMilliseconds(800);

    private async Task CloseAsync()
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();

        // When CloseTimeout is up, whatever the transport still does (on the sender's thread, or a synchronous send) is cut short.
        await using var abort = _transport is IAbortableTransport abortable
            ? new Timer(static state => ((IAbortableTransport)state!).Abort(), abortable, _closeTimeout, Timeout.InfiniteTimeSpan)
            : null;
        if (_sender is null || _queue is null)
        {
            await CloseSynchronousAsync(started).ConfigureAwait(false);
            return;
        }

        try
        {
            await FlushAsync().WaitAsync(_closeTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Bounded wait: what is left is counted below.
        }

        // The sender stops, closes the transport in order and ends; stuck in a transport that cannot be aborted, it is left behind.
        _sender.Stop();
        try
        {
            await _sender.Exited.WaitAsync(Remaining(started)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Given up on: Abandon below counts what it held, and its later progress counts nothing.
        }

        Statistics.AddDropped(SyslogDropReason.Shutdown, _queue.Abandon());
    }

    /// <summary>Synchronous mode: waits for a send under way (polling: DisposeAsync blocks no thread), then closes the transport.</summary>
    private async Task CloseSynchronousAsync(long started)
    {
        while (!_synchronousGate.TryEnter())
        {
            if (Remaining(started) <= TimeSpan.Zero)
            {
                // A send stuck in a transport that cannot be aborted: that call closes the transport when it returns.
                return;
            }

            await Task.Delay(5).ConfigureAwait(false);
        }

        try
        {
            CloseTransport();
        }
        finally
        {
            _synchronousGate.Exit();
        }
    }

    /// <summary>What is left of CloseTimeout + <see cref="AbandonGrace"/> since <paramref name="started"/>.</summary>
    private TimeSpan Remaining(long started)
    {
        var left = _closeTimeout + AbandonGrace - System.Diagnostics.Stopwatch.GetElapsedTime(started);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    /// <summary>Closes the transport once (synchronous mode; in queued mode the sender's thread closes it).</summary>
    private void CloseTransport()
    {
        if (Interlocked.Exchange(ref _transportClosed, 1) != 0)
        {
            return;
        }

        try
        {
            _transport.Dispose();
        }
        catch (Exception exception)
        {
            ReportError(exception);
        }
    }

    /// <summary>How long Dispose waits for the queue to drain (and the exit flush, for a writer never disposed).</summary>
    internal TimeSpan CloseTimeout => _closeTimeout;

    /// <summary>The options in the pre-encoded form messages are built from.</summary>
    internal MessageLayout Layout => _layout;

    internal long NextSequenceId()
    {
        // RFC 5424 §7.3.1: 1 to 2147483647, then wraps to 1.
        var next = Interlocked.Increment(ref _sequenceId);
        return ((next - 1) % int.MaxValue) + 1;
    }

    /// <summary>A message that could not be formatted at all (no memory for its buffer): dropped, counted and reported.</summary>
    internal void Unformattable(Exception exception)
    {
        Statistics.AddDropped(SyslogDropReason.SendFailure);
        ReportError(exception);
    }

    internal void Deliver(ReadOnlySpan<byte> message, bool truncated)
    {
        if (truncated)
        {
            Statistics.AddTruncated();
        }

        if (Volatile.Read(ref _disposed) != 0)
        {
            Statistics.AddDropped(SyslogDropReason.Shutdown);
            return;
        }

        if (_queue is null)
        {
            SendNow(message);
            return;
        }

        // A call on the sender's own thread, or inside OnError, never waits (the queue asks LoggingThread when full).
        var added = _queue.Enqueue(message, out var evicted);
        if (evicted > 0)
        {
            // Evicted messages are finished as far as FlushAsync is concerned: one waiting for them may be done.
            _sender!.SignalProgress();
        }

        if (!added || evicted > 0)
        {
            Statistics.AddDropped(Volatile.Read(ref _disposed) != 0 ? SyslogDropReason.Shutdown : SyslogDropReason.QueueFull, added ? evicted : evicted + 1);
        }
    }

    /// <summary>Synchronous mode: send on the caller's thread; a failure drops the message, as CPython's handlers do.</summary>
    private void SendNow(ReadOnlySpan<byte> message)
    {
        lock (_synchronousGate)
        {
            if (Volatile.Read(ref _disposed) != 0)
            {
                // Disposed while this call waited for the lock (or while a send stuck in the transport): close it now.
                Statistics.AddDropped(SyslogDropReason.Shutdown);
                CloseTransport();
                return;
            }

            var schedule = _synchronousSchedule!;
            if (!schedule.IsDue)
            {
                // As CPython's SocketHandler: no new connection attempt before the back-off has passed.
                Statistics.AddDropped(SyslogDropReason.SendFailure);
                return;
            }

            try
            {
                _transport.Connect();
                schedule.Connected();
                _transport.Send(message);
                _transport.Flush();
                Statistics.AddSent();
                if (schedule.Delivered())
                {
                    Statistics.AddReconnect();
                }
            }
            catch (Exception exception)
            {
                Statistics.AddDropped(SyslogDropReason.SendFailure);
                schedule.Failed();
                try
                {
                    _transport.Disconnect();
                }
                catch (Exception disconnectError)
                {
                    ReportError(disconnectError);
                }

                // Reported after the back-off was set and the transport dropped: a message OnError logs here is dropped
                // by the back-off instead of re-entering a transport in the middle of failing.
                ReportError(exception);
            }
            finally
            {
                if (Volatile.Read(ref _disposed) != 0)
                {
                    // Dispose gave up waiting for this send (a transport that cannot be aborted): close it now.
                    CloseTransport();
                }
            }
        }
    }

    internal void ReportError(Exception exception)
    {
        Statistics.AddError();

        // OnError is never re-entered on a thread: an error of a call that OnError itself made is counted only.
        if (_onError is not null && !LoggingThread.InOnError)
        {
            LoggingThread.RunOnError(_onError, exception);
        }
    }
}
