using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace GenLog.Generator.Tests;

/// <summary>
/// docs/diagnostics.md: the generator never throws. Broken or half-typed code, as the IDE feeds it on every keystroke,
/// yields diagnostics or nothing, never AD0001 / CS8784 / CS8785, and whatever is generated parses.
/// </summary>
public class DiagnosticRobustnessTests
{
    private const string Head = "using System;\nusing GenLog;\nnamespace App;\n";

    public static TheoryData<string, string> BrokenSnippets() => new()
    {
        { "missing using GenLog", "namespace App; public static partial class Log { [SyslogMessage(SyslogSeverity.Warning, \"Hi {X}\")] public static partial void M(SyslogWriter w, int x); }" },
        { "fully qualified attribute, no usings", "namespace App; public static partial class Log { [GenLog.SyslogMessage(GenLog.SyslogSeverity.Warning, \"Hi {X}\")] public static partial void M(GenLog.SyslogWriter w, int x); }" },
        { "unknown parameter type", Head + "public static partial class Log { [SyslogMessage(SyslogSeverity.Warning, \"Hi {X}\")] public static partial void M(SyslogWriter w, Nope x); }" },
        { "unknown writer type", Head + "public static partial class Log { [SyslogMessage(SyslogSeverity.Warning, \"Hi {X}\")] public static partial void M(SyslogWritr w, int x); }" },
        { "attribute without arguments", Head + "public static partial class Log { [SyslogMessage] public static partial void M(SyslogWriter w, int x); }" },
        { "attribute with empty argument list", Head + "public static partial class Log { [SyslogMessage()] public static partial void M(SyslogWriter w, int x); }" },
        { "attribute with too many arguments", Head + "public static partial class Log { [SyslogMessage(1, 2, \"a\", \"b\")] public static partial void M(SyslogWriter w, int x); }" },
        { "attribute with wrong argument types", Head + "public static partial class Log { [SyslogMessage(\"a\", 3)] public static partial void M(SyslogWriter w, int x); }" },
        { "non-constant template", Head + "public static partial class Log { static string T() => \"x\"; [SyslogMessage(SyslogSeverity.Warning, T())] public static partial void M(SyslogWriter w, int x); }" },
        { "non-constant static field template", Head + "public static partial class Log { static readonly string T = \"x\"; [SyslogMessage(SyslogSeverity.Warning, T)] public static partial void M(SyslogWriter w, int x); }" },
        { "interpolated string template", Head + "public static partial class Log { [SyslogMessage(SyslogSeverity.Warning, $\"Hi {x}\")] public static partial void M(SyslogWriter w, int x); }" },
        { "constant interpolated string template", Head + "public static partial class Log { const string P = \"Hi\"; [SyslogMessage(SyslogSeverity.Warning, $\"{P} {{Y}}\")] public static partial void M(SyslogWriter w, int x); }" },
        { "non-constant named arguments", Head + "public static partial class Log { static string Id => \"a\"; [SyslogMessage(SyslogSeverity.Warning, \"Hi {X}\", MsgId = Id, SdId = Id)] public static partial void M(SyslogWriter w, int x); }" },
        { "named argument of the wrong type", Head + "public static partial class Log { [SyslogMessage(SyslogSeverity.Warning, \"Hi {X}\", MsgId = 5, Nope = 1)] public static partial void M(SyslogWriter w, int x); }" },
        { "enum argument of the wrong type", Head + "public static partial class Log { [SyslogMessage(SyslogFacility.Auth, \"Hi {X}\")] public static partial void M(SyslogWriter w, int x); }" },
        { "unclosed attribute", Head + "public static partial class Log { [SyslogMessage(SyslogSeverity.Warning, \"Hi {X}\" public static partial void M(SyslogWriter w, int x); }" },
        { "unterminated template literal", Head + "public static partial class Log { [SyslogMessage(SyslogSeverity.Warning, \"Hi {X\n public static partial void M(SyslogWriter w, int x); }" },
        { "unterminated template ending in a \\U escape", Head + "public static partial class Log { [SyslogMessage(SyslogSeverity.Warning, \"{Usr} \\U0001\n public static partial void M(SyslogWriter w, int x); }" },
        { "half-typed \\U escape in a closed template", Head + "public static partial class Log { [SyslogMessage(SyslogSeverity.Warning, \"{Usr} \\U12\")] public static partial void M(SyslogWriter w, int x); }" },
        { "unterminated template ending in a \\u escape", Head + "public static partial class Log { [SyslogMessage(SyslogSeverity.Warning, \"{Usr} \\u00\n public static partial void M(SyslogWriter w, int x); }" },
        { "half-typed method without a name", Head + "public static partial class Log { [SyslogMessage(SyslogSeverity.Warning, \"Hi {X}\")] public static partial void }" },
        { "half-typed parameter list", Head + "public static partial class Log { [SyslogMessage(SyslogSeverity.Warning, \"Hi {X}\")] public static partial void M(SyslogWriter w, int }" },
        { "half-typed parameter", Head + "public static partial class Log { [SyslogMessage(SyslogSeverity.Warning, \"Hi {X}\")] public static partial void M(SyslogWriter w, int x = ); }" },
        { "method outside a type", Head + "[SyslogMessage(SyslogSeverity.Warning, \"Hi {X}\")] public static partial void M(SyslogWriter w, int x);" },
        { "method in top-level statements", "using GenLog;\nSystem.Console.WriteLine();\n[SyslogMessage(SyslogSeverity.Warning, \"Hi {X}\")] static partial void M(SyslogWriter w, int x);" },
        { "local function", Head + "public static partial class Log { static void Outer() { [SyslogMessage(SyslogSeverity.Warning, \"Hi {X}\")] static void M(SyslogWriter w, int x) { } } }" },
        { "generic containing type", Head + "public partial class Log<T> where T : ISpanFormattable { [SyslogMessage(SyslogSeverity.Warning, \"Hi {X} {V}\")] public static partial void M(SyslogWriter w, int x, T v); }" },
        { "generic method", Head + "public static partial class Log { [SyslogMessage(SyslogSeverity.Warning, \"Hi {X}\")] public static partial void M<T>(SyslogWriter w, T x) where T : ISpanFormattable; }" },
        { "record with primary constructor writer", Head + "public partial record Log(SyslogWriter Writer) { [SyslogMessage(SyslogSeverity.Warning, \"Hi {X}\")] public partial void M(int x); }" },
        { "record struct", Head + "public partial record struct Log(SyslogWriter Writer) { [SyslogMessage(SyslogSeverity.Warning, \"Hi {X}\")] public partial void M(int x); }" },
        { "readonly ref struct", Head + "public readonly ref partial struct Log(SyslogWriter writer) { [SyslogMessage(SyslogSeverity.Warning, \"Hi {X}\")] public partial void M(ReadOnlySpan<char> x); }" },
        { "nested types", Head + "public static partial class A { internal partial struct B { private partial class C { [SyslogMessage(SyslogSeverity.Warning, \"Hi {X}\")] internal static partial void M(SyslogWriter w, int x); } } }" },
        { "interface", Head + "public partial interface ILog { [SyslogMessage(SyslogSeverity.Warning, \"Hi {X}\")] static partial void M(SyslogWriter w, int x); }" },
        { "#if inactive block", Head + "public static partial class Log {\n#if NEVER\n[SyslogMessage(SyslogSeverity.Warning, \"Hi {X}\")] public static partial void M(SyslogWriter w, int x);\n#endif\n}" },
        { "#if around the attribute only", Head + "public static partial class Log {\n#if NEVER\n[SyslogMessage(SyslogSeverity.Warning, \"Hi {X}\")]\n#else\n[SyslogMessage(SyslogSeverity.Error, \"Hi {X}\")]\n#endif\npublic static partial void M(SyslogWriter w, int x);\n}" },
        { "duplicate attribute", Head + "public static partial class Log { [SyslogMessage(SyslogSeverity.Warning, \"Hi {X}\")][SyslogMessage(SyslogSeverity.Error, \"Ho {Y}\")] public static partial void M(SyslogWriter w, int x); }" },
        { "attribute on a property", Head + "public static partial class Log { [SyslogMessage(SyslogSeverity.Warning, \"Hi\")] public static int P { get; set; } }" },
        { "user-defined attribute of the same name with another shape", "namespace GenLog { public sealed class SyslogMessageAttribute : System.Attribute { public SyslogMessageAttribute(int level) { } } public sealed class SyslogWriter { } public enum SyslogSeverity { Warning } }\nnamespace App { public static partial class Log { [GenLog.SyslogMessage(3)] public static partial void M(GenLog.SyslogWriter w, int x); } }" },
        { "odd parameter types", Head + "public static unsafe partial class Log { [SyslogMessage(SyslogSeverity.Warning, \"{A} {B} {C} {D} {E} {F} {G}\")] public static partial void M(SyslogWriter w, int* a, delegate*<void> b, dynamic c, (int, string) d, int[] e, Span<byte> f, __arglist); }" },
        { "keyword names", Head + "public static partial class @class { [SyslogMessage(SyslogSeverity.Warning, \"{@event} {Scoped} {@int}\")] public static partial void @void(SyslogWriter @this, string @event, int scoped, int @int); }" },
        { "extension method", Head + "public static partial class Log { [SyslogMessage(SyslogSeverity.Warning, \"Hi {X}\")] public static partial void M(this SyslogWriter w, int x); }" },
        { "template of only braces and escapes", Head + "public static partial class Log { [SyslogMessage(SyslogSeverity.Warning, \"}{}{{{}}}{\\\"\\\\\\0\\uD800\")] public static partial void M(SyslogWriter w); }" },
        { "empty template and no parameters", Head + "public static partial class Log { [SyslogMessage(SyslogSeverity.Warning, \"\")] public static partial void M(SyslogWriter w); }" },
        { "multi-line raw string template", Head + "public static partial class Log { [SyslogMessage(SyslogSeverity.Warning, \"\"\"\n    Hi {Usr}\n    \"\"\")] public static partial void M(SyslogWriter w, int x); }" },
        { "concatenated template", Head + "public static partial class Log { [SyslogMessage(SyslogSeverity.Warning, \"Hi \" + \"{Usr} \" + nameof(Log))] public static partial void M(SyslogWriter w, int x); }" },
        { "overloads", Head + "public static partial class Log { [SyslogMessage(SyslogSeverity.Warning, \"Hi {X}\")] public static partial void M(SyslogWriter w, int x); [SyslogMessage(SyslogSeverity.Warning, \"Hi {X}\")] public static partial void M(SyslogWriter w, string x); }" },
        { "SyslogSource with a bad argument", Head + "[SyslogSource(\"auth\", AppName = 5, SdId = null)] public static partial class Log { [SyslogMessage(SyslogSeverity.Warning, \"Hi {X}\")] public static partial void M(SyslogWriter w, int x); }" },
        { "SyslogSource with non-constant AppName", Head + "[SyslogSource(AppName = Log.Name)] public static partial class Log { public static string Name = \"a\"; [SyslogMessage(SyslogSeverity.Warning, \"Hi {X}\")] public static partial void M(SyslogWriter w, int x); }" },
        { "file-local class", Head + "file static partial class Log { [SyslogMessage(SyslogSeverity.Warning, \"Hi {X}\")] public static partial void M(SyslogWriter w, int x); }" },
    };

