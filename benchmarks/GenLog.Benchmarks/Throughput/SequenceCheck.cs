using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Threading;

namespace GenLog.Benchmarks.Throughput;

/// <summary>
/// What a receiver saw of one trial of <see cref="Expected"/> messages numbered 0..Expected-1: every message must
/// arrive once and in order (rsyslog's benchmark rule). With several producers, producer p sends the block
/// p·<see cref="PerProducer"/> .. (p+1)·<see cref="PerProducer"/>-1, so a message's number names its producer and
/// its place in that producer's sequence: each block must arrive complete and in order, while blocks may
/// interleave freely. Written by the sink's thread only; the harness reads the counters through
/// <see cref="Snapshot"/> once the sink has stopped.
/// </summary>
public sealed class SequenceCheck
{
    private readonly bool[] _seen;
    private readonly ManualResetEventSlim _complete = new();
    private long _received;
    private long _distinct;
    private long _duplicates;
    private long _outOfOrder;
    private long _invalid;
    private readonly long[] _highest;
    private long _lastArrival;

    public SequenceCheck(int expected, int producers = 1)
    {
        if (producers < 1 || expected % producers != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(producers), producers, $"{expected} messages do not split evenly among {producers} producers.");
        }

        Expected = expected;
        PerProducer = expected / producers;
        _seen = new bool[expected];
        _highest = new long[producers];
        Array.Fill(_highest, -1L);
    }

    public int Expected { get; }

    /// <summary>How many producers send the messages; one block of <see cref="PerProducer"/> numbers each.</summary>
    public int Producers => _highest.Length;

    /// <summary>How many messages each producer sends: producer p numbers its messages from p·PerProducer.</summary>
    public int PerProducer { get; }

    /// <summary>Messages (valid or not) seen so far; the harness watches it to notice that arrivals stopped.</summary>
    public long Received => Volatile.Read(ref _received);

    /// <summary>
    /// The sequence number of one message: the ASCII digits at its end, after any trailing LF or NUL (the framing
    /// some senders add, CPython's SysLogHandler its NUL). -1 when there are none.
    /// </summary>
    public static long SequenceNumber(ReadOnlySpan<byte> message)
    {
        var end = message.Length;
        while (end > 0 && message[end - 1] is (byte)'\n' or 0)
        {
            end--;
        }

        var start = end;
        while (start > 0 && end - start < 18 && (uint)(message[start - 1] - '0') <= 9)
        {
            start--;
        }

        if (start == end)
        {
            return -1;
        }

        long value = 0;
        for (var i = start; i < end; i++)
        {
            value = (value * 10) + (message[i] - '0');
        }

        return value;
    }

    /// <summary>Counts one message; on the sink's thread.</summary>
    public void Add(ReadOnlySpan<byte> message)
    {
        Volatile.Write(ref _received, _received + 1);
        var sequence = SequenceNumber(message);
        if ((ulong)sequence >= (ulong)Expected)
        {
            _invalid++;
        }
        else if (_seen[sequence])
        {
            _duplicates++;
        }
        else
        {
            _seen[sequence] = true;
            ref var highest = ref _highest[sequence / PerProducer];
            if (sequence < highest)
            {
                _outOfOrder++;
            }
            else
            {
                highest = sequence;
            }

            if (++_distinct == Expected)
            {
                Volatile.Write(ref _lastArrival, Stopwatch.GetTimestamp());
                _complete.Set();
            }
        }
    }

    /// <summary>
    /// Waits until every message arrived, or until nothing more arrived for <paramref name="idle"/> (loss). Call
    /// it once the sender is done: a slow sender is not idle.
    /// </summary>
    public void WaitForAll(TimeSpan idle)
    {
        var before = Received;
        while (!_complete.Wait(idle))
        {
            var now = Received;
            if (now == before)
            {
                return;
            }

            before = now;
        }
    }

    /// <summary>The counters, and when the last message arrived (Stopwatch ticks; 0 when some never did).</summary>
    public Arrival Snapshot() => new(Expected, _received, _distinct, _duplicates, _outOfOrder, _invalid, Volatile.Read(ref _lastArrival));
}

/// <summary>The receiver's account of one trial.</summary>
public readonly record struct Arrival(int Expected, long Received, long Distinct, long Duplicates, long OutOfOrder, long Invalid, long LastArrivalTimestamp)
{
    public long Missing => Expected - Distinct;

    /// <summary>All arrived, once each, in order, nothing foreign.</summary>
    public bool Complete => Missing == 0 && Duplicates == 0 && OutOfOrder == 0 && Invalid == 0;

    /// <summary>"0" for a complete trial, else what went wrong ("1,204 missing, 3 out of order").</summary>
    public string Describe()
    {
        if (Complete)
        {
            return "0";
        }

        var parts = new List<string>();
        Add(Missing, "missing");
        Add(OutOfOrder, "out of order");
        Add(Duplicates, "duplicated");
        Add(Invalid, "unreadable");
        return string.Join(", ", parts);

        void Add(long count, string what)
        {
            if (count > 0)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"{count:N0} {what}"));
            }
        }
    }
}
