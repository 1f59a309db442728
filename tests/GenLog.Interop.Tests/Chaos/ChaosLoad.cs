using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;

namespace GenLog.Interop.Tests.Chaos;

/// <summary>
/// Logging threads for the chaos suite (also compiled into GenLog.ChaosProbe): every call takes the next sequence
/// number (unique across threads, from 0, as rsyslog's testbench numbers its messages), is timed with a
/// <see cref="Stopwatch"/>, and any exception that leaves it is kept — none may.
/// </summary>
internal sealed class ChaosLoad
{
    /// <summary>The per-call bound outside <c>Overflow = Block</c>: a call never waits on the network.</summary>
    public static readonly TimeSpan SlowCall = TimeSpan.FromMilliseconds(10);

    private readonly Action<int, int> _log;
    private readonly Thread[] _threads;
    private readonly int _callsPerPause;
    private readonly int _pauseMilliseconds;
    private readonly long _limit;
    private readonly ConcurrentQueue<Exception> _exceptions = new();
    private int _next = -1;
    private long _calls;
    private long _slowCalls;
    private long _maxCallTicks;
    private volatile bool _stop;

    /// <param name="threads">How many threads log at once.</param>
    /// <param name="log">One logging call: (sequence number, thread index).</param>
    /// <param name="callsPerPause">Each thread sleeps <paramref name="pauseMilliseconds"/> after this many calls (a steady stream, not one burst); 0: never.</param>
    /// <param name="pauseMilliseconds">The pause.</param>
    /// <param name="limit">The threads stop after this many calls in all; 0: when <see cref="Stop"/> is called.</param>
    public ChaosLoad(int threads, Action<int, int> log, int callsPerPause = 0, int pauseMilliseconds = 1, long limit = 0)
    {
        _log = log;
        _callsPerPause = callsPerPause;
        _pauseMilliseconds = pauseMilliseconds;
        _limit = limit;
        _threads = new Thread[threads];
        for (var i = 0; i < threads; i++)
        {
            var index = i;
            _threads[i] = new Thread(() => Run(index)) { IsBackground = true, Name = $"chaos load {i}" };
        }
    }

    /// <summary>Calls that returned (or threw): every one took a sequence number below this.</summary>
    public long Calls => Interlocked.Read(ref _calls);

    /// <summary>Sequence numbers taken so far (calls returned plus calls under way).</summary>
    public long Started => Volatile.Read(ref _next) + 1;

    /// <summary>The longest single call.</summary>
    public TimeSpan MaxCall => TimeSpan.FromTicks(Interlocked.Read(ref _maxCallTicks));

    /// <summary>Calls that took longer than <see cref="SlowCall"/>.</summary>
    public long SlowCalls => Interlocked.Read(ref _slowCalls);

    /// <summary>Exceptions that left a logging call.</summary>
    public IReadOnlyCollection<Exception> Exceptions => _exceptions;

    /// <summary>True once every thread has returned.</summary>
    public bool Finished => Array.TrueForAll(_threads, thread => !thread.IsAlive);

    public ChaosLoad Start()
    {
        foreach (var thread in _threads)
        {
            thread.Start();
        }

        return this;
    }

    /// <summary>Asks the threads to stop and waits up to <paramref name="timeout"/>; false when one is still inside a call.</summary>
    public bool Stop(TimeSpan timeout)
    {
        _stop = true;
        var deadline = Stopwatch.StartNew();
        foreach (var thread in _threads)
        {
            var left = timeout - deadline.Elapsed;
            if (!thread.Join(left > TimeSpan.Zero ? left : TimeSpan.Zero))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>One line for a test's output.</summary>
    public string Describe() =>
        $"{Calls:N0} calls from {_threads.Length} threads, longest {MaxCall.TotalMilliseconds:F2} ms, {SlowCalls} over {SlowCall.TotalMilliseconds:F0} ms, {_exceptions.Count} exceptions";

    private void Run(int index)
    {
        var sincePause = 0;
        while (!_stop)
        {
            var seq = Interlocked.Increment(ref _next);
            if (_limit > 0 && seq >= _limit)
            {
                Interlocked.Decrement(ref _next);
                return;
            }

            var started = Stopwatch.GetTimestamp();
            try
            {
                _log(seq, index);
            }
            catch (Exception exception)
            {
                _exceptions.Enqueue(exception);
            }

            var took = Stopwatch.GetElapsedTime(started);
            Interlocked.Increment(ref _calls);
            if (took > SlowCall)
            {
                Interlocked.Increment(ref _slowCalls);
            }

            var ticks = took.Ticks;
            var max = Interlocked.Read(ref _maxCallTicks);
            while (ticks > max)
            {
                var seen = Interlocked.CompareExchange(ref _maxCallTicks, ticks, max);
                if (seen == max)
                {
                    break;
                }

                max = seen;
            }

            if (_callsPerPause > 0 && ++sincePause >= _callsPerPause)
            {
                sincePause = 0;
                Thread.Sleep(_pauseMilliseconds);
            }
        }
    }
}