    [Theory]
    [MemberData(nameof(BrokenSnippets))]
    public void Generator_never_throws_and_generates_only_code_that_parses(string name, string source)
    {
        var result = GeneratorHarness.Run(source);

        Assert.All(result.Run.Results, r => Assert.True(r.Exception is null, $"{name}: the generator threw {r.Exception}"));
        var failures = result.Diagnostics.Where(d => d.Id is "AD0001" or "CS8784" or "CS8785").ToArray();
        Assert.True(failures.Length == 0, $"{name}:\n{DiagnosticAssert.Describe(failures)}");

        foreach (var (hint, text) in result.Sources)
        {
            var errors = CSharpSyntaxTree.ParseText(text, GeneratorHarness.ParseOptions).GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
            Assert.True(errors.Length == 0, $"{name}: {hint} does not parse:\n{DiagnosticAssert.Describe(errors)}\n{text}");
        }

        // Every diagnostic the generator reports points into the user's source, where a pragma can reach it.
        Assert.All(result.Diagnostics, d => Assert.True(d.Location.IsInSource && d.Location.SourceSpan.End <= d.Location.SourceTree!.Length, $"{name}: {d}"));
    }

    [Fact]
    public void Diagnostics_land_in_the_right_file_when_two_files_share_a_path()
    {
        // Trees parsed without a path (scripts, some tools and tests) all have FilePath "".
        var first = CSharpSyntaxTree.ParseText("namespace App; public static class Empty { }", GeneratorHarness.ParseOptions);
        var secondText = Head + "public static partial class Log\n{\n    [SyslogMessage(SyslogSeverity.Warning, \"Hello {Usr} and some more text\")]\n    public static partial void Hello(SyslogWriter writer, string user);\n}\n";
        var second = CSharpSyntaxTree.ParseText(secondText, GeneratorHarness.ParseOptions);
        var compilation = GeneratorHarness.Compilation().AddSyntaxTrees(first, second);

        var result = GeneratorHarness.Run(compilation);

        Assert.All(result.Run.Results, r => Assert.Null(r.Exception));
        Assert.DoesNotContain(result.Diagnostics, d => d.Id is "AD0001" or "CS8784" or "CS8785");
        var diagnostic = Assert.Single(result.Diagnostics, d => d.Id == "GENLOG005");
        Assert.Same(second, diagnostic.Location.SourceTree);
        Assert.Equal("{Usr}", secondText.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
    }

    [Fact]
    public void Method_named_with_a_keyword_is_generated_with_its_at_sign()
    {
        DiagnosticAssert.Clean(Head + """
            public static partial class Log
            {
                [SyslogMessage(SyslogSeverity.Warning, "Hi {X}")]
                public static partial void @event(SyslogWriter w, int x);
            }
            """);
    }

    [Fact]
    public void Ref_struct_containing_type_is_generated_as_ref_partial_struct()
    {
        DiagnosticAssert.Clean(Head + """
            public readonly ref partial struct Scope(SyslogWriter writer)
            {
                [SyslogMessage(SyslogSeverity.Warning, "Hi {X}")]
                public partial void M(ReadOnlySpan<char> x);
            }
            public ref partial struct Scope2
            {
                private SyslogWriter _writer;
                public Scope2(SyslogWriter writer) => _writer = writer;
                [SyslogMessage(SyslogSeverity.Warning, "Hi {X}")]
                public partial void M(int x);
            }
            """);
    }

    [Fact]
    public void File_local_type_does_not_crash_the_generator()
    {
        // A file-local type cannot get a partial part in another file; the generator must say so or stay silent, not throw.
        var result = GeneratorHarness.Run(Head + """
            file static partial class Log
            {
                [SyslogMessage(SyslogSeverity.Warning, "Hi {X}")]
                public static partial void M(SyslogWriter w, int x);
            }
            """);
        Assert.All(result.Run.Results, r => Assert.True(r.Exception is null, r.Exception?.ToString()));
        Assert.DoesNotContain(result.Diagnostics, d => d.Id is "CS8784" or "CS8785");
    }

    [Fact]
    public void Generated_code_of_valid_unusual_declarations_compiles()
    {
        DiagnosticAssert.Clean(Head + """
            public partial record Rec(SyslogWriter Writer)
            {
                [SyslogMessage(SyslogSeverity.Warning, "Hi {X}")]
                public partial void M(int x);
            }
            public partial record struct RecStruct(SyslogWriter Writer)
            {
                [SyslogMessage(SyslogSeverity.Warning, "Hi {X}")]
                public partial void M(int x);
            }
            public static partial class A
            {
                internal partial struct B
                {
                    private static partial class C
                    {
                        [SyslogMessage(SyslogSeverity.Warning, "Hi {X}")]
                        internal static partial void M(SyslogWriter w, int x);
                    }
                }
            }
            public partial class Gen<T> where T : ISpanFormattable
            {
                [SyslogMessage(SyslogSeverity.Warning, "Hi {X} {V}")]
                public static partial void M(SyslogWriter w, int x, T v);
            }
            public static partial class @class
            {
                [SyslogMessage(SyslogSeverity.Warning, "{@event} {Scoped} {@int}")]
                public static partial void Log(SyslogWriter @this, string @event, int scoped, int @int);
            }
            public static partial class Ext
            {
                [SyslogMessage(SyslogSeverity.Warning, "Hi {X}")]
                public static partial void M(this SyslogWriter w, int x);
            }
            """);
    }
}
