using System;
using System.Collections.Generic;
using System.Linq;

namespace GenLog.CodeFixes.Spelling;

/// <summary>
/// The CPython facility or severity name (<see cref="SyslogNames"/>, the table the generator checks) a user most
/// likely meant: a known other spelling first (<c>information</c> → <c>info</c>), else the nearest by edit distance.
/// </summary>
internal static class PriorityNames
{
    /// <summary>Names from other logging systems that are far from their CPython name in spelling.</summary>
    private static readonly Dictionary<string, string> SeverityAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["information"] = "info",
        ["informational"] = "info",
        ["emergency"] = "emerg",
        ["fatal"] = "crit",
        ["trace"] = "debug",
        ["verbose"] = "debug",
    };

    private static readonly Dictionary<string, string> FacilityAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["kernel"] = "kern",
        ["printer"] = "lpr",
        ["clock"] = "cron",
    };

    /// <summary>The severity names to offer for <paramref name="name"/>, best first; empty when none is close.</summary>
    public static IReadOnlyList<string> ForSeverity(string name) => Suggest(name, SyslogNames.Severities, SeverityAliases);

    /// <summary>The facility names to offer for <paramref name="name"/>, best first; empty when none is close.</summary>
    public static IReadOnlyList<string> ForFacility(string name) => Suggest(name, SyslogNames.Facilities, FacilityAliases);

    private static IReadOnlyList<string> Suggest(string name, (string Name, int Code)[] table, Dictionary<string, string> aliases)
    {
        var trimmed = name.Trim();
        var known = table.Select(entry => entry.Name).ToList();
        var result = new List<string>();
        if (trimmed.Length != name.Length && SyslogNames.Find(table, trimmed.AsSpan()) >= 0)
        {
            result.Add(trimmed.ToLowerInvariant());
        }

        if (aliases.TryGetValue(trimmed, out var alias))
        {
            result.Add(alias);
        }

        result.AddRange(EditDistance.Closest(trimmed, known));

        // Names that say the same (crit/critical, warn/warning): the first offered stands for its code.
        var codes = new HashSet<int>();
        return result.Distinct(StringComparer.Ordinal).Where(n => codes.Add(SyslogNames.Find(table, n.AsSpan()))).ToList();
    }
}
