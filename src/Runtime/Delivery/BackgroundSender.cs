using System;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using GenLog.Transports;

namespace GenLog.Delivery;

/// <summary>
/// The one thread that drains a writer's queue: it takes many messages at once, hands them to the
/// transport and flushes once, so a stream transport writes them with one socket call. A failed
/// batch is kept and sent again, from its first message, after the reconnect back-off; nothing
/// leaves the batch before the transport's flush succeeded — except the messages an acknowledging
/// transport (RELP) says its peer confirmed before the failure: those are done and not sent again.
/// </summary>
internal sealed class BackgroundSender : IDisposable
{
    /// <summary>Most messages in one batch.</summary>
    private const int MaxBatchMessages = 1024;

    /// <summary>Batch bytes when messages are small; a batch always holds at least one largest message.</summary>
    private const int BatchBytes = 64 * 1024;

    private static readonly TimeSpan IdleWait = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// How long an emptied queue is given to fill again before the sender asks producers to wake it: under load
    /// the logging calls then never signal the sender, and it sends in batches; a message waits at most this long.
    /// </summary>
    private static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(1);

    private readonly MessageQueue _queue;
    private readonly ISyslogTransport _transport;
    private readonly IDatagramBatchTransport? _datagrams;
    private readonly ReconnectPolicy _reconnect;
    private readonly TimeProvider _time;
    private readonly SyslogStatistics _statistics;
    private readonly Action<Exception> _reportError;
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private readonly byte[] _batch;
    private readonly int[] _lengths = new int[MaxBatchMessages];
    private TaskCompletionSource _progress = NewProgress();
    private int _inFlight;
    private int _flushWaiters;
    private long _completed;

    public BackgroundSender(MessageQueue queue, ISyslogTransport transport, int maxMessageSize, ReconnectPolicy reconnect, TimeProvider time, SyslogStatistics statistics, Action<Exception> reportError)
    {
        _queue = queue;
        _transport = transport;
        _datagrams = transport as IDatagramBatchTransport;
        _reconnect = reconnect;
        _time = time;
        _statistics = statistics;
        _reportError = reportError;
        _batch = new byte[Math.Max(BatchBytes, maxMessageSize)];
        _thread = new Thread(Run) { IsBackground = true, Name = "GenLog sender" };
        _thread.Start();
    }

    /// <summary>Messages taken from the queue but not yet sent.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Messages finished so far: sent, or dropped by the sender.</summary>
    public long Completed => Volatile.Read(ref _completed);

    /// <summary>Completes when the number of finished messages reaches <paramref name="target"/>.</summary>
    public async Task WaitForAsync(long target, CancellationToken cancellationToken)
    {
        // Announced before the check (a full fence each side, with Finish): either this call sees the finished
        // count, or Finish sees a waiter and completes the task this call awaits.
        Interlocked.Increment(ref _flushWaiters);
        try
        {
            while (true)
            {
                var progress = Volatile.Read(ref _progress);
                if (Completed >= target || _stop.IsCancellationRequested)
                {
                    return;
                }

                await progress.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _flushWaiters);
        }
    }

    /// <summary>Stops the thread (after its current attempt) and drops what it still holds.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        _queue.Close();
        _thread.Join();

        // Wake any FlushAsync still waiting: it sees the stop and returns.
        Interlocked.Exchange(ref _progress, NewProgress()).TrySetResult();
        _stop.Dispose();
    }

    /// <summary>Counts messages that left the queue without the sender (evicted by DropOldest) as finished, for FlushAsync.</summary>
    public void Forget(int count)
    {
        Interlocked.Add(ref _completed, count);
        SignalProgress();
    }

    private static TaskCompletionSource NewProgress() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void Run()
    {
        var count = 0;
        var first = 0;
        var firstOffset = 0;
        var failures = 0;
        while (!_stop.IsCancellationRequested)
        {
            if (count == 0)
            {
                count = _queue.Take(_batch, _lengths, Linger, IdleWait);
                first = 0;
                firstOffset = 0;
                Volatile.Write(ref _inFlight, count);
                if (count == 0)
                {
                    continue;
                }
            }

            var current = first;
            try
            {
                _transport.Connect();
                var offset = firstOffset;
                while (current < count)
                {
                    var sent = 1;
                    if (_datagrams is not null)
                    {
                        // Many datagrams per system call (sendmmsg); a failure is still that of message `current`.
                        sent = _datagrams.SendBatch(_batch.AsSpan(offset), _lengths.AsSpan(current, count - current));
                    }
                    else
                    {
                        _transport.Send(_batch.AsSpan(offset, _lengths[current]));
                    }

                    for (var end = current + sent; current < end; current++)
                    {
                        offset += _lengths[current];
                    }
                }

                _transport.Flush();
                if (failures > 0)
                {
                    _statistics.AddReconnect();
                    failures = 0;
                }

                _statistics.AddSent(count - first);
                Finish(count - first, remaining: 0);
                count = 0;
            }
            catch (SocketException exception) when (exception.SocketErrorCode == SocketError.MessageSize)
            {
                // EMSGSIZE: this datagram can never be sent, and sending it again would wedge the queue
                // (DESIGN §6). The ones before it went out; it is dropped and counted; the rest carry on.
                _reportError(exception);
                _statistics.AddSent(current - first);
                _statistics.AddDropped(SyslogDropReason.SendFailure);
                var done = current + 1 - first;
                for (; first <= current; first++)
                {
                    firstOffset += _lengths[first];
                }

                Finish(done, remaining: count - first);
                count = first == count ? 0 : count;
            }
            catch (Exception exception)
            {
                _reportError(exception);

                // An acknowledging transport (RELP) says how many of the batch its peer confirmed before the failure:
                // they are done, and only the rest is sent again (at most the transport's window twice).
                var confirmed = _transport is IAcknowledgingTransport acknowledging ? Math.Min(acknowledging.TakeAcknowledged(), count - first) : 0;
                for (var i = 0; i < confirmed; i++)
                {
                    firstOffset += _lengths[first++];
                }

                if (confirmed > 0)
                {
                    _statistics.AddSent(confirmed);
                    Finish(confirmed, remaining: count - first);
                    count = first == count ? 0 : count;
                }

                Disconnect();
                failures++;
                Wait(_reconnect.Delay(failures));
            }
        }

        // Stopped: what the sender still holds was never confirmed sent.
        if (count > first)
        {
            _statistics.AddDropped(SyslogDropReason.Shutdown, count - first);
            Finish(count - first, remaining: 0);
        }
    }

    private void Finish(int count, int remaining)
    {
        Volatile.Write(ref _inFlight, remaining);
        Interlocked.Add(ref _completed, count);
        SignalProgress();
    }

    /// <summary>Wakes the FlushAsync calls waiting, if any: without one, finishing a batch allocates nothing.</summary>
    private void SignalProgress()
    {
        if (Volatile.Read(ref _flushWaiters) > 0)
        {
            Interlocked.Exchange(ref _progress, NewProgress()).TrySetResult();
        }
    }

    private void Disconnect()
    {
        try
        {
            _transport.Disconnect();
        }
        catch (Exception exception)
        {
            _reportError(exception);
        }
    }

    /// <summary>Waits on the writer's clock, so tests drive the back-off without sleeping; a stop ends it.</summary>
    private void Wait(TimeSpan delay)
    {
        try
        {
            Task.Delay(delay, _time, _stop.Token).Wait();
        }
        catch (AggregateException)
        {
            // Cancelled by a stop.
        }
    }
}
