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
            public static partial void Hello(SyslogWriter writer, string name);

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
