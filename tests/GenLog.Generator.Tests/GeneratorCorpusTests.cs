using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace GenLog.Generator.Tests;

/// <summary>
/// Half-typed code, as an IDE shows it to the generator on every keystroke: a valid file cut at every
/// token boundary, and with tokens removed at random. The generator must never throw, and whatever it
/// generates must add no error of its own.
/// </summary>
public class GeneratorCorpusTests
{
    private const string ValidFile = """
        using System;
        using System.Net;
        using GenLog;

        namespace Corpus.Inner
        {
            [SyslogSource(SyslogFacility.Auth, AppName = "sshd", SdId = "auth@32473")]
            public static partial class AuthLog
            {
                [SyslogMessage(SyslogSeverity.Warning, "Failed password for {User} from {Address} port {Port,5:D}", MsgId = "AUTHFAIL")]
                public static partial void FailedPassword(SyslogWriter writer, string user, IPAddress address, int port);

                [SyslogMessage("local0", "err", @"Disk ""{Device}"" is {Percent:F1}% full {{x}}")]
                internal static partial void DiskFull(SyslogWriter writer, string device, double? percent, Exception error);
            }

            public sealed partial class Worker(SyslogWriter writer)
            {
                [SyslogMessage("Job {Id} done: {Ok}")]
                public partial void Done(SyslogSeverity severity, Guid id, bool ok);
            }
        }
        """;

    public static IEnumerable<object[]> Variants() => AllVariants().DistinctBy(v => (string)v[1]);

    private static IEnumerable<object[]> AllVariants()
    {
        var tokens = CSharpSyntaxTree.ParseText(ValidFile).GetRoot().DescendantTokens().ToArray();

        // Cut after every token: every prefix of the file.
        foreach (var token in tokens)
        {
            yield return new object[] { $"cut after {token.Text} at {token.Span.End}", ValidFile[..token.Span.End] };
        }

        // One and three tokens removed, at places chosen by a fixed seed.
        var random = new Random(3164);
        for (var i = 0; i < 120; i++)
        {
            var removed = Enumerable.Range(0, i % 2 == 0 ? 1 : 3).Select(_ => tokens[random.Next(tokens.Length)]).OrderByDescending(t => t.SpanStart).Distinct().ToArray();
            var text = removed.Aggregate(ValidFile, (current, token) => current.Remove(token.SpanStart, token.Span.Length));
            yield return new object[] { "removed " + string.Join(", ", removed.Select(t => $"{t.Text}@{t.SpanStart}")), text };
        }
    }

    [Fact]
    public void The_whole_file_generates_every_method_with_no_warning()
    {
        // The theory below passes too when nothing is generated; here the uncut file must give all three bodies.
        var result = GeneratorHarness.Run(ValidFile);

        Assert.DoesNotContain(result.Diagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
        Assert.Empty(result.CompilationDiagnostics);
        var generated = string.Join("\n", result.Sources.Values);
        foreach (var method in new[] { "partial void FailedPassword(", "partial void DiskFull(", "partial void Done(" })
        {
            Assert.Contains(method, generated);
        }
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void The_generator_never_throws_and_its_code_adds_no_error(string variant, string source)
    {
        var result = GeneratorHarness.Run(source);

        Assert.All(result.Run.Results, r => Assert.True(r.Exception is null, $"{variant}: {r.Exception}"));
        Assert.DoesNotContain(result.Diagnostics, d => d.Id is "AD0001" or "CS8784" or "CS8785");
        var generatedTrees = result.Run.GeneratedTrees.ToHashSet();
        var errorsInGenerated = result.Output.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree is { } tree && generatedTrees.Contains(tree))
            .ToArray();
        Assert.True(errorsInGenerated.Length == 0, $"{variant}:\n{string.Join("\n", errorsInGenerated.Select(d => d.ToString()))}\n{string.Join("\n", result.Sources.Values)}");
    }
}
