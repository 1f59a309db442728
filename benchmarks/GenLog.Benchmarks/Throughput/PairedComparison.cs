using System;
using System.Collections.Generic;
using System.Linq;

namespace GenLog.Benchmarks.Throughput;

/// <summary>A target of docs/performance.md, checked against a comparison's result; <paramref name="Measure"/> returns null when it cannot be judged (no complete trials).</summary>
public sealed record Target(string Text, double Threshold, Func<ComparisonResult, double?> Measure);

/// <summary>
/// Contenders measured in alternating paired rounds: each round runs every contender once, forward in even
/// rounds and backward in odd ones (A,B then B,A for two), so drift of a shared machine falls on both sides
/// alike. The first contender is GenLog; every other one is compared with it round by round.
/// </summary>
public sealed class PairedComparison(string title, IReadOnlyList<IThroughputContender> contenders, IReadOnlyList<Target> targets, string? note = null)
{
    public string Title => title;

    /// <summary>What the reader must know about how this comparison's rates were taken, when it differs from the others.</summary>
    public string? Note => note;

    public IReadOnlyList<Target> Targets => targets;

    public ComparisonResult Run(int count, int rounds, Action<string> progress)
    {
        foreach (var contender in contenders)
        {
            progress($"{title}: warm-up, {contender.Name}");
            contender.Run(count);
        }

        var trials = contenders.Select(_ => new List<Trial>()).ToArray();
        for (var round = 0; round < rounds; round++)
        {
            var order = Enumerable.Range(0, contenders.Count);
            foreach (var index in round % 2 == 0 ? order : order.Reverse())
            {
                Collect();
                var trial = contenders[index].Run(count);
                trials[index].Add(trial);
                progress($"{title}: round {round + 1}/{rounds}, {contenders[index].Name}: {(trial.Rate is { } rate ? $"{rate:N0} msgs/s" : "LOSS " + trial.Arrival.Describe())}");
            }
        }

        return new ComparisonResult(this, count, contenders.Select((c, i) => new ContenderResult(c.Name, trials[i])).ToArray());
    }

    /// <summary>Starts each trial with a clean heap, so one contender's garbage is not collected on another's time.</summary>
    private static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}

/// <summary>One contender's trials, in round order.</summary>
public sealed record ContenderResult(string Name, IReadOnlyList<Trial> Trials)
{
    /// <summary>Rates of the trials where everything arrived; a lossy trial has none and is left out.</summary>
    public IReadOnlyList<double> Rates => Trials.Where(t => t.Rate is not null).Select(t => t.Rate!.Value).ToArray();

    public double? MedianRate => Medians.Of(Rates);
}

public sealed record ComparisonResult(PairedComparison Comparison, int Count, IReadOnlyList<ContenderResult> Contenders)
{
    public ContenderResult GenLog => Contenders[0];

    /// <summary>GenLog's rate over the other contender's, one per round where both trials were complete.</summary>
    public IReadOnlyList<double> Ratios(int contender) =>
        GenLog.Trials.Zip(Contenders[contender].Trials)
            .Where(pair => pair.First.Rate is not null && pair.Second.Rate is not null)
            .Select(pair => pair.First.Rate!.Value / pair.Second.Rate!.Value)
            .ToArray();

    public double? MedianRatio(int contender) => Medians.Of(Ratios(contender));
}

public static class Medians
{
    public static double? Of(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
