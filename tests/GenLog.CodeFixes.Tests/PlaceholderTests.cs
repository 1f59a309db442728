using System.Threading.Tasks;
using Verify = GenLog.CodeFixes.Tests.CodeFixVerifier<GenLog.CodeFixes.PlaceholderCodeFix>;

namespace GenLog.CodeFixes.Tests;

public sealed class PlaceholderTests
{
    [Fact]
    public Task A_misspelt_placeholder_is_renamed_to_the_parameter() => Verify.VerifyAsync(
        """
        using GenLog;

        namespace App;

        public static partial class Log
        {
            [SyslogMessage(SyslogSeverity.Warning, "Failed password for {|GENLOG005:{Usr}|} from {Address}")]
            public static partial void FailedPassword(SyslogWriter writer, {|GENLOG006:string user|}, string address);
        }
        """,
        """
        using GenLog;

        namespace App;

        public static partial class Log
        {
            [SyslogMessage(SyslogSeverity.Warning, "Failed password for {User} from {Address}")]
            public static partial void FailedPassword(SyslogWriter writer, string user, string address);
        }
        """,
        "GenLog.RenamePlaceholder.user");

    [Fact]
    public Task Each_close_parameter_is_offered_and_the_alignment_and_format_stay() => Verify.VerifyAsync(
        """
        using System;
        using GenLog;

        namespace App;

        public static partial class Log
        {
            [SyslogMessage(SyslogSeverity.Notice, "Wrote\t{Data} on {|GENLOG005:{Dat,12:yyyy-MM-dd}|}")]
            public static partial void Wrote(SyslogWriter writer, string data, {|GENLOG006:DateTime date|});
        }
        """,
        """
        using System;
        using GenLog;

        namespace App;

        public static partial class Log
        {
            [SyslogMessage(SyslogSeverity.Notice, "Wrote\t{Data} on {Date,12:yyyy-MM-dd}")]
            public static partial void Wrote(SyslogWriter writer, string data, DateTime date);
        }
        """,
        "GenLog.RenamePlaceholder.date");

    [Fact]
    public Task A_placeholder_after_doubled_quotes_in_a_verbatim_string_keeps_its_at_sign() => Verify.VerifyAsync(
        """
        using GenLog;

        namespace App;

        public static partial class Log
        {
            [SyslogMessage(SyslogSeverity.Warning, @"Login ""{|GENLOG005:{@Usr}|}"" refused")]
            public static partial void Refused(SyslogWriter writer, {|GENLOG006:string user|});
        }
        """,
        """
        using GenLog;

        namespace App;

        public static partial class Log
        {
            [SyslogMessage(SyslogSeverity.Warning, @"Login ""{@User}"" refused")]
            public static partial void Refused(SyslogWriter writer, string user);
        }
        """,
        "GenLog.RenamePlaceholder.user");

    [Fact]
    public Task A_placeholder_with_no_close_parameter_gets_a_string_parameter() => Verify.VerifyAsync(
        """
        using GenLog;

        namespace App;

        public static partial class Log
        {
            [SyslogMessage(SyslogSeverity.Notice, "Listening on {|GENLOG005:{Port}|} as {User}")]
            public static partial void Listening(SyslogWriter writer, string user);
        }
        """,
        """
        using GenLog;

        namespace App;

        public static partial class Log
        {
            [SyslogMessage(SyslogSeverity.Notice, "Listening on {Port} as {User}")]
            public static partial void Listening(SyslogWriter writer, string user, string port);
        }
        """,
        "GenLog.AddParameter");

    [Fact]
    public Task An_added_parameter_named_like_a_keyword_is_escaped() => Verify.VerifyAsync(
        """
        using GenLog;

        namespace App;

        public static partial class Log
        {
            [SyslogMessage(SyslogSeverity.Notice, "Loaded {|GENLOG005:{Class}|}")]
            public static partial void Loaded(SyslogWriter writer);
        }
        """,
        """
        using GenLog;

        namespace App;

        public static partial class Log
        {
            [SyslogMessage(SyslogSeverity.Notice, "Loaded {Class}")]
            public static partial void Loaded(SyslogWriter writer, string @class);
        }
        """,
        "GenLog.AddParameter");

    [Fact]
    public void Close_names_are_offered_nearest_first_and_far_ones_not_at_all()
    {
        Assert.Equal(["user"], Spelling.EditDistance.Closest("usr", ["writer", "user", "users", "address"]));
        Assert.Equal(["date", "data"], Spelling.EditDistance.Closest("Dat", ["writer", "date", "data"]));
        Assert.Equal(["name"], Spelling.EditDistance.Closest("nmae", ["name", "time"]));
        Assert.Empty(Spelling.EditDistance.Closest("port", ["user", "address"]));
    }
}
