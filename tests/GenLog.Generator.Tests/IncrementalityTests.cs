using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace GenLog.Generator.Tests;

public class IncrementalityTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const string Declarations = """
        using GenLog;
        namespace App;
        public static partial class Log
        {
            [SyslogMessage(SyslogSeverity.Warning, "Hello {Name}", MsgId = "HELLO")]
            public static partial void Hello(SyslogWriter writer, string name, [SdElement("origin@32473")] string client);

            [SyslogMessage(SyslogSeverity.Error, "Bad {Unknown}")]
            public static partial void Broken(SyslogWriter writer, string name);
        }
        """;

    [Fact]
    public void An_edit_that_touches_no_declaration_leaves_every_step_cached_or_unchanged()
    {
        var compilation = GeneratorHarness.Compilation(Declarations, "namespace App; public class Other { public int A; }");
        var first = GeneratorHarness.Run(compilation);

        var other = compilation.SyntaxTrees.Last();
        var edited = compilation.ReplaceSyntaxTree(other, other.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From("namespace App; public class Other { public int A; public int B; }")));
        var second = GeneratorHarness.Run(edited, first.Driver);

        var steps = second.Run.Results.Single().TrackedSteps;
        foreach (var name in new[] { SyslogGenerator.TrackingNames.Parse, SyslogGenerator.TrackingNames.Types, SyslogGenerator.TrackingNames.Diagnostics })
        {
            var outputs = steps[name].SelectMany(step => step.Outputs).ToArray();
            output.WriteLine($"{name}: {string.Join(", ", outputs.Select(o => o.Reason))}");
            Assert.NotEmpty(outputs);
            Assert.All(outputs, output => Assert.True(
                output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                $"step {name} was {output.Reason}"));
        }

        var sourceOutputs = second.Run.Results.Single().TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).ToArray();
        output.WriteLine($"SourceOutput: {string.Join(", ", sourceOutputs.Select(o => o.Reason))}");
        Assert.All(sourceOutputs, o =>
            Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"output was {o.Reason}"));
    }

    [Fact]
    public void Editing_a_template_regenerates_that_type()
    {
        var compilation = GeneratorHarness.Compilation(Declarations);
        var first = GeneratorHarness.Run(compilation);
        var tree = compilation.SyntaxTrees.Single();
        var edited = compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(Declarations.Replace("Hello {Name}", "Hi {Name}"))));
        var second = GeneratorHarness.Run(edited, first.Driver);
        Assert.Contains("\"Hi \"u8", second.Sources.Values.Single());
        Assert.Contains(second.Run.Results.Single().TrackedSteps[SyslogGenerator.TrackingNames.Types].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
    }

    [Fact]
    public void A_method_moving_to_another_line_re_emits_only_its_own_file()
    {
        // The Python record carries the method's line, so moving it changes its file; no other file may be re-emitted.
        const string other = """
            using GenLog;
            namespace App;
            public static partial class OtherLog
            {
                [SyslogMessage(SyslogSeverity.Notice, "Other {Name}")]
                public static partial void Other(SyslogWriter writer, string name);
            }
            """;
        var compilation = GeneratorHarness.Compilation(Declarations, other);
        var first = GeneratorHarness.Run(compilation);
        Assert.Contains("lineno: 6,", first.Sources["App.Log.g.cs"]);

        var tree = compilation.SyntaxTrees.First();
        var moved = compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From("\n\n" + Declarations)));
        var second = GeneratorHarness.Run(moved, first.Driver);

        Assert.Contains("lineno: 8,", second.Sources["App.Log.g.cs"]);
        Assert.Equal(first.Sources["App.OtherLog.g.cs"], second.Sources["App.OtherLog.g.cs"]);
        var types = second.Run.Results.Single().TrackedSteps[SyslogGenerator.TrackingNames.Types].SelectMany(s => s.Outputs).ToArray();
        var reasons = types.Select(o => $"{((Model.TypeGroup)o.Value).HintName}: {o.Reason}").OrderBy(r => r, System.StringComparer.Ordinal).ToArray();
        output.WriteLine(string.Join(", ", reasons));
        Assert.Equal(new[] { "App.Log.g.cs: Modified", "App.OtherLog.g.cs: Unchanged" }, reasons);

        // Each source output records the files it added: only Log's is re-emitted.
        var emitted = second.Run.Results.Single().TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs)
            .SelectMany(o => ((System.Collections.IEnumerable)((System.Runtime.CompilerServices.ITuple)o.Value)[0]!).Cast<object>().Select(file => $"{HintName(file)}: {o.Reason}"))
            .OrderBy(r => r, System.StringComparer.Ordinal)
            .ToArray();
        Assert.Equal(new[] { "App.Log.g.cs: Modified", "App.OtherLog.g.cs: Cached" }, emitted);
    }

    [Fact]
    public void The_model_holds_no_roslyn_symbols_or_syntax()
    {
        // What emission is cached on compares by value: no ISymbol, SyntaxNode, SemanticModel or Location.
        // (Diagnostics keep source locations on purpose, so #pragma applies to them.)
        var result = GeneratorHarness.Run(Declarations);
        foreach (var step in result.Run.Results.Single().TrackedSteps[SyslogGenerator.TrackingNames.Types])
        {
            foreach (var (value, _) in step.Outputs)
            {
                AssertNoRoslynObjects(value, depth: 0);
            }
        }
    }

    /// <summary>The hint name of a source output's file (Roslyn keeps the type internal).</summary>
    private static string? HintName(object generatedSource) =>
        (string?)generatedSource.GetType().GetProperty("HintName", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic)?.GetValue(generatedSource);

    private static void AssertNoRoslynObjects(object? value, int depth)
    {
        if (value is null || depth > 8 || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum)
        {
            return;
        }

        Assert.False(value is ISymbol or SyntaxNode or SemanticModel or Location or Compilation, $"{value.GetType()} in the model");
        if (value is System.Collections.IEnumerable items)
        {
            foreach (var item in items)
            {
                AssertNoRoslynObjects(item, depth + 1);
            }

            return;
        }

        foreach (var property in value.GetType().GetProperties().Where(p => p.GetIndexParameters().Length == 0))
        {
            if (property.PropertyType.Namespace?.StartsWith("Microsoft.CodeAnalysis.Text", System.StringComparison.Ordinal) == true)
            {
                continue; // TextSpan and LinePositionSpan are plain values
            }

            AssertNoRoslynObjects(property.GetValue(value), depth + 1);
        }
    }
}
