using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using GenLog.Interop.Tests.Support;

namespace GenLog.Interop.Tests;

/// <summary>
/// <see cref="SyslogPriority"/> against CPython's <c>logging.handlers.SysLogHandler.encodePriority</c>
/// and its <c>facility_names</c> / <c>priority_names</c> tables (docs/formats.md), read from python3 at run time.
/// </summary>
public sealed class PriorityInteropTests
{
    // Prints CPython's tables and encodePriority for every name pair and every code pair, as JSON.
    private const string Script = """
        import json, logging.handlers as h
        H = h.SysLogHandler
        hd = H.__new__(H)  # encodePriority reads only the class tables; no socket is opened
        f_names, p_names = H.facility_names, H.priority_names
        print(json.dumps({
            "facilities": f_names,
            "priorities": p_names,
            "names": [[f, p, hd.encodePriority(f, p)] for f in f_names for p in p_names],
            "codes": [[f, p, hd.encodePriority(f, p)] for f in sorted(set(f_names.values())) for p in sorted(set(p_names.values()))],
        }))
        """;

    private static readonly Lazy<Task<CPythonTables>> Tables = new(LoadAsync);

    private sealed record CPythonTables(
        Dictionary<string, int> Facilities,
        Dictionary<string, int> Priorities,
        List<(string Facility, string Priority, int Pri)> Names,
        List<(int Facility, int Priority, int Pri)> Codes);

