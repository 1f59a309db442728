using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using GenLog.Generator.Diagnostics;
using Microsoft.CodeAnalysis;

namespace GenLog.Generator.Tests;

/// <summary>
/// docs/diagnostics.md is the page every descriptor's help link opens: it documents each ID, and every
/// example in it does what it says (the bad one reports the ID, the fixed one compiles cleanly).
/// </summary>
public class DiagnosticDocsTests
{
    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (var descriptor in Descriptors.All)
        {
            data.Add(descriptor.Id);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Bad_examples_report_the_diagnostic(string id)
    {
        var section = DiagnosticsDoc.Sections[id];
        Assert.NotEmpty(section.Bad);
        foreach (var example in section.Bad)
        {
            var input = GeneratorHarness.Compilation(example);
            var result = GeneratorHarness.Run(input);
            Assert.True(
                result.Diagnostics.Any(d => d.Id == id),
                $"the bad example of {id} does not report it; it reports:\n{DiagnosticAssert.Describe(result.Diagnostics)}\n{example}");
            DiagnosticAssert.OnlyOwnErrors(input, result);
        }
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Fixed_examples_compile_without_generator_warnings_or_errors(string id)
    {
        var section = DiagnosticsDoc.Sections[id];
        Assert.NotEmpty(section.Fixed);
        foreach (var example in section.Fixed)
        {
            var result = GeneratorHarness.Run(example);
            var generator = result.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning || d.Id == id).ToArray();
            Assert.True(generator.Length == 0, $"the fixed example of {id} reports:\n{DiagnosticAssert.Describe(generator)}\n{example}");
            var errors = result.Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
            Assert.True(errors.Length == 0, $"the fixed example of {id} does not compile:\n{DiagnosticAssert.Describe(errors)}\n{example}\n{string.Join("\n", result.Sources.Values)}");
            Assert.NotEmpty(result.Sources);
        }
    }

    [Fact]
    public void Every_descriptor_is_documented_and_every_documented_ID_is_a_descriptor()
    {
        var documented = DiagnosticsDoc.Sections.Keys.OrderBy(k => k, StringComparer.Ordinal).ToArray();
        var descriptors = Descriptors.All.Select(d => d.Id).OrderBy(k => k, StringComparer.Ordinal).ToArray();
        Assert.Equal(descriptors, documented);
    }

    [Fact]
    public void Headings_are_exactly_the_anchors_the_help_links_point_to()
    {
        // GitHub's anchor for "## GENLOG001" is "#genlog001": the heading must hold the ID and nothing else.
        var headings = File.ReadAllLines(DiagnosticRepository.DiagnosticsDoc).Where(l => l.StartsWith("## GENLOG", StringComparison.Ordinal)).ToArray();
        Assert.All(headings, h => Assert.Matches("^## GENLOG[0-9]{3}$", h));
        Assert.Equal(headings.Length, headings.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Each_help_link_points_to_the_IDs_section_of_docs_diagnostics_md()
    {
        Assert.All(Descriptors.All, d => Assert.EndsWith("docs/diagnostics.md#" + d.Id.ToLowerInvariant(), d.HelpLinkUri, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Documented_severity_is_the_descriptors(string id)
    {
        var descriptor = Descriptors.All.Single(d => d.Id == id);
        var expected = descriptor.DefaultSeverity switch
        {
            DiagnosticSeverity.Error => "Error",
            DiagnosticSeverity.Warning => "Warning",
            DiagnosticSeverity.Info => "Info",
            _ => "Hidden",
        };
        Assert.Equal(expected, DiagnosticsDoc.Sections[id].Severity);
        Assert.Contains($"| [{id}](#{id.ToLowerInvariant()}) | {expected} |", File.ReadAllText(DiagnosticRepository.DiagnosticsDoc), StringComparison.Ordinal);
    }

    [Fact]
    public void Descriptors_are_numbered_without_gaps_but_retired_IDs_and_in_category_GenLog()
    {
        // Retired IDs leave their gap: an ID, once shipped, is never reused (docs/diagnostics.md).
        int[] retired = [13];
        var ids = Descriptors.All.Select(d => d.Id).ToArray();
        Assert.Equal(Enumerable.Range(1, ids.Length + retired.Length).Except(retired).Select(i => $"GENLOG{i:000}"), ids);
        Assert.All(Descriptors.All, d =>
        {
            Assert.Equal("GenLog", d.Category);
            Assert.True(d.IsEnabledByDefault);
            Assert.False(string.IsNullOrWhiteSpace(d.Title.ToString()));
            Assert.False(string.IsNullOrWhiteSpace(d.MessageFormat.ToString()));
        });
    }

    [Fact]
    public void Each_cause_of_a_rule_has_its_IDs_title_severity_and_help_link()
    {
        // A rule with several causes has one descriptor per cause; docs, release files and IDE show them as one rule.
        var causes = typeof(Descriptors).GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .ToArray();
        Assert.True(causes.Length > Descriptors.All.Length, "no rule has several causes");
        foreach (var cause in causes)
        {
            var rule = Assert.Single(Descriptors.All, d => d.Id == cause.Id);
            Assert.Equal(rule.Title.ToString(), cause.Title.ToString());
            Assert.Equal(rule.DefaultSeverity, cause.DefaultSeverity);
            Assert.Equal(rule.Category, cause.Category);
            Assert.Equal(rule.HelpLinkUri, cause.HelpLinkUri);
        }
    }

    [Fact]
    public void Every_descriptor_is_tracked_in_the_analyzer_release_files_with_its_severity()
    {
        var generator = Path.Combine(DiagnosticRepository.Root, "src", "Generator");
        var files = Directory.GetFiles(generator, "AnalyzerReleases.*.md", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                && !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .ToArray();
        Assert.Equal(new[] { "AnalyzerReleases.Shipped.md", "AnalyzerReleases.Unshipped.md" }, files.Select(Path.GetFileName).OrderBy(f => f, StringComparer.Ordinal));
        var rows = files.SelectMany(File.ReadAllLines)
            .Select(l => l.Split('|').Select(c => c.Trim()).ToArray())
            .Where(c => c.Length >= 3 && c[0].StartsWith("GENLOG", StringComparison.Ordinal))
            .ToDictionary(c => c[0], c => c[2]);
        foreach (var descriptor in Descriptors.All)
        {
            Assert.True(rows.TryGetValue(descriptor.Id, out var severity), $"{descriptor.Id} is not in the AnalyzerReleases files");
            Assert.Equal(descriptor.DefaultSeverity.ToString(), severity);
        }
    }
}

/// <summary>docs/diagnostics.md split into one section per <c>## GENLOGnnn</c> heading.</summary>
internal static class DiagnosticsDoc
{
    private static readonly Lazy<Dictionary<string, Section>> Parsed = new(Parse);

    public static IReadOnlyDictionary<string, Section> Sections => Parsed.Value;

    internal sealed record Section(string Id, string? Severity, List<string> Bad, List<string> Fixed);

    private static Dictionary<string, Section> Parse()
    {
        var lines = File.ReadAllLines(DiagnosticRepository.DiagnosticsDoc);
        var sections = new Dictionary<string, Section>(StringComparer.Ordinal);
        Section? current = null;
        string? label = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                var id = line.Substring(3).Trim();
                current = Regex.IsMatch(id, "^GENLOG[0-9]{3}$") ? new Section(id, null, new List<string>(), new List<string>()) : null;
                if (current is not null)
                {
                    Assert.False(sections.ContainsKey(id), $"{id} is documented twice");
                    sections.Add(id, current);
                }

                continue;
            }

            if (current is null)
            {
                continue;
            }

            var severity = Regex.Match(line, @"^\*\*Severity:\*\*\s*(\w+)");
            if (severity.Success)
            {
                sections[current.Id] = current = current with { Severity = severity.Groups[1].Value };
            }

            if (line.StartsWith("**Bad", StringComparison.Ordinal))
            {
                label = "bad";
            }
            else if (line.StartsWith("**Fixed", StringComparison.Ordinal))
            {
                label = "fixed";
            }

            if (line.Trim() == "```csharp")
            {
                Assert.True(label is not null, $"a csharp block of {current.Id} (line {i + 1}) is not labelled **Bad** or **Fixed**");
                var code = new List<string>();
                for (i++; i < lines.Length && lines[i].Trim() != "```"; i++)
                {
                    code.Add(lines[i]);
                }

                (label == "bad" ? current.Bad : current.Fixed).Add(string.Join("\n", code) + "\n");
                label = null;
            }
        }

        return sections;
    }
}
