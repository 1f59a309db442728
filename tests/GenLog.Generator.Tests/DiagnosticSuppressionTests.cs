using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace GenLog.Generator.Tests;

/// <summary>
/// The ways docs/diagnostics.md tells users to silence or escalate a GENLOG diagnostic. Generator diagnostics
/// are not part of <c>Compilation.GetDiagnostics()</c>; the driver reports them, filtered by the compilation's
/// options (pragmas, NoWarn, .editorconfig severities) the way csc filters them in a build.
/// </summary>
public class DiagnosticSuppressionTests
{
    private const string Source = """
        using GenLog;
        namespace App;
        public static partial class Log
        {
        #pragma warning disable GENLOG006
            [SyslogMessage(SyslogSeverity.Warning, "Hello {Name}")]
            public static partial void Quiet(SyslogWriter writer, string name, int unused);
        #pragma warning restore GENLOG006

            [SyslogMessage(SyslogSeverity.Warning, "Hello {Name}")]
            public static partial void Loud(SyslogWriter writer, string name, int unused);
        }
        """;

    [Fact]
    public void Pragma_warning_disable_suppresses_GENLOG006_only_inside_the_region()
    {
        var result = GeneratorHarness.Run(Source);
        var reported = result.Diagnostics.Where(d => d.Id == "GENLOG006").ToArray();

        // What a build shows: a suppressed diagnostic is either dropped or marked IsSuppressed (and not counted as a warning).
        var visible = reported.Where(d => !d.IsSuppressed).ToArray();
        var diagnostic = Assert.Single(visible);
        Assert.Equal(11, diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1);
        Assert.All(reported.Except(visible), d => Assert.Equal(7, d.Location.GetLineSpan().StartLinePosition.Line + 1));

        // Both methods are still generated: the warning never blocked emission.
        Assert.Contains(" Quiet(", Assert.Single(result.Sources).Value, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Pragma_suppressed_generator_diagnostic_is_returned_marked_IsSuppressed()
    {
        // What Roslyn's driver (4.14) does with a pragma-suppressed generator warning: it keeps it, marked
        // IsSuppressed, as csc does (a build lists it only with /reportSuppressedDiagnostics and does not count it).
        var result = GeneratorHarness.Run(Source);
        var reported = result.Diagnostics.Where(d => d.Id == "GENLOG006").OrderBy(d => d.Location.SourceSpan.Start).ToArray();
        Assert.Equal(2, reported.Length);
        Assert.True(reported[0].IsSuppressed);
        Assert.Equal(DiagnosticSeverity.Warning, reported[0].Severity);
        Assert.False(reported[1].IsSuppressed);

        // Generator diagnostics are never part of the output compilation's own diagnostics.
        Assert.DoesNotContain(result.Output.GetDiagnostics(), d => d.Id.StartsWith("GENLOG", System.StringComparison.Ordinal));
    }

    [Fact]
    public void Pragma_for_another_ID_does_not_suppress_GENLOG006()
    {
        var result = GeneratorHarness.Run(Source.Replace("disable GENLOG006", "disable GENLOG014", System.StringComparison.Ordinal));
        Assert.Equal(2, result.Diagnostics.Count(d => d.Id == "GENLOG006" && !d.IsSuppressed));
    }

    [Fact]
    public void Pragma_warning_disable_all_suppresses_GENLOG006()
    {
        var result = GeneratorHarness.Run(Source.Replace("disable GENLOG006", "disable", System.StringComparison.Ordinal));
        Assert.Single(result.Diagnostics, d => d.Id == "GENLOG006" && !d.IsSuppressed);
    }

    [Fact]
    public void NoWarn_suppresses_a_generator_warning_everywhere()
    {
        var compilation = GeneratorHarness.Compilation(Source);
        AssertRaised(compilation, "GENLOG006");
        compilation = compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions(
            new Dictionary<string, ReportDiagnostic> { ["GENLOG006"] = ReportDiagnostic.Suppress }));
        var result = GeneratorHarness.Run(compilation);
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "GENLOG006" && !d.IsSuppressed);
    }

