using System.Linq;
using Microsoft.CodeAnalysis;

namespace GenLog.Generator.Tests;

/// <summary>Declarations a code review found to crash the generator or to give code that does not compile.</summary>
public class ReviewRegressionTests
{
    [Fact]
    public void GENLOG020_a_parameter_that_hides_the_primary_constructor_writer_is_an_error_at_the_parameter()
    {
        const string source = """
            using GenLog;
            namespace App;
            public sealed partial class AuditLog(SyslogWriter log)
            {
                [SyslogMessage(SyslogSeverity.Notice, "Entry {Log}")]
                public partial void Entry(string log);
            }
            """;
        var message = DiagnosticAssert.Reports(source, "GENLOG020", DiagnosticSeverity.Error, "string log", line: 6);
        Assert.Contains("'log'", message);
    }

    [Theory]
    [InlineData("System.ReadOnlySpan<byte> payload", "ref struct")]
    [InlineData("int* payload", "pointer")]
    [InlineData("dynamic payload", "dynamic")]
    public void GENLOG021_a_parameter_type_that_cannot_be_formatted_is_an_error_at_the_parameter(string parameter, string reason)
    {
        var source = $$"""
            using GenLog;
            namespace App;
            public static unsafe partial class Log
            {
                [SyslogMessage(SyslogSeverity.Debug, "Received {Payload}")]
                public static partial void Received(SyslogWriter writer, {{parameter}});
            }
            """;
        var message = DiagnosticAssert.Reports(source, "GENLOG021", DiagnosticSeverity.Error, parameter, line: 6);
        Assert.Contains(reason, message);
    }

    [Fact]
    public void Types_whose_names_differ_only_by_case_get_their_own_files()
    {
        var result = DiagnosticAssert.Clean("""
            using GenLog;
            namespace App;
            public static partial class Log
            {
                [SyslogMessage(SyslogSeverity.Notice, "a")]
                public static partial void A(SyslogWriter writer);
            }
            public static partial class LOG
            {
                [SyslogMessage(SyslogSeverity.Notice, "b")]
                public static partial void B(SyslogWriter writer);
            }
            public static partial class C<T>
            {
                [SyslogMessage(SyslogSeverity.Notice, "c")]
                public static partial void M(SyslogWriter writer);
            }
            public static partial class C_1
            {
                [SyslogMessage(SyslogSeverity.Notice, "d")]
                public static partial void M(SyslogWriter writer);
            }
            """);
        Assert.Equal(4, result.Sources.Count);
    }

    [Fact]
    public void Parameters_named_like_the_generated_locals_and_static_writers_shadowed_by_parameters_compile()
    {
        var result = DiagnosticAssert.Clean("""
            using GenLog;
            namespace App;
            public static partial class Log
            {
                [SyslogMessage(SyslogSeverity.Notice, "{__message} {__writer,5} {__start1}")]
                public static partial void Odd(SyslogWriter writer, string __message, int __writer, int __start1);
            }
            public partial class Holder
            {
                private static SyslogWriter Writer = null!;

                [SyslogMessage(SyslogSeverity.Notice, "{Writer}")]
                public partial void Shadowed(string writer);
            }
            """);
        Assert.Contains("global::App.Holder.Writer", result.Sources.Values.Single(s => s.Contains("Shadowed")));
    }

    [Fact]
    public void Unsafe_types_and_variant_interfaces_keep_their_modifiers()
    {
        DiagnosticAssert.Clean("""
            using GenLog;
            namespace App;
            public unsafe partial class Native
            {
                private readonly SyslogWriter _writer = null!;

                [SyslogMessage(SyslogSeverity.Notice, "{Count}")]
                public partial void Count(int count);
            }
            public partial interface IProducer<out T, in U>
            {
                [SyslogMessage(SyslogSeverity.Notice, "{Count}")]
                static partial void Produced(SyslogWriter writer, int count);
            }
            """);
    }
}
