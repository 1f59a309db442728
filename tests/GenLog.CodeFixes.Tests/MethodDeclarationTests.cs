using System.Threading.Tasks;
using Verify = GenLog.CodeFixes.Tests.CodeFixVerifier<GenLog.CodeFixes.MethodDeclarationCodeFix>;

namespace GenLog.CodeFixes.Tests;

public sealed class MethodDeclarationTests
{
    [Fact]
    public Task A_block_body_is_removed() => Verify.VerifyAsync(
        """
        using GenLog;

        namespace App;

        public static partial class Log
        {
            [SyslogMessage(SyslogSeverity.Notice, "Job {Name} finished")]
            public static partial void {|GENLOG001:JobFinished|}(SyslogWriter writer, string name)
            {
            }
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
        """,
        "GenLog.RemoveBody");

    [Fact]
    public Task An_expression_body_is_removed() => Verify.VerifyAsync(
        """
        using GenLog;

        namespace App;

        public static partial class Log
        {
            [SyslogMessage(SyslogSeverity.Notice, "Job {Name} finished")]
            public static partial void {|GENLOG001:JobFinished|}(SyslogWriter writer, string name) => System.Console.WriteLine(name);
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
        """,
        "GenLog.RemoveBody");

    [Fact]
    public Task A_return_type_becomes_void() => Verify.VerifyAsync(
        """
        using GenLog;

        namespace App;

        public static partial class Log
        {
            [SyslogMessage(SyslogSeverity.Notice, "Job {Name} finished")]
            public static partial {|GENLOG001:bool|} JobFinished(SyslogWriter writer, string name);
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
        """,
        "GenLog.ReturnVoid");
}