    private static async Task<CPythonTables> LoadAsync()
    {
        var result = await Peers.RunPythonAsync(["-c", Script]);
        Assert.True(result.ExitCode == 0, result.Describe());
        using var json = JsonDocument.Parse(result.StandardOutput);
        var root = json.RootElement;
        return new CPythonTables(
            root.GetProperty("facilities").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32()),
            root.GetProperty("priorities").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32()),
            root.GetProperty("names").EnumerateArray().Select(e => (e[0].GetString()!, e[1].GetString()!, e[2].GetInt32())).ToList(),
            root.GetProperty("codes").EnumerateArray().Select(e => (e[0].GetInt32(), e[1].GetInt32(), e[2].GetInt32())).ToList());
    }

    private static async Task<CPythonTables> GetTablesAsync()
    {
        Peers.RequirePython();
        return await Tables.Value;
    }

    [SkippableFact]
    public async Task CPython_tables_are_the_whole_contract()
    {
        var tables = await GetTablesAsync();

        // Sanity of the reference itself: 24 facility names (24 codes), 12 severity names (8 codes), every pair printed.
        Assert.Equal(24, tables.Facilities.Count);
        Assert.Equal(24, tables.Facilities.Values.Distinct().Count());
        Assert.Equal(12, tables.Priorities.Count);
        Assert.Equal(8, tables.Priorities.Values.Distinct().Count());
        Assert.Equal(24 * 12, tables.Names.Count);
        Assert.Equal(24 * 8, tables.Codes.Count);
    }

    [SkippableFact]
    public async Task Encode_names_matches_CPython_for_every_pair()
    {
        var tables = await GetTablesAsync();
        var mismatches = new List<string>();
        foreach (var (facility, priority, pri) in tables.Names)
        {
            Check(facility, priority);
            Check(facility.ToUpperInvariant(), priority.ToUpperInvariant());
            Check(MixCase(facility), MixCase(priority));

            void Check(string f, string p)
            {
                var actual = SyslogPriority.Encode(f, p);
                if (actual != pri)
                {
                    mismatches.Add($"Encode(\"{f}\", \"{p}\") = {actual}, CPython {pri}");
                }
            }
        }

        Assert.Empty(mismatches);
    }

    [SkippableFact]
    public async Task Encode_codes_and_enums_match_CPython_for_every_pair()
    {
        var tables = await GetTablesAsync();
        foreach (var (facility, priority, pri) in tables.Codes)
        {
            Assert.Equal(pri, SyslogPriority.Encode(facility, priority));
            Assert.Equal(pri, SyslogPriority.Encode((SyslogFacility)facility, (SyslogSeverity)priority));
        }
    }

    [SkippableFact]
    public async Task Enum_members_carry_CPython_codes()
    {
        var tables = await GetTablesAsync();

        // Facilities: the member name, lower-cased and without '-', is CPython's name (SolarisCron = solaris-cron).
        var facilityMembers = Enum.GetValues<SyslogFacility>();
        Assert.Equal(24, facilityMembers.Length);
        foreach (var (name, code) in tables.Facilities)
        {
            var member = facilityMembers.Single(m => m.ToString().Equals(name.Replace("-", string.Empty, StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase));
            Assert.Equal(code, (int)member);
        }

        // Severities: SyslogSeverity names the members (RFC 5424 §6.2.1); CPython's long names map onto them.
        var severityNames = new Dictionary<SyslogSeverity, string>
        {
            [SyslogSeverity.Emergency] = "emerg",
            [SyslogSeverity.Alert] = "alert",
            [SyslogSeverity.Critical] = "critical",
            [SyslogSeverity.Error] = "error",
            [SyslogSeverity.Warning] = "warning",
            [SyslogSeverity.Notice] = "notice",
            [SyslogSeverity.Informational] = "info",
            [SyslogSeverity.Debug] = "debug",
        };
        Assert.Equal(8, Enum.GetValues<SyslogSeverity>().Length);
        foreach (var (member, name) in severityNames)
        {
            Assert.Equal(tables.Priorities[name], (int)member);
        }
    }

    [SkippableFact]
    public async Task TryParse_accepts_every_CPython_name_in_any_ASCII_case()
    {
        var tables = await GetTablesAsync();
        foreach (var (name, code) in tables.Facilities)
        {
            foreach (var spelling in new[] { name, name.ToUpperInvariant(), MixCase(name) })
            {
                Assert.True(SyslogPriority.TryParseFacility(spelling, out var facility), spelling);
                Assert.Equal(code, (int)facility);
            }
        }

        foreach (var (name, code) in tables.Priorities)
        {
            foreach (var spelling in new[] { name, name.ToUpperInvariant(), MixCase(name) })
            {
                Assert.True(SyslogPriority.TryParseSeverity(spelling, out var severity), spelling);
                Assert.Equal(code, (int)severity);
            }
        }
    }

    [SkippableFact]
    public async Task Decode_inverts_CPython_encoding()
    {
        var tables = await GetTablesAsync();
        foreach (var (facility, priority, pri) in tables.Codes)
        {
            var (f, s) = SyslogPriority.Decode(pri);
            Assert.Equal(facility, (int)f);
            Assert.Equal(priority, (int)s);
            Assert.Equal(pri, SyslogPriority.Encode(f, s));
        }

        foreach (var (facilityName, priorityName, pri) in tables.Names)
        {
            Assert.True(SyslogPriority.TryParseFacility(facilityName, out var f));
            Assert.True(SyslogPriority.TryParseSeverity(priorityName, out var s));
            Assert.Equal((f, s), SyslogPriority.Decode(pri));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("local8")]
    [InlineData("local")]
    [InlineData("auth ")]
    [InlineData(" auth")]
    [InlineData("solaris_cron")]
    [InlineData("solariscron")]
    [InlineData("\u017Fyslog")] // LATIN SMALL LETTER LONG S: upper-cases to 'S' outside ASCII, so it must not match "syslog"
    [InlineData("\u212Aern")]   // KELVIN SIGN: lower-cases to 'k' outside ASCII, so it must not match "kern"
    [InlineData("1")]
    public void Unknown_facility_names_are_refused(string name)
    {
        Assert.False(SyslogPriority.TryParseFacility(name, out _));
        var error = Assert.Throws<ArgumentException>(() => SyslogPriority.Encode(name, "info"));
        Assert.Equal("facility", error.ParamName);
        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("warnin")]
    [InlineData("informational")] // the enum member's name, not a CPython name
    [InlineData("emergency")]
    [InlineData("fatal")]
    [InlineData("\u0130nfo")]     // LATIN CAPITAL LETTER I WITH DOT ABOVE
    [InlineData("4")]
    public void Unknown_severity_names_are_refused(string name)
    {
        Assert.False(SyslogPriority.TryParseSeverity(name, out _));
        var error = Assert.Throws<ArgumentException>(() => SyslogPriority.Encode("user", name));
        Assert.Equal("severity", error.ParamName);
    }

    [SkippableFact]
    public async Task Unknown_name_message_lists_every_CPython_name()
    {
        var tables = await GetTablesAsync();

        var facilityError = Assert.Throws<ArgumentException>(() => SyslogPriority.Encode("bogus", "info"));
        foreach (var name in tables.Facilities.Keys)
        {
            Assert.Matches($@"(^|[\s,:'""]){System.Text.RegularExpressions.Regex.Escape(name)}([\s,.'""]|$)", facilityError.Message);
        }

        var severityError = Assert.Throws<ArgumentException>(() => SyslogPriority.Encode("user", "bogus"));
        foreach (var name in tables.Priorities.Keys)
        {
            Assert.Matches($@"(^|[\s,:'""]){System.Text.RegularExpressions.Regex.Escape(name)}([\s,.'""]|$)", severityError.Message);
        }

        // The facility list is not padded with severity names, nor the other way round.
        Assert.DoesNotContain("warning", facilityError.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("local0", severityError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_names_are_refused()
    {
        Assert.Throws<ArgumentNullException>(() => SyslogPriority.Encode(null!, "info"));
        Assert.Throws<ArgumentNullException>(() => SyslogPriority.Encode("user", null!));
    }

    [Theory]
    [InlineData(-1, 0, "facility")]
    [InlineData(24, 0, "facility")]
    [InlineData(int.MinValue, 0, "facility")]
    [InlineData(int.MaxValue, 0, "facility")]
    [InlineData(0, -1, "severity")]
    [InlineData(0, 8, "severity")]
    [InlineData(23, 8, "severity")]
    [InlineData(1, int.MaxValue, "severity")]
    public void Out_of_range_codes_are_refused(int facility, int severity, string parameter)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => SyslogPriority.Encode(facility, severity));
        Assert.Equal(parameter, error.ParamName);
        var enumError = Assert.Throws<ArgumentOutOfRangeException>(() => SyslogPriority.Encode((SyslogFacility)facility, (SyslogSeverity)severity));
        Assert.Equal(parameter, enumError.ParamName);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(192)]
    [InlineData(int.MaxValue)]
    [InlineData(int.MinValue)]
    public void Decode_refuses_values_outside_0_to_191(int pri)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SyslogPriority.Decode(pri));
    }

    [Fact]
    public void Decode_covers_the_whole_range()
    {
        Assert.Equal((SyslogFacility.Kern, SyslogSeverity.Emergency), SyslogPriority.Decode(0));
        Assert.Equal((SyslogFacility.Local7, SyslogSeverity.Debug), SyslogPriority.Decode(191));
        Assert.Equal((SyslogFacility.Auth, SyslogSeverity.Warning), SyslogPriority.Decode(36));
    }

    /// <summary>"solaris-cron" → "SoLaRiS-CrOn".</summary>
    private static string MixCase(string name) =>
        string.Concat(name.Select((c, i) => i % 2 == 0 ? char.ToUpperInvariant(c) : c));
}
