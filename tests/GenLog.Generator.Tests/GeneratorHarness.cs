using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using GenLog.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace GenLog.Generator.Tests;

/// <summary>Runs the generator over source text the way the compiler does, and compiles the result.</summary>
internal static class GeneratorHarness
{
    /// <summary>The framework the tests run on, plus GenLog.dll.</summary>
    public static readonly ImmutableArray<MetadataReference> References =
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => Path.GetFileName(path).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(path) is "mscorlib.dll" or "netstandard.dll")
            .Append(typeof(SyslogWriter).Assembly.Location)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    /// <summary>The result of one generator run.</summary>
    /// <param name="Output">The compilation with the generated sources added.</param>
    /// <param name="Diagnostics">What the generator reported.</param>
    /// <param name="Run">The driver's result (generated trees, step tracking).</param>
    /// <param name="Driver">The driver, to run again after an edit.</param>
    public sealed record Result(Compilation Output, ImmutableArray<Diagnostic> Diagnostics, GeneratorDriverRunResult Run, GeneratorDriver Driver)
    {
        /// <summary>Errors and warnings of the whole compilation after generation (the user's build).</summary>
        public ImmutableArray<Diagnostic> CompilationDiagnostics =>
            Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToImmutableArray();

        /// <summary>The text of each generated file, by hint name.</summary>
        public ImmutableDictionary<string, string> Sources =>
            Run.Results.SelectMany(r => r.GeneratedSources).ToImmutableDictionary(s => s.HintName, s => s.SourceText.ToString());
    }

    public static CSharpCompilation Compilation(params string[] sources) =>
        CSharpCompilation.Create(
            "Tests" + Guid.NewGuid().ToString("N"),
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Source{i}.cs")),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true));

    public static Result Run(params string[] sources) => Run(Compilation(sources));

    public static Result Run(Compilation compilation, GeneratorDriver? driver = null)
    {
        driver ??= CSharpGeneratorDriver.Create(
            new[] { new SyslogGenerator().AsSourceGenerator() },
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        return new Result(output, diagnostics, driver.GetRunResult(), driver);
    }

    /// <summary>Emits the compilation and loads it into a collectible context, failing with the compiler's errors.</summary>
    public static Assembly Load(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var emitted = compilation.Emit(stream);
        if (!emitted.Success)
        {
            throw new InvalidOperationException("The generated code does not compile:\n" + string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        }

        stream.Position = 0;
        return new AssemblyLoadContext(compilation.AssemblyName, isCollectible: true).LoadFromStream(stream);
    }
}
