using System.Linq;
using System.Threading.Tasks;
using GenLog.Generator.Tests;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace GenLog.CodeFixes.Tests;

/// <summary>
/// Checks one fix the way a user meets it: the input has exactly the GENLOG diagnostics its markup marks, the chosen
/// action turns it into the fixed code (and, where the fix has one, fix-all does the same for every marked
/// diagnostic), and the fixed code then builds with the generator with no diagnostic at all, GENLOG or CS.
/// </summary>
internal static class CodeFixVerifier<TFix>
    where TFix : CodeFixProvider, new()
{
    /// <summary>
    /// <paramref name="source"/> marks each expected diagnostic as <c>{|GENLOGnnn:text|}</c>; <paramref name="action"/>
    /// is the equivalence key of the action to apply (null: the only one offered).
    /// </summary>
    public static async Task VerifyAsync(string source, string fixedSource, string? action = null, DiagnosticResult[]? expected = null)
    {
        var test = new Test { TestCode = source, FixedCode = fixedSource, CodeActionEquivalenceKey = action };
        test.ExpectedDiagnostics.AddRange(expected ?? []);
        await test.RunAsync();
        AssertBuildsClean(fixedSource);
    }

    /// <summary>The diagnostics are marked and the fix offers nothing for them.</summary>
    /// <summary>A diagnostic at the markup location <c>{|#n:…|}</c>, for several diagnostics on one span.</summary>
    public static DiagnosticResult Diagnostic(string id, int location) =>
        new DiagnosticResult(id, id == "GENLOG006" ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error).WithLocation(location);

    public static async Task VerifyNoFixAsync(string source)
    {
        var test = new Test { TestCode = source, FixedCode = source };
        await test.RunAsync();
    }

    /// <summary>The code with the generator's output added has no diagnostic but hidden ones, and the generator reports none.</summary>
    public static void AssertBuildsClean(string source)
    {
        var result = GeneratorHarness.Run(source);
        var all = result.Diagnostics.Concat(result.Output.GetDiagnostics()).Where(d => d.Severity > DiagnosticSeverity.Hidden).ToList();
        Assert.True(all.Count == 0, "The fixed code does not build clean:\n" + string.Join("\n", all));
        Assert.NotEmpty(result.Sources);
    }

    private sealed class Test : CSharpCodeFixTest<GeneratorDiagnostics, TFix, DefaultVerifier>
    {
        public Test()
        {
            // Only the generator's diagnostics are compared here: while a method has a GENLOG error it may have no
            // body, and the compiler's errors about that are not what is under test. AssertBuildsClean checks the
            // fixed code against every diagnostic.
            CompilerDiagnostics = CompilerDiagnostics.None;
            // The framework the tests run on, plus GenLog.dll: no reference-assembly download.
            ReferenceAssemblies = new ReferenceAssemblies("net10.0");
            TestState.AdditionalReferences.AddRange(GeneratorHarness.References);
        }

        protected override ParseOptions CreateParseOptions() => GeneratorHarness.ParseOptions;

        protected override CompilationOptions CreateCompilationOptions() =>
            ((CSharpCompilationOptions)base.CreateCompilationOptions()).WithNullableContextOptions(NullableContextOptions.Enable);
    }
}
