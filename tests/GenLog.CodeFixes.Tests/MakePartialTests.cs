using System.Threading.Tasks;
using Verify = GenLog.CodeFixes.Tests.CodeFixVerifier<GenLog.CodeFixes.MakePartialCodeFix>;

namespace GenLog.CodeFixes.Tests;

public sealed class MakePartialTests
{
    [Fact]
    public Task A_method_without_partial_gets_it_before_its_return_type() => Verify.VerifyAsync(
        """
        using GenLog;

        namespace App;

        public static partial class Log
        {
            [SyslogMessage(SyslogSeverity.Notice, "Job {Name} finished")]
            public static void {|GENLOG001:JobFinished|}(SyslogWriter writer, string name);
        }
        """,
        """
        using GenLog;

        namespace App;

        public static partial class Log
        {
            [SyslogMessage(SyslogSeverity.Notice, "Job {Name} finished")]
            public static partial void JobFinished(SyslogWriter writer, string name);
        }
        """);

    [Fact]
    public Task A_method_with_no_modifiers_gets_partial_in_front_and_keeps_its_indentation() => Verify.VerifyAsync(
        """
        using GenLog;

        namespace App;

        public sealed partial class AuditLog(SyslogWriter writer)
        {
            [SyslogMessage(SyslogSeverity.Notice, "Entry {Name}")]
            void {|GENLOG001:Entry|}(string name);

            public void Use() => Entry(writer.ToString()!);
        }
        """,
        """
        using GenLog;

        namespace App;

        public sealed partial class AuditLog(SyslogWriter writer)
        {
            [SyslogMessage(SyslogSeverity.Notice, "Entry {Name}")]
            partial void Entry(string name);

            public void Use() => Entry(writer.ToString()!);
        }
        """);

    [Fact]
    public Task A_containing_type_without_partial_gets_it_before_its_keyword() => Verify.VerifyAsync(
        """
        using GenLog;

        namespace App;

        public static class {|GENLOG002:Log|}
        {
            [SyslogMessage(SyslogSeverity.Notice, "Job {Name} finished")]
            public static partial void JobFinished(SyslogWriter writer, string name);
        }
        """,
        """
        using GenLog;

        namespace App;

        public static partial class Log
        {
            [SyslogMessage(SyslogSeverity.Notice, "Job {Name} finished")]
            public static partial void JobFinished(SyslogWriter writer, string name);
        }
        """);

    [Fact]
    public Task Fix_all_makes_every_method_and_containing_type_partial_once() => Verify.VerifyAsync(
        """
        using GenLog;

        namespace App;

        public static class {|#0:Outer|}
        {
            internal static class {|#1:Log|}
            {
                [SyslogMessage(SyslogSeverity.Notice, "Job {Name} started")]
                public static void {|GENLOG001:JobStarted|}(SyslogWriter writer, string name);

                [SyslogMessage(SyslogSeverity.Notice, "Job {Name} finished")]
                public static void {|GENLOG001:JobFinished|}(SyslogWriter writer, string name);
            }
        }
        """,
        """
        using GenLog;

        namespace App;

        public static partial class Outer
        {
            internal static partial class Log
            {
                [SyslogMessage(SyslogSeverity.Notice, "Job {Name} started")]
                public static partial void JobStarted(SyslogWriter writer, string name);

                [SyslogMessage(SyslogSeverity.Notice, "Job {Name} finished")]
                public static partial void JobFinished(SyslogWriter writer, string name);
            }
        }
        """,
        expected: [Verify.Diagnostic("GENLOG002", 0), Verify.Diagnostic("GENLOG002", 0), Verify.Diagnostic("GENLOG002", 1), Verify.Diagnostic("GENLOG002", 1)]);

    [Fact]
    public Task A_generic_method_is_not_made_partial_again() => Verify.VerifyNoFixAsync(
        """
        using GenLog;

        namespace App;

        public static partial class Log
        {
            [SyslogMessage(SyslogSeverity.Notice, "Job {Name} finished")]
            public static partial void JobFinished{|GENLOG002:<T>|}(SyslogWriter writer, string name);
        }
        """);
}
