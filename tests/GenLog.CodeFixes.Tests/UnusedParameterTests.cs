using System.Threading.Tasks;
using Verify = GenLog.CodeFixes.Tests.CodeFixVerifier<GenLog.CodeFixes.UnusedParameterCodeFix>;

namespace GenLog.CodeFixes.Tests;

public sealed class UnusedParameterTests
{
    [Fact]
    public Task The_placeholder_is_appended_to_a_regular_string() => Verify.VerifyAsync(
        """
        using GenLog;

        namespace App;

        public static partial class Log
        {
            [SyslogMessage(SyslogSeverity.Notice, "Job \"nightly\" finished")]
            public static partial void JobFinished(SyslogWriter writer, {|GENLOG006:string name|});
        }
        """,
        """
        using GenLog;

        namespace App;

        public static partial class Log
        {
            [SyslogMessage(SyslogSeverity.Notice, "Job \"nightly\" finished {Name}")]
            public static partial void JobFinished(SyslogWriter writer, string name);
        }
        """);

    [Fact]
    public Task The_placeholder_is_appended_to_a_verbatim_string() => Verify.VerifyAsync(
        """
        using GenLog;

        namespace App;

        public static partial class Log
        {
            [SyslogMessage(SyslogSeverity.Notice, @"Backup to C:\backup ""nightly"" done")]
            public static partial void BackupDone(SyslogWriter writer, {|GENLOG006:long bytes|});
        }
        """,
        """
        using GenLog;

        namespace App;

        public static partial class Log
        {
            [SyslogMessage(SyslogSeverity.Notice, @"Backup to C:\backup ""nightly"" done {Bytes}")]
            public static partial void BackupDone(SyslogWriter writer, long bytes);
        }
        """);

    [Fact]
    public Task The_placeholder_is_appended_to_a_single_line_raw_string() => Verify.VerifyAsync(
        """"
        using GenLog;

        namespace App;

        public static partial class Log
        {
            [SyslogMessage(SyslogSeverity.Notice, """Job "nightly" finished""")]
            public static partial void JobFinished(SyslogWriter writer, {|GENLOG006:int count|});
        }
        """",
        """"
        using GenLog;

        namespace App;

        public static partial class Log
        {
            [SyslogMessage(SyslogSeverity.Notice, """Job "nightly" finished {Count}""")]
            public static partial void JobFinished(SyslogWriter writer, int count);
        }
        """");

    [Fact]
    public Task The_placeholder_is_appended_to_the_last_line_of_a_multi_line_raw_string() => Verify.VerifyAsync(
        """"
        using GenLog;

        namespace App;

        public static partial class Log
        {
            [SyslogMessage(SyslogSeverity.Notice, """
                Job finished
                """)]
            public static partial void JobFinished(SyslogWriter writer, {|GENLOG006:int count|});
        }
        """",
        """"
        using GenLog;

        namespace App;

        public static partial class Log
        {
            [SyslogMessage(SyslogSeverity.Notice, """
                Job finished {Count}
                """)]
            public static partial void JobFinished(SyslogWriter writer, int count);
        }
        """");

    [Fact]
    public Task Fix_all_appends_every_unused_parameter_in_declaration_order() => Verify.VerifyAsync(
        """
        using GenLog;

        namespace App;

        public static partial class Log
        {
            [SyslogMessage(SyslogSeverity.Notice, message: "Job finished")]
            public static partial void JobFinished({|GENLOG006:string name|}, SyslogWriter writer, {|GENLOG006:int count|});
        }
        """,
        """
        using GenLog;

        namespace App;

        public static partial class Log
        {
            [SyslogMessage(SyslogSeverity.Notice, message: "Job finished {Name} {Count}")]
            public static partial void JobFinished(string name, SyslogWriter writer, int count);
        }
        """);

    [Fact]
    public Task A_template_held_in_a_constant_is_left_alone() => Verify.VerifyNoFixAsync(
        """
        using GenLog;

        namespace App;

        public static partial class Log
        {
            private const string Finished = "Job finished";

            [SyslogMessage(SyslogSeverity.Notice, Finished)]
            public static partial void JobFinished(SyslogWriter writer, {|GENLOG006:string name|});
        }
        """);
}