    [Fact]
    public void Editorconfig_severity_none_suppresses_and_error_escalates()
    {
        var options = new EditorConfigSeverities(new Dictionary<string, ReportDiagnostic>
        {
            ["GENLOG006"] = ReportDiagnostic.Error,
            ["GENLOG014"] = ReportDiagnostic.Suppress,
        });
        var compilation = GeneratorHarness.Compilation(Source.Replace("#pragma", "// #pragma", System.StringComparison.Ordinal) + """

            public static partial class More
            {
                [SyslogMessage(SyslogSeverity.Warning, "Hello {Value}")]
                public static partial void Value(GenLog.SyslogWriter writer, object value);
            }
            """);
        AssertRaised(compilation, "GENLOG014");
        compilation = compilation.WithOptions(compilation.Options.WithSyntaxTreeOptionsProvider(options));
        var result = GeneratorHarness.Run(compilation);

        var escalated = result.Diagnostics.Where(d => d.Id == "GENLOG006").ToArray();
        Assert.Equal(2, escalated.Length);
        Assert.All(escalated, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "GENLOG014" && !d.IsSuppressed);
    }

    [Fact]
    public void Pragma_hides_a_GENLOG_error_and_the_method_keeps_its_empty_body()
    {
        // Unlike compiler errors, a diagnostic of a generator or analyzer can be suppressed even when it is an
        // error. The declaration still gets its empty body (no CS8795), so the build succeeds and the call logs nothing.
        var result = GeneratorHarness.Run("""
            using GenLog;
            namespace App;
            public static partial class Log
            {
            #pragma warning disable GENLOG005
                [SyslogMessage(SyslogSeverity.Warning, "Hello {Usr}")]
                public static partial void Hello(SyslogWriter writer, string user);
            #pragma warning restore GENLOG005
            }
            """);
        var error = Assert.Single(result.Diagnostics, d => d.Id == "GENLOG005");
        Assert.True(error.IsSuppressed);
        Assert.DoesNotContain("SyslogMessageBuilder", Assert.Single(result.Sources).Value);
        Assert.DoesNotContain(result.Output.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void Editorconfig_severity_none_hides_a_GENLOG_error_and_the_method_keeps_its_empty_body()
    {
        var compilation = GeneratorHarness.Compilation("""
            using GenLog;
            namespace App;
            public static partial class Log
            {
                [SyslogMessage(SyslogSeverity.Warning, "Hello {Usr}")]
                public static partial void Hello(SyslogWriter writer, string user);
            }
            """);
        AssertRaised(compilation, "GENLOG005");
        compilation = compilation.WithOptions(compilation.Options.WithSyntaxTreeOptionsProvider(
            new EditorConfigSeverities(new Dictionary<string, ReportDiagnostic> { ["GENLOG005"] = ReportDiagnostic.Suppress })));
        var result = GeneratorHarness.Run(compilation);
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "GENLOG005" && !d.IsSuppressed);
        Assert.DoesNotContain(result.Output.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
    }

    /// <summary>Without the suppression under test, the generator reports <paramref name="id"/>: the suppression has something to hide.</summary>
    private static void AssertRaised(Compilation compilation, string id) =>
        Assert.Contains(GeneratorHarness.Run(compilation).Diagnostics, d => d.Id == id && !d.IsSuppressed);

    /// <summary>What the SDK builds from <c>dotnet_diagnostic.ID.severity</c> entries of .editorconfig.</summary>
    private sealed class EditorConfigSeverities(Dictionary<string, ReportDiagnostic> severities) : SyntaxTreeOptionsProvider
    {
        public override GeneratedKind IsGenerated(SyntaxTree tree, CancellationToken cancellationToken) => GeneratedKind.Unknown;

        public override bool TryGetDiagnosticValue(SyntaxTree tree, string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity) =>
            severities.TryGetValue(diagnosticId, out severity);

        public override bool TryGetGlobalDiagnosticValue(string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity) =>
            severities.TryGetValue(diagnosticId, out severity);
    }
}
