using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text;
using CsCheck;
using GenLog.TestSupport;
using Microsoft.CodeAnalysis;
using Xunit.Abstractions;

namespace GenLog.Generator.Tests.Fuzzing;

/// <summary>
/// Fuzzes the generator: random but valid [SyslogMessage] declarations (every attribute style, templates with random
/// placeholders, repeated and case-varied names, formats, alignments, escaped braces, unicode, quotes and
/// backslashes) are compiled with the generator, run, and their bytes compared with what the template says, rendered
/// independently with <see cref="string.Format(IFormatProvider, string, object[])"/> semantics.
/// Normal run: a few seconds; long run: <c>GENLOG_FUZZ_SECONDS=3600 dotnet test tests/GenLog.Generator.Tests -c Release --filter FullyQualifiedName~GeneratorFuzzTests</c>.
/// </summary>
public class GeneratorFuzzTests(ITestOutputHelper output)
{
    private static readonly string[] TypeNames = ["string", "int", "long", "double", "decimal", "global::System.Guid", "bool"];

    private static int Seconds =>
        int.TryParse(Environment.GetEnvironmentVariable("GENLOG_FUZZ_SECONDS"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s > 0 ? s : 6;

    /// <summary>One template part: literal text, or a placeholder of parameter <c>Parameter</c>.</summary>
    public sealed record Part(string? Literal, int Parameter, string Spelling, string? Format, int? Alignment);

    /// <summary>A declaration: its parameters' types, template parts, attribute style and priority.</summary>
    public sealed record Declaration(int[] Types, Part[] Parts, int Style, int Facility, int Severity, object?[] Values)
    {
        public string Template => string.Concat(Parts.Select(p => p.Literal is { } l ? l.Replace("{", "{{").Replace("}", "}}") : "{" + p.Spelling + (p.Alignment is { } a ? "," + a.ToString(CultureInfo.InvariantCulture) : string.Empty) + (p.Format is { } f ? ":" + f : string.Empty) + "}"));

        public override string ToString() => $"style {Style} {Facility}.{Severity} ({string.Join(", ", Types.Select(t => TypeNames[t]))}) \"{Template}\" values [{string.Join(", ", Values.Select(v => v is string s ? "\"" + s + "\"" : Convert.ToString(v, CultureInfo.InvariantCulture)))}]";
    }

    private static readonly Gen<string> LiteralText = Gen.Frequency(
        (6, Gen.Char['a', 'z'].Select(c => c.ToString())),
        (2, Gen.Const(" ")),
        (3, Gen.Char["\"\\]=#:,%'{}[<>"].Select(c => c.ToString())),
        (2, Gen.OneOf(Gen.Const("é"), Gen.Const("日本"), Gen.Const("😀"), Gen.Const("\u00a0"), Gen.Const("\uFEFF"), Gen.Const("Ω"))),
        (1, Gen.Const("{{x}}")))
        .Array[1, 6].Select(string.Concat);

    private static Gen<string?> FormatFor(int type) => type switch
    {
        1 => Gen.OneOf(Gen.Const(default(string)), Gen.Const((string?)"X"), Gen.Const((string?)"D5"), Gen.Const((string?)"N0"), Gen.Const((string?)"x8")),
        2 => Gen.OneOf(Gen.Const(default(string)), Gen.Const((string?)"X16"), Gen.Const((string?)"N0"), Gen.Const((string?)"000")),
        3 => Gen.OneOf(Gen.Const(default(string)), Gen.Const((string?)"F2"), Gen.Const((string?)"E3"), Gen.Const((string?)"R"), Gen.Const((string?)"0.###"), Gen.Const((string?)"P1")),
        4 => Gen.OneOf(Gen.Const(default(string)), Gen.Const((string?)"F1"), Gen.Const((string?)"N2")),
        5 => Gen.OneOf(Gen.Const(default(string)), Gen.Const((string?)"N"), Gen.Const((string?)"B"), Gen.Const((string?)"X")),
        _ => Gen.Const(default(string)),
    };

    private static Gen<object?> ValueFor(int type) => type switch
    {
        0 => Gen.Frequency(
                (6, Gen.Char['a', 'z'].Select(c => c.ToString())),
                (2, Gen.OneOf(Gen.Const("é"), Gen.Const("日"), Gen.Const("😀"), Gen.Const("\""), Gen.Const("\\"), Gen.Const("]"), Gen.Const(" "))))
            .Array[0, 12].Select(parts => (object?)string.Concat(parts)),
        1 => Gen.Int.Select(v => (object?)v),
        2 => Gen.Long.Select(v => (object?)v),
        3 => Gen.Frequency((4, Gen.Double.Select(v => (object?)v)), (1, Gen.OneOf(Gen.Const<object?>(double.NaN), Gen.Const<object?>(double.PositiveInfinity), Gen.Const<object?>(-0.0)))),
        4 => Gen.Select(Gen.Int, Gen.Int, Gen.Int[0, 28], (a, b, s) => (object?)new decimal(a, b, 0, a < 0, (byte)s)),
        5 => Gen.Select(Gen.Long, Gen.Long, (a, b) => (object?)new Guid(BitConverter.GetBytes(a).Concat(BitConverter.GetBytes(b)).ToArray())),
        _ => Gen.Bool.Select(v => (object?)v),
    };

    private static readonly Gen<Declaration> DeclarationGen =
        from types in Gen.Int[0, TypeNames.Length - 1].Array[1, 4]
        from holes in Gen.Select(Gen.Int[0, 3], Gen.Int[0, 2], Gen.Bool, Gen.Int[-12, 12]).Array[types.Length, types.Length + 4]
        from formats in Gen.Int[0, 5].Array[holes.Length, holes.Length]
        from literals in LiteralText.Array[holes.Length + 1, holes.Length + 1]
        from literalOn in Gen.Bool.Array[holes.Length + 1, holes.Length + 1]
        from style in Gen.Int[0, 4]
        from facility in Gen.Int[0, 23]
        from severity in Gen.Int[0, 7]
        from values in Combine(types.Select(ValueFor))
        from formatChoice in Combine(types.Select(FormatFor))
        select Build(types, holes, literals, literalOn, style, facility, severity, values, formatChoice);

    private static Gen<T[]> Combine<T>(IEnumerable<Gen<T>> gens)
    {
        var result = Gen.Const(Array.Empty<T>());
        foreach (var gen in gens)
        {
            result = Gen.Select(result, gen, (array, value) => (T[])[.. array, value]);
        }

        return result;
    }

    private static Declaration Build(int[] types, (int, int, bool, int)[] holes, string[] literals, bool[] literalOn, int style, int facility, int severity, object?[] values, string?[] formats)
    {
        var parts = new List<Part>();
        for (var i = 0; i < holes.Length; i++)
        {
            if (literalOn[i])
            {
                parts.Add(new Part(literals[i], -1, string.Empty, null, null));
            }

            // The first holes bind every parameter once; the rest repeat a random one.
            var (pick, spelling, aligned, alignment) = holes[i];
            var parameter = i < types.Length ? i : pick % types.Length;
            var name = "value" + parameter.ToString(CultureInfo.InvariantCulture);
            var spelled = spelling switch { 0 => name, 1 => name.ToUpperInvariant(), _ => char.ToUpperInvariant(name[0]) + name[1..] };
            parts.Add(new Part(null, parameter, spelled, formats[parameter], aligned && alignment != 0 ? alignment : null));
        }

        if (literalOn[^1])
        {
            parts.Add(new Part(literals[^1], -1, string.Empty, null, null));
        }

        // GENLOG018: two spellings that differ only by case must bind the same parameter - they do here (one name per parameter).
        return new Declaration(types, parts.ToArray(), style, facility, severity, values);
    }

    private static string CSharpString(string value)
    {
        var text = new StringBuilder("\"");
        foreach (var c in value)
        {
            text.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                >= ' ' and <= '~' => c.ToString(),
                _ => $"\\u{(int)c:X4}",
            });
        }

        return text.Append('"').ToString();
    }

    private static readonly string[] FacilityNames = ["kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp", "cron", "authpriv", "ftp", "ntp", "security", "console", "solaris-cron", "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7"];
    private static readonly string[] SeverityNames = ["emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"];

    private static string Source(IReadOnlyList<Declaration> declarations)
    {
        var source = new StringBuilder("using GenLog;\nnamespace Fuzzed;\npublic static partial class G\n{\n");
        for (var i = 0; i < declarations.Count; i++)
        {
            var d = declarations[i];
            var template = CSharpString(d.Template);
            var attribute = d.Style switch
            {
                0 => $"SyslogSeverity.{(SyslogSeverity)d.Severity}, {template}",
                1 => $"SyslogFacility.{(SyslogFacility)d.Facility}, SyslogSeverity.{(SyslogSeverity)d.Severity}, {template}",
                2 => $"\"{FacilityNames[d.Facility]}\", \"{SeverityNames[d.Severity]}\", {template}",
                3 => $"{d.Facility}, {d.Severity}, {template}",
                _ => template,
            };
            var parameters = string.Join(", ", d.Types.Select((t, p) => $"{TypeNames[t]} value{p}"));
            var severity = d.Style == 4 ? "SyslogSeverity severity, " : string.Empty;
            source.Append($"    [SyslogMessage({attribute})]\n    public static partial void M{i}(SyslogWriter writer, {severity}{parameters});\n");
        }

        return source.Append("}\n").ToString();
    }

    /// <summary>The message the template says, rendered as string.Format would (invariant culture), with no escaping needed.</summary>
    private static string Expected(Declaration d)
    {
        var text = new StringBuilder();
        foreach (var part in d.Parts)
        {
            if (part.Literal is { } literal)
            {
                text.Append(literal);
                continue;
            }

            var spec = "{0" + (part.Alignment is { } a ? "," + a.ToString(CultureInfo.InvariantCulture) : string.Empty) + (part.Format is { } f ? ":" + f : string.Empty) + "}";
            text.Append(string.Format(CultureInfo.InvariantCulture, spec, d.Values[part.Parameter]));
        }

        return text.ToString();
    }

    private static void CompileRunAndCompare(IReadOnlyList<Declaration> declarations)
    {
        var source = Source(declarations);
        var result = GeneratorHarness.Run(source);
        var errors = result.Diagnostics.Concat(result.Output.GetDiagnostics()).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"The generator or the generated code reported errors:\n{string.Join("\n", errors.Take(5))}\nSource:\n{source}");
        }

        var type = GeneratorHarness.Load(result.Output).GetType("Fuzzed.G", throwOnError: true)!;
        for (var i = 0; i < declarations.Count; i++)
        {
            var d = declarations[i];
            var transport = new CaptureTransport();
            using var writer = new SyslogWriter(transport, new SyslogWriterOptions { Format = SyslogFormat.Bare, MaxMessageSize = 65536, Synchronous = true, HostName = "h", AppName = "a", ProcId = "1" });
            var arguments = new List<object?> { writer };
            if (d.Style == 4)
            {
                arguments.Add((SyslogSeverity)d.Severity);
            }

            arguments.AddRange(d.Values);
            type.GetMethod("M" + i.ToString(CultureInfo.InvariantCulture))!.Invoke(null, arguments.ToArray());
            var facility = d.Style == 0 || d.Style == 4 ? (int)SyslogFacility.User : d.Facility;
            var expected = $"<{(facility * 8) + d.Severity}>{Expected(d)}";
            var actual = transport.LastText;
            if (actual != expected)
            {
                throw new InvalidOperationException($"M{i}: sent {Show(actual)}\nexpected      {Show(expected)}\nDeclaration: {d}\nSource:\n{source}");
            }
        }
    }

    private static string Show(string value) => string.Concat(value.Select(c => c is >= ' ' and <= '~' ? c.ToString() : $"\\u{(int)c:X4}"));

    /// <summary>The same declarations in every run (a seed that once found a bug, see below), besides the random pass.</summary>
    [Fact]
    public void Declarations_of_the_fixed_seed_compile_and_send_what_their_template_says() =>
        DeclarationGen.Array[1, 12].Array[4].Sample(
            sets =>
            {
                foreach (var declarations in sets)
                {
                    CompileRunAndCompare(declarations);
                }
            },
            seed: "6MTZ_X8RDxX1",
            iter: 1,
            threads: 1,
            print: sets => string.Join("\n--\n", sets.Select(declarations => string.Join("\n", declarations.Select((d, i) => $"M{i}: {d}")))));

    /// <summary>A new random seed each run; a failure's message names it (CsCheck's "Set seed: …"), GENLOG_FUZZ_SEED replays it.</summary>
    [Fact]
    public void Random_declarations_compile_and_send_what_their_template_says()
    {
        var runs = 0;
        DeclarationGen.Array[1, 12].Sample(
            declarations =>
            {
                System.Threading.Interlocked.Increment(ref runs);
                CompileRunAndCompare(declarations);
            },
            seed: Environment.GetEnvironmentVariable("GENLOG_FUZZ_SEED") is { Length: > 0 } seed ? seed : null,
            time: Seconds,
            threads: 1,
            print: declarations => string.Join("\n", declarations.Select((d, i) => $"M{i}: {d}")));
        output.WriteLine($"{runs} compilations");
    }

    /// <summary>
    /// Found by Random_declarations_compile_and_send_what_their_template_says (seed 6MTZ_X8RDxX1): alignment pads to a
    /// count of Unicode scalar values (SyslogMessageBuilder.Align counts UTF-8 lead bytes), while the template syntax is
    /// .NET composite formatting, whose alignment counts UTF-16 code units (string.Format, [LoggerMessage]): "{V,-5}"
    /// with " j😀" gives " j😀 " (5 UTF-16 units) in .NET and " j😀  " from GenLog. Either GenLog follows string.Format
    /// or docs/formats.md documents the difference and this test changes; today neither is the case.
    /// (src/Runtime/Formatting/SyslogMessageBuilder.cs, Align.)
    /// </summary>
    [Fact]
    public void Alignment_counts_utf16_units_as_string_Format_does()
    {
        var source = """
            using GenLog;
            namespace Fuzzed;
            public static partial class G
            {
                [SyslogMessage(SyslogSeverity.Notice, "[{Left,-5}|{Right,5}]")]
                public static partial void M(SyslogWriter writer, string left, string right);
            }
            """;
        var result = GeneratorHarness.Run(source);
        var transport = new CaptureTransport();
        using var writer = new SyslogWriter(transport, new SyslogWriterOptions { Format = SyslogFormat.Bare, Synchronous = true });
        GeneratorHarness.Load(result.Output).GetType("Fuzzed.G")!.GetMethod("M")!.Invoke(null, [writer, " j😀", "😀"]);
        Assert.Equal("<13>" + string.Format(CultureInfo.InvariantCulture, "[{0,-5}|{1,5}]", " j😀", "😀"), transport.LastText);
    }

    /// <summary>
    /// Found by the formatter fuzzer's declarations: a [SyslogMessage] method with a <c>byte</c>, <c>ushort</c> or
    /// <c>uint</c> parameter does not compile. The generated Python-record branch calls
    /// <c>AppendPythonInteger(key, value)</c>, which is ambiguous for these types between the <c>long</c> and
    /// <c>UInt128</c> overloads (CS0121) (src/Runtime/Formatting/SyslogMessageBuilder.cs AppendPythonInteger overloads /
    /// the generator's emission of that call). Expected: it compiles and sends the number.
    /// </summary>
    [Theory]
    [InlineData("byte", "(byte)200", "200")]
    [InlineData("ushort", "(ushort)65535", "65535")]
    [InlineData("uint", "4294967295u", "4294967295")]
    public void Small_unsigned_parameters_compile(string type, string value, string text)
    {
        var source = $$"""
            using GenLog;
            namespace Fuzzed;
            public static partial class G
            {
                [SyslogMessage(SyslogSeverity.Notice, "Value {Value}")]
                public static partial void M(SyslogWriter writer, {{type}} value);
                public static void Call(SyslogWriter writer) => M(writer, {{value}});
            }
            """;
        var result = GeneratorHarness.Run(source);
        var errors = result.Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));

        var transport = new CaptureTransport();
        using var writer = new SyslogWriter(transport, new SyslogWriterOptions { Format = SyslogFormat.Bare, Synchronous = true });
        GeneratorHarness.Load(result.Output).GetType("Fuzzed.G")!.GetMethod("Call")!.Invoke(null, [writer]);
        Assert.Equal("<13>Value " + text, transport.LastText);
    }
}
