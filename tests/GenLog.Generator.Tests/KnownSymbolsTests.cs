using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace GenLog.Generator.Tests;

/// <summary>
/// GenLog's types are recognised as symbols, not by name: a SyslogWriter or attribute of the same name in
/// another namespace or another assembly is a user's own type, and the generator treats it as one.
/// </summary>
public class KnownSymbolsTests
{
    /// <summary>A library that declares types with GenLog's full names, referenced under the alias <c>fake</c>.</summary>
    private static readonly MetadataReference FakeGenLog = Image(CSharpCompilation.Create(
            "Fake.GenLog",
            [CSharpSyntaxTree.ParseText("""
                namespace GenLog
                {
                    public sealed class SyslogWriter { public bool IsEnabled(int severity) => true; }
                    [System.AttributeUsage(System.AttributeTargets.Method)]
                    public sealed class SyslogMessageAttribute : System.Attribute { public SyslogMessageAttribute(int severity, string message) { } public string? MsgId { get; set; } }
                    [System.AttributeUsage(System.AttributeTargets.Class)]
                    public sealed class SyslogSourceAttribute : System.Attribute { public SyslogSourceAttribute(int facility) { } public string? AppName { get; set; } }
                }
                """, GeneratorHarness.ParseOptions)],
            GeneratorHarness.References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)));

    private static MetadataReference Image(Compilation compilation)
    {
        using var stream = new System.IO.MemoryStream();
        var emitted = compilation.Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        return MetadataReference.CreateFromImage(stream.ToArray(), new MetadataReferenceProperties(aliases: ImmutableArray.Create("fake")));
    }

    private static GeneratorHarness.Result RunWithFake(string source)
    {
        var compilation = GeneratorHarness.Compilation(source).AddReferences(FakeGenLog);
        return GeneratorHarness.Run(compilation);
    }

    [Fact]
    public void A_SyslogWriter_of_another_assembly_with_GenLogs_full_name_is_not_a_writer()
    {
        var result = RunWithFake("""
            extern alias fake;
            using GenLog;
            namespace App;
            public static partial class Log
            {
                [SyslogMessage(SyslogSeverity.Warning, "Hello {Name}")]
                public static partial void Hello(fake::GenLog.SyslogWriter writer, string name);
            }
            """);

        var noWriter = DiagnosticAssert.Single(result, "GENLOG003");
        Assert.Contains("Method 'Hello' has no SyslogWriter", noWriter.GetMessage(System.Globalization.CultureInfo.InvariantCulture));

        // global:: cannot name the aliased type, so no empty body either: C# keeps its own CS8795.
        Assert.Empty(result.Sources);
    }

    [Fact]
    public void A_SyslogWriter_in_another_namespace_is_not_a_writer()
    {
        var result = GeneratorHarness.Run("""
            using GenLog;
            namespace App
            {
                public static partial class Log
                {
                    [SyslogMessage(SyslogSeverity.Warning, "Hello {Name}")]
                    public static partial void Hello(Mine.SyslogWriter writer, string name);
                }
            }
            namespace Mine
            {
                public sealed class SyslogWriter { }
            }
            """);

        DiagnosticAssert.Single(result, "GENLOG003");
        var generated = Assert.Single(result.Sources).Value;
        Assert.DoesNotContain("SyslogMessageBuilder", generated);
        Assert.Contains("Hello(global::Mine.SyslogWriter writer, string name)", generated);
        Assert.DoesNotContain(result.Output.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void A_SyslogMessage_attribute_of_another_assembly_is_ignored()
    {
        var result = RunWithFake("""
            extern alias fake;
            namespace App;
            public static partial class Log
            {
                [fake::GenLog.SyslogMessage(4, "Hello {Name}")]
                public static partial void Hello(fake::GenLog.SyslogWriter writer, string name);
            }
            """);

        Assert.Empty(result.Diagnostics);
        Assert.Empty(result.Sources);
    }

    [Fact]
    public void A_SyslogSource_attribute_of_another_assembly_gives_no_defaults()
    {
        var result = RunWithFake("""
            extern alias fake;
            using GenLog;
            namespace App;
            [fake::GenLog.SyslogSource(4, AppName = "impostor")]
            public static partial class Log
            {
                [SyslogMessage(SyslogSeverity.Warning, "Hello {Name}")]
                public static partial void Hello(SyslogWriter writer, string name);
            }
            """);

        Assert.Empty(result.Diagnostics);
        var source = Assert.Single(result.Sources).Value;
        Assert.DoesNotContain("impostor", source);

        // No facility from the impostor either: the writer's default applies.
        Assert.Contains("facility: null", source);
    }
}
