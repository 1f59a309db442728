using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

using GenLog.TestSupport;

namespace GenLog.Generator.Tests;

/// <summary>Compiles declarations with the generator, runs them, and checks the bytes on the wire.</summary>
public class GeneratedBehaviourTests
{
    [Fact]
    public void Hostile_template_characters_are_escaped_in_code_and_arrive_byte_for_byte()
    {
        var assembly = Build(""""
            using GenLog;
            public static partial class EscapeLog
            {
            #pragma warning disable GENLOG019
                [SyslogMessage(SyslogSeverity.Notice, "back\\slash \"quoted\" tab\t {{braces}} é 日本 😀 lone\uD800 rtl\u202E {Value}!")]
                public static partial void Escapes(SyslogWriter writer, string value);
            #pragma warning restore GENLOG019

                [SyslogMessage(SyslogSeverity.Notice, @"verbatim ""{Value}"" \n {{x}}")]
                public static partial void Verbatim(SyslogWriter writer, string value);

                [SyslogMessage(SyslogSeverity.Notice, """raw "{Value}" \t""")]
                public static partial void Raw(SyslogWriter writer, string value);

                private const string Prefix = "const ";
                [SyslogMessage(SyslogSeverity.Notice, Prefix + nameof(Escapes) + " {Value}")]
                public static partial void Constant(SyslogWriter writer, string value);
            }
            """");

        Assert.Equal("back\\slash \"quoted\" tab\t {braces} é 日本 😀 lone\uFFFD rtl\u202E v!", Msg(assembly, "Escapes", "v"));
        Assert.Equal("verbatim \"v\" \\n {x}", Msg(assembly, "Verbatim", "v"));
        Assert.Equal("raw \"v\" \\t", Msg(assembly, "Raw", "v"));
        Assert.Equal("const Escapes v", Msg(assembly, "Constant", "v"));
    }

    [Fact]
    public void Control_characters_in_the_constant_template_are_sent_as_written_and_warned_about()
    {
        const string source = """
            using GenLog;
            public static partial class ControlLog
            {
                [SyslogMessage(SyslogSeverity.Notice, "line\r\nbreak\0 {Value}")]
                public static partial void Controls(SyslogWriter writer, string value);
            }
            """;
        var result = GeneratorHarness.Run(source);
        Assert.Contains(result.Diagnostics, d => d.Id == "GENLOG019");
        var assembly = GeneratorHarness.Load(result.Output);
        Assert.Equal("line\r\nbreak\0 v", Msg(assembly, "Controls", "v"));
    }

    [Fact]
    public void Generated_methods_of_a_generic_nested_type_run()
    {
        var assembly = Build("""
            using GenLog;
            namespace App.Inner
            {
                public static partial class Outer<T> where T : System.ISpanFormattable
                {
                    public static partial class Nested
                    {
                        [SyslogMessage(SyslogSeverity.Notice, "Value {Value:X4}")]
                        public static partial void Log(SyslogWriter writer, T value);
                    }
                }
            }
            """);
        var type = assembly.GetType("App.Inner.Outer`1+Nested")!.MakeGenericType(typeof(int));
        var transport = new CaptureTransport();
        using var writer = new SyslogWriter(transport, new SyslogWriterOptions { Utf8Bom = false, Synchronous = true });
        type.GetMethod("Log")!.Invoke(null, new object[] { writer, 255 });
        Assert.EndsWith(" - - Value 00FF", transport.LastText);
    }

    [Fact]
    public void Parameters_grouped_with_SdElement_arrive_in_their_own_elements_and_Writer_picks_the_writer()
    {
        var assembly = Build("""
            using GenLog;
            public sealed partial class RequestLog(SyslogWriter audit, SyslogWriter operations)
            {
                [SyslogMessage(SyslogSeverity.Notice, "{Path} answered {Status}", SdId = "request@32473", Writer = nameof(audit))]
                public partial void Answered(string path, [SdElement("origin@32473")] string client, int status, [SdElement("timing@32473")] double ms, [SdElement("origin@32473")] string agent);

                [SyslogMessage(SyslogSeverity.Notice, "Started", Writer = nameof(operations))]
                public partial void Started();
            }
            """);
        var type = assembly.GetType("RequestLog")!;
        var audit = new CaptureTransport();
        var operations = new CaptureTransport();
        using var auditWriter = new SyslogWriter(audit, new SyslogWriterOptions { Utf8Bom = false, Synchronous = true });
        using var operationsWriter = new SyslogWriter(operations, new SyslogWriterOptions { Utf8Bom = false, Synchronous = true });
        var log = Activator.CreateInstance(type, auditWriter, operationsWriter)!;

        type.GetMethod("Answered")!.Invoke(log, new object[] { "/x", "10.0.0.1", 200, 1.5, "curl \"8\"" });
        type.GetMethod("Started")!.Invoke(log, null);

        Assert.EndsWith(
            " - [request@32473 Path=\"/x\" Status=\"200\"][origin@32473 client=\"10.0.0.1\" agent=\"curl \\\"8\\\"\"][timing@32473 ms=\"1.5\"] /x answered 200",
            Assert.Single(audit.Messages.Select(m => Encoding.UTF8.GetString(m))));
        Assert.EndsWith(" - - Started", Assert.Single(operations.Messages.Select(m => Encoding.UTF8.GetString(m))));

        // RFC 3164 has no structured data: the grouped values are not sent there, as with SdId.
        var legacy = new CaptureTransport();
        using var legacyWriter = new SyslogWriter(legacy, new SyslogWriterOptions { Format = SyslogFormat.Rfc3164, Synchronous = true });
        type.GetMethod("Answered")!.Invoke(Activator.CreateInstance(type, legacyWriter, legacyWriter), new object[] { "/x", "10.0.0.1", 200, 1.5, "curl" });
        Assert.EndsWith(": /x answered 200", legacy.LastText);
    }

    private static Assembly Build(string source)
    {
        var result = GeneratorHarness.Run(source);
        Assert.DoesNotContain(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        foreach (var tree in result.Output.SyntaxTrees)
        {
            Assert.Empty(tree.GetDiagnostics());
        }

        return GeneratorHarness.Load(result.Output);
    }

    private static string Msg(Assembly assembly, string method, string value)
    {
        var transport = new CaptureTransport();
        using var writer = new SyslogWriter(transport, new SyslogWriterOptions { Utf8Bom = false, EscapeControlCharacters = true, Synchronous = true });
        assembly.GetType(assembly.GetTypes().Single(t => t.GetMethod(method) is not null).FullName!)!.GetMethod(method)!.Invoke(null, new object[] { writer, value });

        // <PRI>1 TIMESTAMP HOST APP PROCID MSGID SD MSG: MSG starts after the seventh space.
        var text = transport.LastText;
        var index = 0;
        for (var spaces = 0; spaces < 7; spaces++)
        {
            index = text.IndexOf(' ', index) + 1;
        }

        return text[index..];
    }
}
