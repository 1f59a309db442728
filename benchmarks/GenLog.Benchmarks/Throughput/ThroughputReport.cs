using System;
using System.Globalization;
using System.Linq;
using System.Text;

namespace GenLog.Benchmarks.Throughput;

/// <summary>The Markdown the harness prints and writes to BenchmarkDotNet.Artifacts/results/throughput.md.</summary>
public sealed class ThroughputReport
{
    private readonly StringBuilder _text = new();

    public override string ToString() => _text.ToString();

    public void Line(string line = "") => _text.Append(line).Append('\n');

    public void Add(ComparisonResult result, int rounds)
    {
        Line($"## {result.Comparison.Title}");
        Line();
        Line(Invariant($"{result.Count:N0} messages per trial; {rounds} rounds in alternating order (forward, backward, …) after one warm-up trial each. Rates are from the first message sent to the last one received; ratios are GenLog's rate over the contender's, taken per round, then the median."));
        if (result.Comparison.Note is { } note)
        {
            Line();
            Line(note);
        }

        Line();
        Line("| contender | median msgs/s | min – max | median ratio GenLog ÷ this (min – max) | loss per trial (0: all arrived, once, in order) |");
        Line("| --- | ---: | ---: | ---: | --- |");
        for (var i = 0; i < result.Contenders.Count; i++)
        {
            var contender = result.Contenders[i];
            var rates = contender.Rates;
            var range = rates.Count == 0 ? "—" : Invariant($"{rates.Min():N0} – {rates.Max():N0}");
            var ratio = i == 0 ? "(GenLog)" : Ratio(result, i);
            var loss = string.Join("; ", contender.Trials.Select(t => t.Arrival.Describe() + (t.Note is null ? "" : $" ({t.Note})")));
            Line($"| {contender.Name} | {Rate(contender.MedianRate)} | {range} | {ratio} | {loss} |");
        }

        Line();
        var lossy = result.Contenders.Sum(c => c.Trials.Count(t => t.Rate is null));
        if (lossy > 0)
        {
            Line($"**{lossy} trial(s) lost, duplicated or reordered messages**: they are left out of the medians, and their rounds out of the ratios.");
            Line();
        }

        foreach (var target in result.Comparison.Targets)
        {
            var measured = target.Measure(result);
            var verdict = measured is not { } value ? "not measured" : value >= target.Threshold ? "met" : "**not met**";
            Line(Invariant($"- target {target.Text}: {(measured is { } m ? (m >= 1000 ? m.ToString("N0", CultureInfo.InvariantCulture) : m.ToString("F2", CultureInfo.InvariantCulture)) : "—")} — {verdict}"));
        }

        Line();
    }

    public void NotRun(string title, string reason)
    {
        Line($"## {title}");
        Line();
        Line($"Not run: {reason}");
        Line();
    }

    private static string Ratio(ComparisonResult result, int contender)
    {
        var ratios = result.Ratios(contender);
        return result.MedianRatio(contender) is { } median
            ? Invariant($"{median:F2} ({ratios.Min():F2} – {ratios.Max():F2})")
            : "—";
    }

    private static string Rate(double? rate) => rate is { } value ? Invariant($"{value:N0}") : "—";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
