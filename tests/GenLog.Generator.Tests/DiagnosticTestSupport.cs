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
        var input = GeneratorHarness.Compilation(source);
        var result = GeneratorHarness.Run(input);
        OnlyOwnErrors(input, result);
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

    /// <summary>
    /// Asserts the build's errors are GenLog's and the user's own: generation adds no compiler error, and no CS8795
    /// ("partial method must have an implementation") is left beside a GENLOG error, since a declaration with an
    /// error still gets an empty body.
    /// </summary>
    public static void OnlyOwnErrors(Compilation input, GeneratorHarness.Result result)
    {
        // C# takes no implementation where the user's own code is in error (a partial method in a non-partial type:
        // CS0751) or a containing type is not partial or file-local (GENLOG002): there CS8795 is the same mistake.
        var userErrors = input.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error && d.Id != "CS8795").ToArray();
        var noImplementation = userErrors.Length > 0 || result.Diagnostics.Any(d => d.Id == "GENLOG002" && d.GetMessage(CultureInfo.InvariantCulture).StartsWith("Type ", StringComparison.Ordinal));
        var before = (noImplementation ? input.GetDiagnostics() : userErrors.AsEnumerable()).Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToHashSet();
        var added = result.Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error && !before.Contains(d.ToString())).ToArray();
        Assert.True(added.Length == 0, "errors besides GenLog's and the user's own:\n" + Describe(added) + "\n" + string.Join("\n", result.Sources.Values));
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
