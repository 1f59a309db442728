using System;
using System.Net;
using System.Threading;

namespace GenLog.Benchmarks.Throughput;

/// <summary>
/// A receiver on 127.0.0.1 (an ephemeral port) with its own thread, feeding every message it reads to a
/// <see cref="SequenceCheck"/>. One sink per trial, so nothing of an earlier trial can arrive in a later one.
/// </summary>
public abstract class LoopbackSink : IDisposable
{
    /// <summary>How often a blocked receive wakes up to see whether the sink was stopped.</summary>
    protected static readonly TimeSpan StopPoll = TimeSpan.FromMilliseconds(100);

    private readonly Thread _thread;
    private volatile bool _stopped;

    protected LoopbackSink(int expected, int producers, string name)
    {
        Check = new SequenceCheck(expected, producers);
        _thread = new Thread(() => Receive(Check)) { IsBackground = true, Name = name };
    }

    public SequenceCheck Check { get; }

    public abstract IPEndPoint EndPoint { get; }

    protected bool Stopped => _stopped;

    /// <summary>Starts the receiving thread; the subclass's constructor calls it once its socket is bound.</summary>
    protected void Start() => _thread.Start();

    /// <summary>Reads until <see cref="Stopped"/>, adding each message to <paramref name="check"/>.</summary>
    protected abstract void Receive(SequenceCheck check);

    protected abstract void CloseSockets();

    /// <summary>Waits for every message (or for arrivals to stop), stops the thread and returns what arrived.</summary>
    public Arrival Finish(TimeSpan idle)
    {
        Check.WaitForAll(idle);
        Stop();
        return Check.Snapshot();
    }

    public void Dispose() => Stop();

    private void Stop()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        if (_thread.IsAlive)
        {
            _thread.Join();
        }

        CloseSockets();
    }
}
