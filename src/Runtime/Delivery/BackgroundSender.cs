using System;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace GenLog.Delivery;

/// <summary>
/// The one thread that drains a writer's queue: it takes many messages at once, hands them to the
/// transport and flushes once, so a stream transport writes them with one socket call. A failed
/// batch is kept and sent again, from its first message, after the reconnect back-off; nothing
/// leaves the batch before the transport's flush succeeded — except the messages an acknowledging
/// transport (RELP) says its peer confirmed before the failure: those are done and not sent again.
/// The thread owns the transport: it is the only one that calls it (but <see cref="IAbortableTransport.Abort"/>),
/// and it closes it, in order, as the last thing it does.
/// </summary>
internal sealed class BackgroundSender
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
    private readonly IAcknowledgingTransport? _acknowledging;
    private readonly RetrySchedule _schedule;
    private readonly TimeProvider _time;
    private readonly SyslogStatistics _statistics;
    private readonly Action<Exception> _reportError;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly byte[] _batch;
    private readonly int[] _lengths = new int[MaxBatchMessages];
    private TaskCompletionSource _progress = NewProgress();
    private int _flushWaiters;
    private volatile bool _stopping;

    public BackgroundSender(MessageQueue queue, ISyslogTransport transport, int maxMessageSize, ReconnectPolicy reconnect, TimeProvider time, SyslogStatistics statistics, Action<Exception> reportError)
    {
        _queue = queue;
        _transport = transport;
        _datagrams = transport as IDatagramBatchTransport;
        _acknowledging = transport as IAcknowledgingTransport;
        _schedule = new RetrySchedule(reconnect, time);
        _time = time;
        _statistics = statistics;
        _reportError = reportError;
        _batch = new byte[Math.Max(BatchBytes, maxMessageSize)];
        new Thread(Run) { IsBackground = true, Name = "GenLog sender" }.Start();
    }

    /// <summary>Completes when the thread has ended, the transport closed.</summary>
    public Task Exited => _exited.Task;

    /// <summary>Completes when every message with an index below <paramref name="index"/> is finished, or the sender stops.</summary>
    public async Task WaitForAsync(long index, CancellationToken cancellationToken)
    {
        // Announced before the check (a full fence each side, with SignalProgress): either this call sees the progress,
        // or SignalProgress sees a waiter and completes the task this call awaits.
        Interlocked.Increment(ref _flushWaiters);
        try
        {
            while (true)
            {
                var progress = Volatile.Read(ref _progress);
                if (_stopping || _queue.IsFinishedBefore(index))
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

    /// <summary>
    /// Asks the thread to stop after its current attempt (which <see cref="IAbortableTransport.Abort"/> cuts short), close
    /// the transport and end; what it still holds is left to <see cref="MessageQueue.Abandon"/>. Returns at once.
    /// </summary>
    public void Stop()
    {
        _stopping = true;
        _stop.Cancel();
        _queue.Close();

        // Wake any FlushAsync still waiting: it sees the stop and returns.
        Interlocked.Exchange(ref _progress, NewProgress()).TrySetResult();
    }

    /// <summary>Wakes the FlushAsync calls waiting, if any: without one, finishing a batch allocates nothing.</summary>
    public void SignalProgress()
    {
        if (Volatile.Read(ref _flushWaiters) > 0)
        {
            Interlocked.Exchange(ref _progress, NewProgress()).TrySetResult();
        }
    }

    private static TaskCompletionSource NewProgress() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void Run()
    {
        LoggingThread.MarkSender();
        try
        {
            Drain();
        }
        finally
        {
            try
            {
                _transport.Dispose();
            }
            catch (Exception exception)
            {
                _reportError(exception);
            }

            _exited.TrySetResult();
        }
    }

    private void Drain()
    {
        var count = 0;
        var first = 0;
        var firstOffset = 0;
        while (!_stopping)
        {
            if (count == 0)
            {
                count = _queue.Take(_batch, _lengths, Linger, IdleWait);
                first = 0;
                firstOffset = 0;
                if (count == 0)
                {
                    continue;
                }
            }

            var current = first;
            try
            {
                _transport.Connect();
                _schedule.Connected();
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
                if (_schedule.Delivered())
                {
                    _statistics.AddReconnect();
                }

                Finish(sent: count - first);
                count = 0;
            }
            catch (SocketException exception) when (exception.SocketErrorCode == SocketError.MessageSize)
            {
                // EMSGSIZE: this datagram can never be sent, and sending it again would wedge the queue.
                // The ones before it went out; it is dropped and counted; the rest carry on.
                _reportError(exception);
                var sent = current - first;
                for (; first <= current; first++)
                {
                    firstOffset += _lengths[first];
                }

                Finish(sent, dropped: 1);
                count = first == count ? 0 : count;
            }
            catch (Exception exception)
            {
                if (!_stopping)
                {
                    // A failure while stopping is the stop's own doing (an aborted connect or write): not news.
                    _reportError(exception);
                }

                // An acknowledging transport (RELP) says how many of the batch its peer confirmed before the failure:
                // they are done, and only the rest is sent again (at most the transport's window twice).
                var confirmed = _acknowledging is null ? 0 : Math.Min(_acknowledging.TakeAcknowledged(), count - first);
                for (var i = 0; i < confirmed; i++)
                {
                    firstOffset += _lengths[first++];
                }

                if (confirmed > 0)
                {
                    Finish(sent: confirmed);
                    count = first == count ? 0 : count;
                }

                Disconnect();
                Wait(_schedule.Failed());
            }
        }
    }

    /// <summary>The next messages of the batch are done; counted here unless Dispose gave up on this thread and counted them.</summary>
    private void Finish(int sent, int dropped = 0)
    {
        if (!_queue.Finish(sent + dropped))
        {
            return;
        }

        if (sent > 0)
        {
            _statistics.AddSent(sent);
        }

        if (dropped > 0)
        {
            _statistics.AddDropped(SyslogDropReason.SendFailure, dropped);
        }

        SignalProgress();
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
