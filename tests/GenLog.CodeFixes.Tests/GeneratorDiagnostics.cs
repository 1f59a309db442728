using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using GenLog.Generator;
using GenLog.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace GenLog.CodeFixes.Tests;

/// <summary>
/// The generator's diagnostics as an analyzer's. The Roslyn code-fix test framework finds the diagnostics to fix
/// through a <see cref="DiagnosticAnalyzer"/> (and the compiler); GENLOG diagnostics come from a source generator,
/// so this adapter runs <see cref="SyslogGenerator"/> over the compilation under test and reports what it reports,
/// at the same locations, in the input and again in the fixed code.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class GeneratorDiagnostics : DiagnosticAnalyzer
{
    /// <summary>One descriptor per ID: an analyzer may report any diagnostic whose ID it declares.</summary>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = Descriptors.All.ToImmutableArray();

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            // The generator runs once per compilation; each document gets its own diagnostics, as the IDE shows them
            // (the test framework fixes only diagnostics reported for the document being analyzed).
            var generated = new Lazy<ImmutableArray<Diagnostic>>(() => Run(start.Compilation, start.CancellationToken));
            start.RegisterSemanticModelAction(model =>
            {
                foreach (var diagnostic in generated.Value.Where(d => d.Location.SourceTree == model.SemanticModel.SyntaxTree))
                {
                    model.ReportDiagnostic(diagnostic);
                }
            });
        });
    }

    private static ImmutableArray<Diagnostic> Run(Compilation compilation, CancellationToken cancellation)
    {
        var parseOptions = compilation.SyntaxTrees.FirstOrDefault()?.Options as CSharpParseOptions;
        CSharpGeneratorDriver
            .Create(new[] { new SyslogGenerator().AsSourceGenerator() }, parseOptions: parseOptions)
            .RunGeneratorsAndUpdateCompilation(compilation, out _, out var diagnostics, cancellation);
        return diagnostics;
    }
}
