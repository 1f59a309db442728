using System;
using System.Diagnostics;

namespace GenLog.Benchmarks.Throughput;

/// <summary>One timed trial of one contender: how long, and what the receiver saw.</summary>
public sealed record Trial(TimeSpan Elapsed, Arrival Arrival, string? Note = null)
{
    /// <summary>How long a receiver may see nothing new before the trial is declared lossy.</summary>
    public static readonly TimeSpan Idle = TimeSpan.FromSeconds(1);

    /// <summary>Messages per second; only a trial whose messages all arrived, in order, has one.</summary>
    public double? Rate => Arrival.Complete ? Arrival.Expected / Elapsed.TotalSeconds : null;

    /// <summary>
    /// Times <paramref name="send"/> from its first message until the last one reached <paramref name="sink"/> (the
    /// receiver's clock), then waits for the stragglers or for arrivals to stop.
    /// </summary>
    public static Trial Measure(LoopbackSink sink, Action send, Func<string?>? note = null)
    {
        var started = Stopwatch.GetTimestamp();
        send();
        var sent = Stopwatch.GetTimestamp();
        var arrival = sink.Finish(Idle);
        var end = arrival.LastArrivalTimestamp != 0 ? arrival.LastArrivalTimestamp : sent;
        return new Trial(Stopwatch.GetElapsedTime(started, end), arrival, note?.Invoke());
    }
}
