using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using GenLog.Interop.Tests.Support;

namespace GenLog.Interop.Tests.Chaos;

/// <summary>
/// What arrived of the sequence numbers 0 … <see cref="Expected"/> − 1, counted the way rsyslog's testbench checks its
/// sequence-numbered messages (tests/diag.sh seq_check: sorted, then gaps and repeats), plus the order per logging thread.
/// </summary>
/// <param name="Expected">Sequence numbers logged (0 to Expected − 1).</param>
/// <param name="Received">Records that carried one of them, duplicates included.</param>
/// <param name="Missing">Numbers that never arrived, ascending.</param>
/// <param name="Duplicated">Records beyond the first for a number.</param>
/// <param name="OutOfOrder">First arrivals that came after a higher number from the same thread (must be 0: a resend
/// after a reconnect starts at the first unconfirmed message and keeps the order).</param>
/// <param name="Rewinds">Arrivals, duplicates included, lower than the one before from the same thread: the resends.</param>
internal sealed record SequenceCheck(long Expected, int Received, int[] Missing, int Duplicated, int OutOfOrder, int Rewinds)
{
    private static readonly Regex Numbered = new(@"seq=(\d+) \S+ t(\d+)", RegexOptions.CultureInvariant);

    /// <summary>Checks the records (in arrival order) against the numbers 0 … <paramref name="expected"/> − 1; higher numbers are ignored.</summary>
    public static SequenceCheck Of(IEnumerable<RsyslogRecord> records, long expected)
    {
        var counts = new int[expected];
        var lastArrival = new Dictionary<int, long>();
        var lastFirstArrival = new Dictionary<int, long>();
        var received = 0;
        var outOfOrder = 0;
        var rewinds = 0;
        foreach (var record in records)
        {
            var match = Numbered.Match(record.Msg);
            if (!match.Success || !long.TryParse(match.Groups[1].ValueSpan, out var seq) || seq >= expected)
            {
                continue;
            }

            var thread = int.Parse(match.Groups[2].ValueSpan);
            received++;
            if (lastArrival.TryGetValue(thread, out var previous) && seq < previous)
            {
                rewinds++;
            }

            lastArrival[thread] = seq;
            if (counts[seq]++ == 0)
            {
                if (lastFirstArrival.TryGetValue(thread, out var previousFirst) && seq < previousFirst)
                {
                    outOfOrder++;
                }

                lastFirstArrival[thread] = seq;
            }
        }

        var missing = Enumerable.Range(0, (int)expected).Where(seq => counts[seq] == 0).ToArray();
        var duplicated = counts.Sum(count => Math.Max(count - 1, 0));
        return new SequenceCheck(expected, received, missing, duplicated, outOfOrder, rewinds);
    }

    /// <summary>Distinct numbers that arrived.</summary>
    public long Delivered => Expected - Missing.Length;

    /// <summary>One line for a test's output.</summary>
    public string Describe() =>
        $"{Expected:N0} logged, {Received:N0} records, {Missing.Length} missing{(Missing.Length > 0 ? $" ({Ranges(Missing)})" : string.Empty)}, " +
        $"{Duplicated} duplicated, {OutOfOrder} out of order, {Rewinds} rewinds";

    /// <summary>"3-7, 12" for 3,4,5,6,7,12; at most 20 ranges.</summary>
    private static string Ranges(int[] sorted)
    {
        var ranges = new List<string>();
        for (var i = 0; i < sorted.Length && ranges.Count < 20; i++)
        {
            var start = sorted[i];
            while (i + 1 < sorted.Length && sorted[i + 1] == sorted[i] + 1)
            {
                i++;
            }

            ranges.Add(start == sorted[i] ? $"{start}" : $"{start}-{sorted[i]}");
        }

        return string.Join(", ", ranges);
    }
}
