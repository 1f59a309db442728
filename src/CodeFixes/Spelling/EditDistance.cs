using System;
using System.Collections.Generic;
using System.Linq;

namespace GenLog.CodeFixes.Spelling;

/// <summary>
/// How far apart two names are, ignoring case (placeholders and CPython names are both matched ignoring case):
/// insertions, deletions, substitutions and swaps of two neighbouring characters each count one.
/// </summary>
internal static class EditDistance
{
    /// <summary>The optimal-string-alignment distance between <paramref name="a"/> and <paramref name="b"/>, ignoring case.</summary>
    public static int Between(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = Same(a[i - 1], b[j - 1]) ? 0 : 1;
                var best = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && Same(a[i - 1], b[j - 2]) && Same(a[i - 2], b[j - 1]))
                {
                    best = Math.Min(best, d[i - 2, j - 2] + 1);
                }

                d[i, j] = best;
            }
        }

        return d[a.Length, b.Length];
    }

    /// <summary>
    /// The candidates close enough to <paramref name="name"/> to be what was meant (at most a third of the longer
    /// name changed, and at least one edit allowed), nearest first, then in the order given.
    /// </summary>
    public static IReadOnlyList<string> Closest(string name, IEnumerable<string> candidates) =>
        candidates
            .Distinct(StringComparer.Ordinal)
            .Select((candidate, order) => (Candidate: candidate, Order: order, Distance: Between(name, candidate)))
            .Where(c => c.Distance <= Math.Max(1, Math.Max(name.Length, c.Candidate.Length) / 3))
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Order)
            .Select(c => c.Candidate)
            .ToList();

    private static bool Same(char x, char y) => char.ToUpperInvariant(x) == char.ToUpperInvariant(y);
}
