using System.Linq;
using Microsoft.CodeAnalysis;
using static GenLog.Generator.Tests.DiagnosticAssert;

namespace GenLog.Generator.Tests;

/// <summary>
/// Each GENLOG diagnostic as a user meets it: the ID, the severity, the exact source text it underlines
/// and its line, and the message (docs/diagnostics.md). <see cref="DiagnosticAssert.InLog"/> puts the attribute on
/// line 6 and the method on line 7.
/// </summary>
public class DiagnosticTests
{
    private const DiagnosticSeverity Error = DiagnosticSeverity.Error;
    private const DiagnosticSeverity Warning = DiagnosticSeverity.Warning;
    private const DiagnosticSeverity Info = DiagnosticSeverity.Info;
    private const string Hello = """[SyslogMessage(SyslogSeverity.Warning, "Hello {Name}")]""";

    // ---------------------------------------------------------------- GENLOG001

    [Fact]
    public void GENLOG001_method_not_partial_is_reported_at_its_name()
    {
        var message = Reports(
            InLog(Hello, "public static void Hello(SyslogWriter writer, string name) { }"),
            "GENLOG001", Error, "Hello", 7);
        Assert.Equal("Method 'Hello' is not 'partial'; a [SyslogMessage] method must be 'partial', have no body and return 'void'", message);
    }

    [Fact]
    public void GENLOG001_partial_method_with_a_body_is_reported_at_its_name()
    {
        var message = Reports(
            InLog(Hello, "public static partial void Hello(SyslogWriter writer, string name) { }"),
            "GENLOG001", Error, "Hello", 7);
        Assert.StartsWith("Method 'Hello' already has a body;", message);
    }

    [Fact]
    public void GENLOG001_partial_method_implemented_by_the_user_is_reported_at_the_declaration()
    {
        var source = """
            using GenLog;
            namespace App;
            public static partial class Log
            {
                [SyslogMessage(SyslogSeverity.Warning, "Hello {Name}")]
                public static partial void Hello(SyslogWriter writer, string name);

                public static partial void Hello(SyslogWriter writer, string name) { }
            }
            """;
        var message = Reports(source, "GENLOG001", Error, "Hello", 6, start: source.IndexOf("Hello(", System.StringComparison.Ordinal));
        Assert.StartsWith("Method 'Hello' already has a body;", message);
    }

    [Fact]
    public void GENLOG001_method_not_returning_void_is_reported_at_the_return_type()
    {
        var message = Reports(
            InLog(Hello, "public static partial int Hello(SyslogWriter writer, string name);"),
            "GENLOG001", Error, "int", 7);
        Assert.StartsWith("Method 'Hello' does not return 'void';", message);
    }

    [Theory]
    [InlineData("static partial int Hello(SyslogWriter writer, string name);", "int")]
    [InlineData("public static partial string? Hello(SyslogWriter writer, string name);", "string?")]
    [InlineData("public static partial (int, string) Hello<T>(SyslogWriter writer, string name) where T : class, System.IComparable<T>, new();", "(int, string)")]
    public void GENLOG001_a_method_returning_a_value_adds_no_compiler_error_of_its_own(string method, string returnType)
    {
        // Reports checks the build has no CS8795 and no error of the generated code.
        Reports(InLog(Hello, method), "GENLOG001", Error, returnType, 7);
    }

    // ---------------------------------------------------------------- GENLOG002

    [Fact]
    public void GENLOG002_generic_method_is_reported_at_its_type_parameters()
    {
        var message = Reports(
            InLog("""[SyslogMessage(SyslogSeverity.Warning, "Hello {Name}")]""", "public static partial void Hello<T>(SyslogWriter writer, T name);"),
            "GENLOG002", Error, "<T>", 7);
        Assert.Equal("Method 'Hello' is generic; a [SyslogMessage] method cannot have type parameters", message);
    }

    [Fact]
    public void GENLOG002_non_partial_containing_type_is_reported_at_the_type_name()
    {
        var source = """
            using GenLog;
            namespace App;
            public static class Log
            {
                [SyslogMessage(SyslogSeverity.Warning, "Hello {Name}")]
                public static partial void Hello(SyslogWriter writer, string name);
            }
            """;
        var message = Reports(source, "GENLOG002", Error, "Log", 3);
        Assert.Equal("Type 'Log' must be 'partial' to hold the generated body of 'Hello'", message);
    }

    [Fact]
    public void GENLOG002_non_partial_outer_type_of_a_nested_type_is_reported_at_the_outer_name()
    {
        var source = """
            using GenLog;
            namespace App;
            public class Outer
            {
                public static partial class Log
                {
                    [SyslogMessage(SyslogSeverity.Warning, "Hello {Name}")]
                    public static partial void Hello(SyslogWriter writer, string name);
                }
            }
            """;
        var message = Reports(source, "GENLOG002", Error, "Outer", 3);
        Assert.Equal("Type 'Outer' must be 'partial' to hold the generated body of 'Hello'", message);
    }

