using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace GenLog.Generator.Tests;

/// <summary>
/// The README's first snippet is what a new user pastes into the Program.cs of a new console app
/// (`dotnet new console`): it must build there, generator included, with no error and no warning.
/// </summary>
public sealed class ReadmeSnippetTests
{
    /// <summary>The global usings the SDK writes for a console app with ImplicitUsings enabled (the template's default).</summary>
    private const string ConsoleImplicitUsings = """
        global using global::System;
        global using global::System.Collections.Generic;
        global using global::System.IO;
        global using global::System.Linq;
        global using global::System.Net.Http;
        global using global::System.Threading;
        global using global::System.Threading.Tasks;
        """;

    [Fact]
    public void The_first_README_snippet_builds_as_the_Program_cs_of_a_new_console_app()
    {
        var snippet = FirstCSharpBlock(File.ReadAllText(Path.Combine(DiagnosticRepository.Root, "README.md")));
        Assert.Contains("[SyslogMessage(", snippet, StringComparison.Ordinal);

        var compilation = CSharpCompilation.Create(
            "ReadmeSnippet",
            [
                CSharpSyntaxTree.ParseText(snippet, GeneratorHarness.ParseOptions, path: "Program.cs"),
                CSharpSyntaxTree.ParseText(ConsoleImplicitUsings, GeneratorHarness.ParseOptions, path: "obj/ReadmeSnippet.GlobalUsings.g.cs"),
            ],
            GeneratorHarness.References,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));

        var result = GeneratorHarness.Run(compilation);

        Assert.True(result.Diagnostics.IsEmpty, "generator diagnostics:\n" + DiagnosticAssert.Describe(result.Diagnostics));
        var problems = result.CompilationDiagnostics;
        Assert.True(problems.IsEmpty, "the snippet does not build cleanly as Program.cs:\n" + DiagnosticAssert.Describe(problems) + "\n--- snippet ---\n" + snippet);
        Assert.NotNull(GeneratorHarness.Load(result.Output).EntryPoint);
    }

    private static string FirstCSharpBlock(string markdown)
    {
        var match = Regex.Match(markdown, @"^```csharp\n(?<code>.*?)^```", RegexOptions.Singleline | RegexOptions.Multiline);
        Assert.True(match.Success, "README.md has no ```csharp block");
        return match.Groups["code"].Value;
    }
}
