using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace GenLog.Generator.Tests;

/// <summary>Assertions about where and how a GenLog diagnostic is reported, as a user sees it in the IDE.</summary>
internal static class DiagnosticAssert
{
    /// <summary>A one-method source: usings on lines 1–2, the attribute on line 6, the method on line 7.</summary>
    public static string InLog(string attribute, string method) => $$"""
        using System;
        using GenLog;
        namespace App;
        public static partial class Log
        {
            {{attribute}}
            {{method}}
        }
        """;

    /// <summary>Runs the generator and returns its only diagnostic with <paramref name="id"/>, failing with all of them otherwise.</summary>
    public static Diagnostic Single(GeneratorHarness.Result result, string id)
    {
        var matches = result.Diagnostics.Where(d => d.Id == id).ToArray();
        Assert.True(matches.Length == 1, $"expected exactly one {id}, got:\n{Describe(result.Diagnostics)}");
        return matches[0];
    }

    /// <summary>
    /// Asserts the generator reports <paramref name="id"/> once, with <paramref name="severity"/>, on the source text
    /// <paramref name="text"/> at 1-based <paramref name="line"/>, and returns its formatted message.
    /// </summary>
    public static string Reports(string source, string id, DiagnosticSeverity severity, string text, int line, int? start = null)
    {
        var result = GeneratorHarness.Run(source);
        var diagnostic = Single(result, id);
        Assert.Equal(severity, diagnostic.Severity);
        Assert.Equal(severity, diagnostic.DefaultSeverity);
        Assert.True(diagnostic.Location.IsInSource, $"{id} is not in source: {diagnostic.Location}");
        Assert.Equal("Source0.cs", diagnostic.Location.SourceTree!.FilePath);
        var span = diagnostic.Location.SourceSpan;
        Assert.True(span.End <= source.Length, $"{id} span {span} is outside the source");
        Assert.Equal(text, source.Substring(span.Start, span.Length));
        Assert.Equal(line, diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1);
        if (start is not null)
        {
            Assert.Equal(start.Value, span.Start);
        }

        return diagnostic.GetMessage(CultureInfo.InvariantCulture);
    }

    /// <summary>Asserts the generator does not report <paramref name="id"/> for <paramref name="source"/>.</summary>
    public static GeneratorHarness.Result DoesNotReport(string source, string id)
    {
        var result = GeneratorHarness.Run(source);
        Assert.True(result.Diagnostics.All(d => d.Id != id), $"unexpected {id}:\n{Describe(result.Diagnostics)}");
        return result;
    }

    /// <summary>Asserts the generator reports nothing of severity warning or error, and the compilation has no error.</summary>
    public static GeneratorHarness.Result Clean(string source)
    {
        var result = GeneratorHarness.Run(source);
        var generator = result.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToArray();
        Assert.True(generator.Length == 0, "generator diagnostics:\n" + Describe(generator));
        var errors = result.Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        Assert.True(errors.Length == 0, "compilation errors:\n" + Describe(errors) + "\n" + string.Join("\n", result.Sources.Values));
        return result;
    }

    public static string Describe(IEnumerable<Diagnostic> diagnostics)
    {
        var lines = diagnostics.Select(d => "  " + d.ToString()).ToArray();
        return lines.Length == 0 ? "  (none)" : string.Join("\n", lines);
    }
}

/// <summary>The repository's files, found from the test binaries by walking up to GenLog.sln.</summary>
internal static class DiagnosticRepository
{
    public static string Root => GenLog.TestSupport.RepositoryRoot.Path;

    public static string DiagnosticsDoc => Path.Combine(Root, "docs", "diagnostics.md");
}