    [Fact]
    public void GENLOG002_every_non_partial_type_of_the_chain_is_reported()
    {
        var source = """
            using GenLog;
            namespace App;
            public class Outer
            {
                public static class Log
                {
                    [SyslogMessage(SyslogSeverity.Warning, "Hello {Name}")]
                    public static partial void Hello(SyslogWriter writer, string name);
                }
            }
            """;
        var result = GeneratorHarness.Run(source);
        var spans = result.Diagnostics.Where(d => d.Id == "GENLOG002")
            .Select(d => source.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length))
            .OrderBy(s => s, System.StringComparer.Ordinal);
        Assert.Equal(new[] { "Log", "Outer" }, spans);
    }

    // ---------------------------------------------------------------- GENLOG003

    [Fact]
    public void GENLOG003_static_method_without_a_writer_parameter_is_reported_at_its_name()
    {
        var message = Reports(
            InLog(Hello, "public static partial void Hello(string name);"),
            "GENLOG003", Error, "Hello", 7);
        Assert.StartsWith("Method 'Hello' has no SyslogWriter: add a 'GenLog.SyslogWriter' parameter", message);
    }

    [Fact]
    public void GENLOG003_instance_method_of_a_type_without_a_writer_member_is_reported_at_its_name()
    {
        var source = """
            using GenLog;
            namespace App;
            public sealed partial class Service
            {
                private readonly string _name = "orders";

                [SyslogMessage(SyslogSeverity.Warning, "Hello {Name}")]
                public partial void Hello(string name);
            }
            """;
        var message = Reports(source, "GENLOG003", Error, "Hello", 8);
        Assert.StartsWith("Method 'Hello' has no SyslogWriter", message);
    }

    [Fact]
    public void GENLOG003_is_not_reported_for_an_instance_method_with_one_writer_field_property_or_primary_constructor_parameter()
    {
        Clean("""
            using GenLog;
            namespace App;
            public sealed partial class A(SyslogWriter writer)
            {
                [SyslogMessage(SyslogSeverity.Warning, "Hello {Name}")]
                public partial void Hello(string name);
            }
            public sealed partial class B
            {
                private readonly SyslogWriter _writer = null!;
                [SyslogMessage(SyslogSeverity.Warning, "Hello {Name}")]
                public partial void Hello(string name);
            }
            public sealed partial class C
            {
                public SyslogWriter Writer { get; set; } = null!;
                [SyslogMessage(SyslogSeverity.Warning, "Hello {Name}")]
                public partial void Hello(string name);
            }
            """);
    }

    [Fact]
    public void GENLOG003_is_not_reported_when_the_writer_is_an_accessible_inherited_member()
    {
        // A base class that holds the writer for several log classes is a common shape; the writer is reachable.
        Clean("""
            using GenLog;
            namespace App;
            public abstract class LogBase
            {
                protected SyslogWriter Writer { get; } = null!;
            }
            public sealed partial class OrderLog : LogBase
            {
                [SyslogMessage(SyslogSeverity.Warning, "Order {Id} shipped")]
                public partial void Shipped(int id);
            }
            """);
    }

    // ---------------------------------------------------------------- GENLOG004

    [Fact]
    public void GENLOG004_two_writer_parameters_are_reported_at_the_second()
    {
        var message = Reports(
            InLog(Hello, "public static partial void Hello(SyslogWriter audit, SyslogWriter operations, string name);"),
            "GENLOG004", Error, "SyslogWriter operations", 7);
        Assert.Equal("Method 'Hello' takes more than one SyslogWriter parameter (audit, operations); keep exactly one", message);
    }

    [Fact]
    public void GENLOG004_two_writer_fields_are_reported_at_the_method_name_and_listed()
    {
        var source = """
            using GenLog;
            namespace App;
            public sealed partial class Service
            {
                private readonly SyslogWriter _audit = null!;
                private readonly SyslogWriter _operations = null!;

                [SyslogMessage(SyslogSeverity.Warning, "Hello {Name}")]
                public partial void Hello(string name);
            }
            """;
        var message = Reports(source, "GENLOG004", Error, "Hello", 9);
        Assert.Equal("Method 'Hello' can reach more than one SyslogWriter (_audit, _operations); pick one with Writer = nameof(...) on [SyslogMessage] or [SyslogSource]", message);
    }

    [Fact]
    public void GENLOG004_a_writer_field_and_a_writer_property_are_two_candidates()
    {
        var source = """
            using GenLog;
            namespace App;
            public sealed partial class Service
            {
                private readonly SyslogWriter _audit = null!;
                public SyslogWriter Operations { get; } = null!;

                [SyslogMessage(SyslogSeverity.Warning, "Hello {Name}")]
                public partial void Hello(string name);
            }
            """;
        var message = Reports(source, "GENLOG004", Error, "Hello", 9);
        Assert.Contains("(_audit, Operations)", message);
    }

    // ---------------------------------------------------------------- GENLOG005

    [Fact]
    public void GENLOG005_is_reported_at_the_placeholder_inside_the_literal()
    {
        var source = InLog(
            """[SyslogMessage(SyslogSeverity.Warning, "Failed password for {Usr} from {Address}")]""",
            "public static partial void FailedPassword(SyslogWriter writer, string user, string address);");
        var message = Reports(source, "GENLOG005", Error, "{Usr}", 6);
        Assert.Equal("Placeholder '{Usr}' has no parameter of that name (names are matched ignoring case)", message);
    }

    [Theory]
    [InlineData("""["a\tb {X}"]""", "{X}")]
    [InlineData("""["\"quoted\" \\ {X}"]""", "{X}")]
    [InlineData("""["caf\u00e9 \x41 {X}"]""", "{X}")]
    [InlineData("""["\x41b {X}"]""", "{X}")]
    [InlineData("""["emoji \U0001F600 then {X}"]""", "{X}")]
    [InlineData("""["😀 {X}"]""", "{X}")]
    [InlineData("""["{{literal}} {X}"]""", "{X}")]
    [InlineData("""["{X:F2} and more"]""", "{X:F2}")]
    [InlineData("""["{X,-8:F2}|"]""", "{X,-8:F2}")]
    [InlineData("""["{@X}"]""", "{@X}")]
    [InlineData("""[@"C:\logs\{X}"]""", "{X}")]
    [InlineData("""[@"say ""hi"" to {X}"]""", "{X}")]
    public void GENLOG005_location_is_exact_after_escapes_and_in_verbatim_strings(string literalInBrackets, string placeholder)
    {
        var literal = literalInBrackets.Substring(1, literalInBrackets.Length - 2);
        var source = InLog(
            $$"""[SyslogMessage(SyslogSeverity.Warning, {{literal}})]""",
            "public static partial void Hello(SyslogWriter writer, int other);");
        var message = Reports(source, "GENLOG005", Error, placeholder, 6, start: source.LastIndexOf(placeholder, System.StringComparison.Ordinal));
        Assert.Contains("'{X}'", message);
    }

    [Fact]
    public void GENLOG005_in_a_multi_line_verbatim_string_is_reported_on_the_placeholder_line()
    {
        var source = """
            using GenLog;
            namespace App;
            public static partial class Log
            {
                [SyslogMessage(SyslogSeverity.Warning, @"first line
            second {X} line")]
                public static partial void Hello(SyslogWriter writer, int other);
            }
            """;
        Reports(source, "GENLOG005", Error, "{X}", 6);
    }

    [Fact]
    public void GENLOG005_each_unknown_placeholder_is_reported_at_its_own_span()
    {
        var source = InLog(
            """[SyslogMessage(SyslogSeverity.Warning, "{A} and {B} and {A}")]""",
            "public static partial void Hello(SyslogWriter writer, int other);");
        var result = GeneratorHarness.Run(source);
        var starts = result.Diagnostics.Where(d => d.Id == "GENLOG005").Select(d => d.Location.SourceSpan.Start).OrderBy(s => s).ToArray();
        var literal = source.IndexOf("\"{A}", System.StringComparison.Ordinal) + 1;
        Assert.Equal(new[] { literal, literal + 8, literal + 16 }, starts);
    }

    [Fact]
    public void GENLOG005_in_a_constant_is_reported_at_the_argument()
    {
        var source = """
            using GenLog;
            namespace App;
            public static partial class Log
            {
                private const string Template = "Hello {Usr}";

                [SyslogMessage(SyslogSeverity.Warning, Template)]
                public static partial void Hello(SyslogWriter writer, string user);
            }
            """;
        Reports(source, "GENLOG005", Error, "Template", 7, start: source.IndexOf("Template)", System.StringComparison.Ordinal));
    }

    [Fact]
    public void GENLOG005_in_a_single_line_raw_string_is_reported_at_the_placeholder()
    {
        // Raw string literals are the natural way to write templates with quotes; the placeholder is as easy to find as in "...".
        var source = InLog(
            """"[SyslogMessage(SyslogSeverity.Warning, """He said "hi" to {Usr}""")]"""",
            "public static partial void Hello(SyslogWriter writer, string user);");
        Reports(source, "GENLOG005", Error, "{Usr}", 6);
    }

    [Fact]
    public void GENLOG005_is_not_reported_for_a_name_that_differs_only_by_case()
    {
        Clean(InLog(
            """[SyslogMessage(SyslogSeverity.Warning, "{USER} {user} {User}")]""",
            "public static partial void Hello(SyslogWriter writer, string user);"));
    }

    // ---------------------------------------------------------------- GENLOG006

    [Fact]
    public void GENLOG006_unused_parameter_is_reported_at_the_parameter()
    {
        var message = Reports(
            InLog(
                """[SyslogMessage(SyslogSeverity.Warning, "Failed password for {User}")]""",
                "public static partial void FailedPassword(SyslogWriter writer, string user, int attempts);"),
            "GENLOG006", Warning, "int attempts", 7);
        Assert.Equal("Parameter 'attempts' is not used by the template and is in no SD element (no SdId, no [SdElement]), so it is never sent; name it in the template, or give it an SD element", message);
    }

    [Fact]
    public void GENLOG006_is_a_warning_so_the_method_is_still_generated()
    {
        var result = GeneratorHarness.Run(InLog(
            """[SyslogMessage(SyslogSeverity.Warning, "Failed password for {User}")]""",
            "public static partial void FailedPassword(SyslogWriter writer, string user, int attempts);"));
        Assert.Single(result.Sources);
        Assert.DoesNotContain(result.Output.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void GENLOG006_is_not_reported_when_an_SdId_is_in_force_on_the_method()
    {
        Clean(InLog(
            """[SyslogMessage(SyslogSeverity.Warning, "Failed password for {User}", SdId = "auth@32473")]""",
            "public static partial void FailedPassword(SyslogWriter writer, string user, int attempts);"));
    }

    [Fact]
    public void GENLOG006_is_not_reported_when_an_SdId_is_in_force_on_the_type()
    {
        Clean("""
            using GenLog;
            namespace App;
            [SyslogSource(SyslogFacility.Auth, SdId = "auth@32473")]
            public static partial class Log
            {
                [SyslogMessage(SyslogSeverity.Warning, "Failed password for {User}")]
                public static partial void FailedPassword(SyslogWriter writer, string user, int attempts);
            }
            """);
    }

    [Fact]
    public void GENLOG006_is_not_reported_for_the_writer_or_a_severity_parameter()
    {
        Clean(InLog(
            """[SyslogMessage("Job {Name} done")]""",
            "public static partial void Done(SyslogWriter writer, SyslogSeverity level, string name);"));
    }

    // ---------------------------------------------------------------- GENLOG007

    [Theory]
    [InlineData("Progress {Percent", "{", "'{' without a matching '}' (write '{{' for a literal brace)")]
    [InlineData("Progress {Percent {Percent}", "{", "'{' without a matching '}' (write '{{' for a literal brace)")]
    [InlineData("Progress Percent} {Percent}", "}", "'}' without a matching '{' (write '}}' for a literal brace)")]
    [InlineData("Progress {} {Percent}", "{}", "a placeholder has an empty name")]
    [InlineData("Progress {Percent,abc}", "{Percent,abc}", "the alignment 'abc' is not a whole number from -1000 to 1000")]
    [InlineData("Progress {Percent,5000}", "{Percent,5000}", "the alignment '5000' is not a whole number from -1000 to 1000")]
    [InlineData("Progress {Percent:}", "{Percent:}", "the format after ':' is empty")]
    [InlineData("Progress {Per cent}", "{Per cent}", "'Per cent' is not a parameter name")]
    [InlineData("Progress {1}", "{1}", "'1' is not a parameter name")]
    public void GENLOG007_malformed_template_is_reported_at_the_offending_brace_or_placeholder(string template, string text, string problem)
    {
        var source = InLog(
            $$"""[SyslogMessage(SyslogSeverity.Notice, "{{template}}")]""",
            "public static partial void Progress(SyslogWriter writer, double percent);");
        var literal = source.IndexOf("\"Progress", System.StringComparison.Ordinal) + 1;
        var expectedStart = literal + template.IndexOf(text, System.StringComparison.Ordinal);
        var message = Reports(source, "GENLOG007", Error, text, 6, start: expectedStart);
        Assert.Equal("Malformed template: " + problem, message);
    }

    [Fact]
    public void GENLOG007_null_template_is_reported_at_the_argument()
    {
        var message = Reports(
            InLog("[SyslogMessage(SyslogSeverity.Notice, null)]", "public static partial void Progress(SyslogWriter writer);"),
            "GENLOG007", Error, "null", 6);
        Assert.Equal("Malformed template: the template is null", message);
    }

    [Fact]
    public void GENLOG007_does_not_also_report_the_parameter_of_the_malformed_placeholder_as_unused()
    {
        // The user named the parameter; only the placeholder syntax is wrong. A second, contradictory warning is noise.
        DoesNotReport(
            InLog(
                """[SyslogMessage(SyslogSeverity.Notice, "Progress {Percent:}")]""",
                "public static partial void Progress(SyslogWriter writer, double percent);"),
            "GENLOG006");
    }

    [Fact]
    public void GENLOG007_is_not_reported_for_doubled_braces_alignment_and_format()
    {
        Clean(InLog(
            """[SyslogMessage(SyslogSeverity.Notice, "{{json}} {Percent,-8:F1}% {Percent,5} {Percent:0.00}")]""",
            "public static partial void Progress(SyslogWriter writer, double percent);"));
    }

    // ---------------------------------------------------------------- GENLOG008

    [Fact]
    public void GENLOG008_unknown_facility_name_is_reported_at_the_argument_with_the_valid_names()
    {
        var message = Reports(
            InLog("""[SyslogMessage("local9", "err", "Hello {Name}")]""", "public static partial void Hello(SyslogWriter writer, string name);"),
            "GENLOG008", Error, "\"local9\"", 6);
        Assert.StartsWith("Unknown syslog facility name \"local9\"; valid names: ", message);
        Assert.Contains("local7", message);
        Assert.Contains("solaris-cron", message);
    }

    [Fact]
    public void GENLOG008_unknown_severity_name_is_reported_at_the_argument()
    {
        var message = Reports(
            InLog("""[SyslogMessage("local0", "warnx", "Hello {Name}")]""", "public static partial void Hello(SyslogWriter writer, string name);"),
            "GENLOG008", Error, "\"warnx\"", 6);
        Assert.StartsWith("Unknown syslog severity name \"warnx\"; valid names: ", message);
        Assert.Contains("warning", message);
    }

    [Theory]
    [InlineData("24, 3", "24", "Syslog facility 24 is out of range; a facility is 0 to 23")]
    [InlineData("-1, 3", "-1", "Syslog facility -1 is out of range; a facility is 0 to 23")]
    [InlineData("16, 8", "8", "Syslog severity 8 is out of range; a severity is 0 to 7")]
    [InlineData("(SyslogFacility)99, SyslogSeverity.Error", "(SyslogFacility)99", "Syslog facility 99 is out of range; a facility is 0 to 23")]
    [InlineData("SyslogFacility.Local0, (SyslogSeverity)8", "(SyslogSeverity)8", "Syslog severity 8 is out of range; a severity is 0 to 7")]
    [InlineData("(SyslogSeverity)(-2)", "(SyslogSeverity)(-2)", "Syslog severity -2 is out of range; a severity is 0 to 7")]
    public void GENLOG008_number_out_of_range_is_reported_at_the_argument(string priority, string text, string expected)
    {
        var message = Reports(
            InLog($$"""[SyslogMessage({{priority}}, "Hello {Name}")]""", "public static partial void Hello(SyslogWriter writer, string name);"),
            "GENLOG008", Error, text, 6);
        Assert.Equal(expected, message);
    }

    [Fact]
    public void GENLOG008_facility_out_of_range_on_SyslogSource_is_reported_there()
    {
        var source = """
            using GenLog;
            namespace App;
            [SyslogSource((SyslogFacility)30)]
            public static partial class Log
            {
                [SyslogMessage(SyslogSeverity.Warning, "Hello {Name}")]
                public static partial void Hello(SyslogWriter writer, string name);
            }
            """;
        var message = Reports(source, "GENLOG008", Error, "(SyslogFacility)30", 3);
        Assert.Equal("Syslog facility 30 is out of range; a facility is 0 to 23", message);
    }

    [Theory]
    [InlineData("\"LOCAL0\", \"ERR\"")]
    [InlineData("\"solaris-cron\", \"panic\"")]
    [InlineData("\"authpriv\", \"warn\"")]
    [InlineData("23, 7")]
    [InlineData("0, 0")]
    public void GENLOG008_is_not_reported_for_valid_names_aliases_and_bounds(string priority)
    {
        Clean(InLog($$"""[SyslogMessage({{priority}}, "Hello {Name}")]""", "public static partial void Hello(SyslogWriter writer, string name);"));
    }

    // ---------------------------------------------------------------- GENLOG009

    [Theory]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456")] // 33 characters
    [InlineData("AUTH FAIL")]
    [InlineData("AUTHFÄIL")]
    [InlineData("")]
    [InlineData("AUTH\\tFAIL")]
    public void GENLOG009_invalid_MsgId_is_reported_at_the_value(string msgId)
    {
        var message = Reports(
            InLog($$"""[SyslogMessage(SyslogSeverity.Warning, "Hello {Name}", MsgId = "{{msgId}}")]""", "public static partial void Hello(SyslogWriter writer, string name);"),
            "GENLOG009", Error, "\"" + msgId + "\"", 6);
        Assert.EndsWith("must be 1 to 32 printable US-ASCII characters without spaces (RFC 5424 §6.2.7)", message);
        Assert.StartsWith("MsgId \"" + msgId.Replace("\\t", "\t", System.StringComparison.Ordinal) + "\"", message);
    }

    [Fact]
    public void GENLOG009_is_not_reported_for_32_printable_characters()
    {
        Clean(InLog("""[SyslogMessage(SyslogSeverity.Warning, "Hello {Name}", MsgId = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345")]""", "public static partial void Hello(SyslogWriter writer, string name);"));
    }

    // ---------------------------------------------------------------- GENLOG010

    [Theory]
    [InlineData("auth", "a private SD-ID is name@enterprise-number, e.g. \"auth@32473\"")]
    [InlineData("@32473", "a private SD-ID is name@enterprise-number, e.g. \"auth@32473\"")]
    [InlineData("auth@acme", "the part after '@' must be an enterprise number, e.g. 32473")]
    [InlineData("auth@32473.", "the part after '@' must be an enterprise number, e.g. 32473")]
    [InlineData("auth@", "the part after '@' must be an enterprise number, e.g. 32473")]
    [InlineData("auth=x@32473", "it may hold only printable US-ASCII characters other than '=', ' ', ']' and '\"'")]
    [InlineData("auth x@32473", "it may hold only printable US-ASCII characters other than '=', ' ', ']' and '\"'")]
    [InlineData("auth]@32473", "it may hold only printable US-ASCII characters other than '=', ' ', ']' and '\"'")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0@32473", "it must be 1 to 32 characters")]
    [InlineData("", "it must be 1 to 32 characters")]
    public void GENLOG010_invalid_SdId_is_reported_at_the_value(string sdId, string problem)
    {
        var message = Reports(
            InLog($$"""[SyslogMessage(SyslogSeverity.Warning, "Hello {Name}", SdId = "{{sdId}}")]""", "public static partial void Hello(SyslogWriter writer, string name);"),
            "GENLOG010", Error, "\"" + sdId + "\"", 6);
        Assert.Equal($"SdId \"{sdId}\" is not a valid SD-ID: {problem} (RFC 5424 §6.3.2, §7.2.2)", message);
    }

    [Fact]
    public void GENLOG010_invalid_SdId_on_SyslogSource_is_reported_there()
    {
        var source = """
            using GenLog;
            namespace App;
            [SyslogSource(SyslogFacility.Auth, SdId = "auth")]
            public static partial class Log
            {
                [SyslogMessage(SyslogSeverity.Warning, "Hello {Name}")]
                public static partial void Hello(SyslogWriter writer, string name);
            }
            """;
        Reports(source, "GENLOG010", Error, "\"auth\"", 3);
    }

    [Theory]
    [InlineData("auth@32473")]
    [InlineData("auth@32473.1.2")]
    [InlineData("abcdefghijklmnopqrstuvwxyz@32473")]
    public void GENLOG010_is_not_reported_for_a_valid_private_SdId(string sdId)
    {
        Clean(InLog($$"""[SyslogMessage(SyslogSeverity.Warning, "Hello {Name}", SdId = "{{sdId}}")]""", "public static partial void Hello(SyslogWriter writer, string name);"));
    }

    // ---------------------------------------------------------------- GENLOG011

    [Fact]
    public void GENLOG011_parameter_name_with_non_ASCII_letters_is_reported_at_the_parameter()
    {
        var message = Reports(
            InLog("""[SyslogMessage(SyslogSeverity.Notice, "Upload done", SdId = "upload@32473")]""", "public static partial void Uploaded(SyslogWriter writer, long größe);"),
            "GENLOG011", Error, "long größe", 7);
        Assert.StartsWith("'größe' is sent as a PARAM-NAME but is not a valid SD-NAME", message);
        Assert.EndsWith("(RFC 5424 §6.3.3)", message);
    }

    [Fact]
    public void GENLOG011_uses_the_placeholder_name_when_the_template_names_the_parameter()
    {
        var message = Reports(
            InLog("""[SyslogMessage(SyslogSeverity.Notice, "Upload of {Größe} bytes", SdId = "upload@32473")]""", "public static partial void Uploaded(SyslogWriter writer, long größe);"),
            "GENLOG011", Error, "long größe", 7);
        Assert.StartsWith("'Größe' is sent as a PARAM-NAME", message);
    }

    [Fact]
    public void GENLOG011_parameter_name_longer_than_32_characters_is_reported()
    {
        var name = new string('a', 33);
        Reports(
            InLog("""[SyslogMessage(SyslogSeverity.Notice, "Upload done", SdId = "upload@32473")]""", $"public static partial void Uploaded(SyslogWriter writer, long {name});"),
            "GENLOG011", Error, "long " + name, 7);
    }

    [Fact]
    public void GENLOG011_is_not_reported_without_an_SdId()
    {
        DoesNotReport(
            InLog("""[SyslogMessage(SyslogSeverity.Notice, "Upload of {Größe} bytes")]""", "public static partial void Uploaded(SyslogWriter writer, long größe);"),
            "GENLOG011");
    }

    // ---------------------------------------------------------------- GENLOG012

    [Fact]
    public void GENLOG012_long_constant_template_is_reported_at_the_template_with_its_size()
    {
        var template = "Start " + new string('a', 490) + " {Name}";
        var message = Reports(
            InLog($$"""[SyslogMessage(SyslogSeverity.Warning, "{{template}}")]""", "public static partial void Hello(SyslogWriter writer, string name);"),
            "GENLOG012", Warning, "\"" + template + "\"", 6);
        Assert.Equal("The constant part of this message is 497 bytes, more than the 480 bytes every UDP receiver must accept (RFC 5426 §3.2)", message);
    }

    [Fact]
    public void GENLOG012_counts_UTF8_bytes_not_characters()
    {
        var template = "{Name} " + new string('é', 240);
        var message = Reports(
            InLog($$"""[SyslogMessage(SyslogSeverity.Warning, "{{template}}")]""", "public static partial void Hello(SyslogWriter writer, string name);"),
            "GENLOG012", Warning, "\"" + template + "\"", 6);
        Assert.Contains(" is 481 bytes", message);
    }

    [Fact]
    public void GENLOG012_is_not_reported_at_480_bytes()
    {
        var template = new string('a', 480) + "{Name}";
        DoesNotReport(InLog($$"""[SyslogMessage(SyslogSeverity.Warning, "{{template}}")]""", "public static partial void Hello(SyslogWriter writer, string name);"), "GENLOG012");
    }

    // ---------------------------------------------------------------- GENLOG013 (retired)

    [Fact]
    public void GENLOG013_is_retired_an_exception_the_template_does_not_name_reports_nothing_and_is_sent()
    {
        var result = Clean(InLog("""[SyslogMessage(SyslogSeverity.Error, "Upload of {Path} failed")]""", "public static partial void UploadFailed(SyslogWriter writer, string path, System.IO.IOException error);"));
        Assert.Empty(result.Diagnostics);
        Assert.DoesNotContain(GenLog.Generator.Diagnostics.Descriptors.All, d => d.Id == "GENLOG013");
        Assert.Contains(".AttachException(error, inTemplate: false, intoFirstElement: false);", Assert.Single(result.Sources).Value, System.StringComparison.Ordinal);
    }

    // ---------------------------------------------------------------- GENLOG014

    [Fact]
    public void GENLOG014_class_without_ISpanFormattable_is_reported_at_the_parameter_with_its_type()
    {
        var source = """
            using GenLog;
            namespace App;
            public sealed class Customer { }
            public static partial class Log
            {
                [SyslogMessage(SyslogSeverity.Notice, "Order placed by {Customer}")]
                public static partial void OrderPlaced(SyslogWriter writer, Customer customer);
            }
            """;
        var message = Reports(source, "GENLOG014", Warning, "Customer customer", 7);
        Assert.Equal("Parameter 'customer' of type 'App.Customer' implements neither IUtf8SpanFormattable nor ISpanFormattable, so it is formatted through ToString(), which allocates", message);
    }

    [Fact]
    public void GENLOG014_object_parameter_is_reported()
    {
        var message = Reports(
            InLog("""[SyslogMessage(SyslogSeverity.Notice, "Value {Value}")]""", "public static partial void Value(SyslogWriter writer, object value);"),
            "GENLOG014", Warning, "object value", 7);
        Assert.Contains("of type 'object'", message);
    }

    [Fact]
    public void GENLOG014_is_reported_for_a_parameter_sent_as_structured_data_only()
    {
        Reports(
            InLog("""[SyslogMessage(SyslogSeverity.Notice, "Order placed", SdId = "order@32473")]""", "public static partial void OrderPlaced(SyslogWriter writer, System.Text.StringBuilder notes);"),
            "GENLOG014", Warning, "System.Text.StringBuilder notes", 7);
    }

    [Fact]
    public void GENLOG014_is_not_reported_for_formattable_types()
    {
        Assert.Empty(Clean(InLog(
            """[SyslogMessage(SyslogSeverity.Notice, "{S} {C} {B} {I} {D} {G} {T} {A} {E} {N} {F}")]""",
            "public static partial void All(SyslogWriter writer, string s, ReadOnlySpan<char> c, bool b, int i, double d, Guid g, DateTimeOffset t, System.Net.IPAddress a, DayOfWeek e, int? n, SyslogFacility f);")).Diagnostics);
    }

    [Fact]
    public void GENLOG014_is_not_reported_for_a_parameter_that_is_not_sent()
    {
        var source = InLog("""[SyslogMessage(SyslogSeverity.Notice, "Hello")]""", "public static partial void Hello(SyslogWriter writer, object value);");
        DoesNotReport(source, "GENLOG014");
    }

    // ---------------------------------------------------------------- GENLOG015

    [Theory]
    [InlineData("ref int attempt", "ref")]
    [InlineData("out int attempt", "out")]
    [InlineData("params int[] attempt", "params")]
    [InlineData("params ReadOnlySpan<int> attempt", "params")]
    public void GENLOG015_ref_out_params_parameter_is_reported_at_the_parameter(string parameter, string kind)
    {
        var message = Reports(
            InLog("""[SyslogMessage(SyslogSeverity.Warning, "Retrying {Operation}, attempt {Attempt}")]""", $"public static partial void Retrying(SyslogWriter writer, string operation, {parameter});"),
            "GENLOG015", Error, parameter, 7);
        Assert.Equal($"Parameter 'attempt' is '{kind}'; logging methods take their values by value or 'in'", message);
    }

    [Theory]
    [InlineData("in int attempt")]
    [InlineData("ref readonly int attempt")]
    [InlineData("scoped ReadOnlySpan<char> attempt")]
    public void GENLOG015_is_not_reported_for_in_and_ref_readonly(string parameter)
    {
        DoesNotReport(
            InLog("""[SyslogMessage(SyslogSeverity.Warning, "Retrying {Operation}, attempt {Attempt}")]""", $"public static partial void Retrying(SyslogWriter writer, string operation, {parameter});"),
            "GENLOG015");
    }

    // ---------------------------------------------------------------- GENLOG016

    [Fact]
    public void GENLOG016_severity_on_the_attribute_and_as_a_parameter_is_reported_at_the_parameter()
    {
        var message = Reports(
            InLog("""[SyslogMessage(SyslogSeverity.Informational, "Job {Name} finished")]""", "public static partial void JobFinished(SyslogWriter writer, SyslogSeverity level, string name);"),
            "GENLOG016", Error, "SyslogSeverity level", 7);
        Assert.Equal("The severity is given twice: on [SyslogMessage] and by parameter 'level'; keep one", message);
    }

    [Fact]
    public void GENLOG016_no_severity_at_all_is_reported_at_the_attribute()
    {
        var message = Reports(
            InLog("""[SyslogMessage("Job {Name} finished")]""", "public static partial void JobFinished(SyslogWriter writer, string name);"),
            "GENLOG016", Error, """SyslogMessage("Job {Name} finished")""", 6);
        Assert.Equal("Method 'JobFinished' has no severity: give one on [SyslogMessage] or add a GenLog.SyslogSeverity parameter", message);
    }

    [Fact]
    public void GENLOG016_is_not_reported_beside_GENLOG008_for_a_misspelt_severity_name()
    {
        var result = DoesNotReport(
            InLog("""[SyslogMessage("daemon", "information", "Job {Name} finished")]""", "public static partial void JobFinished(SyslogWriter writer, string name);"),
            "GENLOG016");
        Assert.Contains(result.Diagnostics, d => d.Id == "GENLOG008");
    }

    [Fact]
    public void GENLOG016_two_severity_parameters_are_reported_at_the_second()
    {
        var message = Reports(
            InLog("""[SyslogMessage("Job {Name} finished")]""", "public static partial void JobFinished(SyslogWriter writer, SyslogSeverity level, SyslogSeverity other, string name);"),
            "GENLOG016", Error, "SyslogSeverity other", 7);
        Assert.Equal("Method 'JobFinished' has more than one SyslogSeverity parameter; keep one", message);
    }

    // ---------------------------------------------------------------- GENLOG017

    [Theory]
    [InlineData("abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvw")] // 49 characters
    [InlineData("order service")]
    [InlineData("bestellücke")]
    [InlineData("")]
    public void GENLOG017_invalid_AppName_on_SyslogSource_is_reported_at_the_value(string appName)
    {
        var source = $$"""
            using GenLog;
            namespace App;
            [SyslogSource(SyslogFacility.Daemon, AppName = "{{appName}}")]
            public static partial class Log
            {
                [SyslogMessage(SyslogSeverity.Notice, "Order {Id} shipped")]
                public static partial void Shipped(SyslogWriter writer, int id);
            }
            """;
        var message = Reports(source, "GENLOG017", Error, "\"" + appName + "\"", 3);
        Assert.Equal($"AppName \"{appName}\" must be 1 to 48 printable US-ASCII characters without spaces (RFC 5424 §6.2.5)", message);
    }

    [Fact]
    public void GENLOG017_is_reported_once_for_a_type_with_several_methods()
    {
        var source = """
            using GenLog;
            namespace App;
            [SyslogSource(AppName = "order service")]
            public static partial class Log
            {
                [SyslogMessage(SyslogSeverity.Notice, "Order {Id} shipped")]
                public static partial void Shipped(SyslogWriter writer, int id);

                [SyslogMessage(SyslogSeverity.Notice, "Order {Id} lost")]
                public static partial void Lost(SyslogWriter writer, int id);
            }
            """;
        Reports(source, "GENLOG017", Error, "\"order service\"", 3);
    }

    [Fact]
    public void GENLOG017_is_not_reported_for_48_printable_characters()
    {
        Clean("""
            using GenLog;
            namespace App;
            [SyslogSource(SyslogFacility.Daemon, AppName = "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuv")]
            public static partial class Log
            {
                [SyslogMessage(SyslogSeverity.Notice, "Order {Id} shipped")]
                public static partial void Shipped(SyslogWriter writer, int id);
            }
            """);
    }

    // ---------------------------------------------------------------- GENLOG018

    [Fact]
    public void GENLOG018_placeholders_differing_by_case_bound_to_two_parameters_are_reported_at_the_second()
    {
        var message = Reports(
            InLog("""[SyslogMessage(SyslogSeverity.Notice, "Order {id} moved to warehouse {Id}")]""", "public static partial void Moved(SyslogWriter writer, int id, int Id);"),
            "GENLOG018", Warning, "{Id}", 6);
        Assert.Equal("Placeholders '{id}' and '{Id}' differ only by case but bind different parameters", message);
    }

    [Fact]
    public void GENLOG018_is_not_reported_when_both_spellings_bind_the_same_parameter()
    {
        DoesNotReport(
            InLog("""[SyslogMessage(SyslogSeverity.Notice, "Order {id} is {ID}")]""", "public static partial void Moved(SyslogWriter writer, int id);"),
            "GENLOG018");
    }

    // ---------------------------------------------------------------- GENLOG019

    [Theory]
    [InlineData("""Line one\nLine two {X}""", """\n""", "000A")]
    [InlineData("""Line one\r\nLine two {X}""", """\r""", "000D")]
    [InlineData("""{X} bell \a""", """\a""", "0007")]
    [InlineData("""{X} nul \0""", """\0""", "0000")]
    [InlineData("""{X} esc \u001B[31m""", """\u001B""", "001B")]
    [InlineData("""{X} del \x7F end""", """\x7F""", "007F")]
    [InlineData("""a\tb {X} then \n""", """\n""", "000A")]
    [InlineData("""{{json}} then \n {X}""", """\n""", "000A")]
    public void GENLOG019_control_character_is_reported_at_the_escape_sequence(string template, string escape, string code)
    {
        var source = InLog($$"""[SyslogMessage(SyslogSeverity.Error, "{{template}}")]""", "public static partial void Failed(SyslogWriter writer, int x);");
        var literal = source.IndexOf("Error, \"", System.StringComparison.Ordinal) + "Error, \"".Length;
        var message = Reports(source, "GENLOG019", Warning, escape, 6, start: literal + template.IndexOf(escape, System.StringComparison.Ordinal));
        Assert.Equal($"The template holds the control character U+{code}; it breaks LF framing and most log viewers", message);
    }

    [Fact]
    public void GENLOG019_line_break_in_a_verbatim_string_is_reported_at_the_line_break()
    {
        var source = "using GenLog;\nnamespace App;\npublic static partial class Log\n{\n"
            + "    [SyslogMessage(SyslogSeverity.Error, @\"Import of {File} failed.\nSee the import log.\")]\n"
            + "    public static partial void ImportFailed(SyslogWriter writer, string file);\n}\n";
        Reports(source, "GENLOG019", Warning, "\n", 5, start: source.IndexOf("failed.", System.StringComparison.Ordinal) + "failed.".Length);
    }

    [Fact]
    public void GENLOG019_is_a_warning_so_the_method_is_still_generated()
    {
        var result = GeneratorHarness.Run(InLog("""[SyslogMessage(SyslogSeverity.Error, "Line one\nLine two {X}")]""", "public static partial void Failed(SyslogWriter writer, int x);"));
        Assert.Single(result.Sources);
        Assert.DoesNotContain(result.Output.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void GENLOG019_is_not_reported_for_a_tab()
    {
        DoesNotReport(InLog("""[SyslogMessage(SyslogSeverity.Error, "a\tb {X}")]""", "public static partial void Failed(SyslogWriter writer, int x);"), "GENLOG019");
    }

    // ---------------------------------------------------------------- Writer, GENLOG022

    /// <summary>A type with two writers, an int field and a static writer property; the attribute appended to it is on line 7.</summary>
    private const string TwoWriters = """
        using GenLog;
        namespace App;
        public sealed partial class Accounts(SyslogWriter audit, SyslogWriter operations)
        {
            private readonly int _attempts;
            public static SyslogWriter Shared { get; set; } = null!;

        """;

    [Fact]
    public void Writer_picks_one_of_several_writers_and_the_methods_wins_over_the_types()
    {
        var result = Clean("""
            using GenLog;
            namespace App;
            [SyslogSource(Writer = nameof(operations))]
            public sealed partial class Accounts(SyslogWriter audit, SyslogWriter operations)
            {
                [SyslogMessage(SyslogSeverity.Warning, "Login failed for {User}", Writer = nameof(audit))]
                public partial void LoginFailed(string user);

                [SyslogMessage(SyslogSeverity.Notice, "Cache rebuilt")]
                public partial void CacheRebuilt();
            }
            """);
        var generated = Assert.Single(result.Sources).Value;
        Assert.Contains("if (audit is null || !audit.IsEnabled(global::GenLog.SyslogSeverity.Warning))", generated);
        Assert.Contains("if (operations is null || !operations.IsEnabled(global::GenLog.SyslogSeverity.Notice))", generated);
    }

    [Fact]
    public void Writer_lets_a_static_method_log_to_a_static_property()
    {
        var result = Clean(TwoWriters + """
                [SyslogMessage(SyslogSeverity.Notice, "Started", Writer = nameof(Shared))]
                public static partial void Started();
            }
            """);
        Assert.Contains("= global::App.Accounts.Shared;", Assert.Single(result.Sources).Value);
    }

    [Fact]
    public void GENLOG022_a_Writer_that_names_no_member_is_reported_at_the_Writer_value()
    {
        var message = Reports(
            TwoWriters + """
                [SyslogMessage(SyslogSeverity.Warning, "Login failed for {User}", Writer = "_audit")]
                public partial void LoginFailed(string user);
            }
            """,
            "GENLOG022", Error, "\"_audit\"", 7);
        Assert.Equal("Writer \"_audit\" names no field, property or primary-constructor parameter of 'App.Accounts' or its base types", message);
    }

    [Fact]
    public void GENLOG022_a_Writer_that_names_a_member_of_another_type_is_reported_at_the_Writer_value()
    {
        var message = Reports(
            TwoWriters + """
                [SyslogMessage(SyslogSeverity.Warning, "Login failed for {User}", Writer = nameof(_attempts))]
                public partial void LoginFailed(string user);
            }
            """,
            "GENLOG022", Error, "nameof(_attempts)", 7);
        Assert.Equal("Writer \"_attempts\" names a field of type 'int', not a GenLog.SyslogWriter", message);
    }

    [Fact]
    public void GENLOG022_a_static_method_naming_an_instance_writer_is_reported_at_the_Writer_value()
    {
        var message = Reports(
            TwoWriters + """
                [SyslogMessage(SyslogSeverity.Warning, "Login failed for {User}", Writer = nameof(audit))]
                public static partial void LoginFailed(string user);
            }
            """,
            "GENLOG022", Error, "nameof(audit)", 7);
        Assert.Equal("Method 'LoginFailed' is static, so Writer must name a static field or property, and \"audit\" is an instance primary-constructor parameter; make the method an instance method or take the writer as a parameter", message);
    }

    [Fact]
    public void GENLOG022_a_Writer_beside_a_writer_parameter_is_reported_at_the_Writer_value()
    {
        var message = Reports(
            TwoWriters + """
                [SyslogMessage(SyslogSeverity.Warning, "Login failed for {User}", Writer = nameof(Shared))]
                public static partial void LoginFailed(SyslogWriter writer, string user);
            }
            """,
            "GENLOG022", Error, "nameof(Shared)", 7);
        Assert.Equal("Method 'LoginFailed' logs to its SyslogWriter parameter 'writer', so Writer \"Shared\" would be ignored; remove one of them", message);
    }

    [Fact]
    public void GENLOG022_a_bad_Writer_on_SyslogSource_is_reported_there()
    {
        var source = """
            using GenLog;
            namespace App;
            [SyslogSource(Writer = "journal")]
            public sealed partial class Accounts(SyslogWriter audit, SyslogWriter operations)
            {
                [SyslogMessage(SyslogSeverity.Warning, "Login failed for {User}")]
                public partial void LoginFailed(string user);

                [SyslogMessage(SyslogSeverity.Warning, "Logout of {User}")]
                public static partial void LoggedOut(SyslogWriter writer, string user);
            }
            """;
        var message = Reports(source, "GENLOG022", Error, "\"journal\"", 3);
        Assert.StartsWith("Writer \"journal\" names no field", message);
    }

    // ---------------------------------------------------------------- [SdElement], GENLOG010, GENLOG023, GENLOG024

    [Fact]
    public void GENLOG010_an_SdElement_without_an_enterprise_number_is_reported_at_its_SD_ID()
    {
        var message = Reports(
            InLog("""[SyslogMessage(SyslogSeverity.Notice, "Request from {Client}")]""", """public static partial void Request(SyslogWriter writer, [SdElement("origin")] string client);"""),
            "GENLOG010", Error, "\"origin\"", 7);
        Assert.Equal("SdId \"origin\" is not a valid SD-ID: a private SD-ID is name@enterprise-number, e.g. \"auth@32473\" (RFC 5424 §6.3.2, §7.2.2)", message);
    }

    [Fact]
    public void GENLOG023_two_parameters_named_alike_in_one_element_are_reported_at_the_second()
    {
        var message = Reports(
            InLog("""[SyslogMessage(SyslogSeverity.Notice, "Moved")]""", """public static partial void Moved(SyslogWriter writer, [SdElement("move@32473")] string path, [SdElement("move@32473")] string Path);"""),
            "GENLOG023", Warning, "[SdElement(\"move@32473\")] string Path", 7);
        Assert.Equal("Parameters 'path' and 'Path' are both sent as PARAM-NAME 'Path' (ignoring case) in SD-ELEMENT [move@32473]; most receivers keep only one of them", message);
    }

    [Fact]
    public void GENLOG023_is_not_reported_for_the_same_name_in_different_elements()
    {
        DoesNotReport(
            InLog("""[SyslogMessage(SyslogSeverity.Notice, "Moved", SdId = "move@32473")]""", """public static partial void Moved(SyslogWriter writer, string path, [SdElement("target@32473")] string Path);"""),
            "GENLOG023");
    }

    [Theory]
    [InlineData("SyslogWriter writer", "SyslogWriter")]
    [InlineData("SyslogSeverity level", "severity")]
    [InlineData("Exception error", "exception")]
    public void GENLOG024_SdElement_on_a_parameter_that_is_not_a_value_is_reported_at_the_attribute(string parameter, string role)
    {
        var writer = parameter.StartsWith("SyslogWriter", System.StringComparison.Ordinal) ? string.Empty : "SyslogWriter writer, ";
        var severity = parameter.StartsWith("SyslogSeverity", System.StringComparison.Ordinal) ? string.Empty : "SyslogSeverity.Error, ";
        var message = Reports(
            InLog($$"""[SyslogMessage({{severity}}"Disk {Device} failed {Error}")]""", $$"""public static partial void Failed({{writer}}[SdElement("disk@32473")] {{parameter}}, string device);"""),
            "GENLOG024", Error, "SdElement(\"disk@32473\")", 7);
        Assert.Equal($"Parameter '{parameter.Split(' ')[1]}' is the message's {role}, not a value, so it cannot be sent in an SD-ELEMENT; remove [SdElement]", message);
    }

    [Fact]
    public void An_SdElement_parameter_the_template_does_not_name_is_sent_as_SD_only_and_others_are_still_unsent()
    {
        var source = InLog(
            """[SyslogMessage(SyslogSeverity.Notice, "Request answered")]""",
            """public static partial void Answered(SyslogWriter writer, [SdElement("origin@32473")] string client, int status);""");
        var message = Reports(source, "GENLOG006", Warning, "int status", 7);
        Assert.StartsWith("Parameter 'status' is not used", message);
    }

    // ---------------------------------------------------------------- all

    [Fact]
    public void A_method_with_an_error_gets_an_empty_body_and_other_methods_of_the_type_get_theirs()
    {
        var source = """
            using GenLog;
            namespace App;
            public static partial class Log
            {
                [SyslogMessage(SyslogSeverity.Warning, "Hello {Usr}")]
                public static partial void Broken(SyslogWriter writer, string user);

                [SyslogMessage(SyslogSeverity.Warning, "Hello {User}")]
                public static partial void Fine(SyslogWriter writer, string user);
            }
            """;
        var input = GeneratorHarness.Compilation(source);
        var result = GeneratorHarness.Run(input);
        Assert.Single(result.Diagnostics, d => d.Id == "GENLOG005");
        var generated = Assert.Single(result.Sources).Value;
        var broken = generated.Substring(generated.IndexOf(" Broken(", System.StringComparison.Ordinal));
        Assert.StartsWith(" Broken(global::GenLog.SyslogWriter writer, string user)\n        {\n        }", broken.Replace("\r\n", "\n"), System.StringComparison.Ordinal);
        Assert.Contains("SyslogMessageBuilder", generated.Substring(generated.IndexOf(" Fine(", System.StringComparison.Ordinal)), System.StringComparison.Ordinal);
        Assert.DoesNotContain(result.Output.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void Valid_declarations_of_the_design_document_report_nothing()
    {
        var result = Clean("""
            using System;
            using System.Net;
            using GenLog;
            namespace App;

            [SyslogSource(SyslogFacility.Auth, AppName = "sshd", SdId = "auth@32473")]
            public static partial class AuthLog
            {
                [SyslogMessage(SyslogSeverity.Warning, "Failed password for {User} from {Address} port {Port}", MsgId = "AUTHFAIL")]
                public static partial void FailedPassword(SyslogWriter writer, string user, IPAddress address, int port);

                [SyslogMessage("local0", "err", "Disk {Device} is {Percent:F1}% full")]
                public static partial void DiskFull(SyslogWriter writer, string device, double percent);

                [SyslogMessage(SyslogSeverity.Error, "Request {Id} failed")]
                public static partial void RequestFailed(SyslogWriter writer, Guid id, Exception error);
            }
            """);

        Assert.Empty(result.Diagnostics);
    }
}
