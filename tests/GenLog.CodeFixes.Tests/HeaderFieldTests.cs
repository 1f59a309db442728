using System.Threading.Tasks;
using GenLog.CodeFixes.Spelling;
using Verify = GenLog.CodeFixes.Tests.CodeFixVerifier<GenLog.CodeFixes.HeaderFieldCodeFix>;

namespace GenLog.CodeFixes.Tests;

public sealed class HeaderFieldTests
{
    [Fact]
    public Task An_msgid_with_a_space_gets_a_dash() => Verify.VerifyAsync(
        """
        using GenLog;

        namespace App;

        public static partial class Log
        {
            [SyslogMessage(SyslogSeverity.Warning, "Failed password for {User}", MsgId = {|GENLOG009:"AUTH FAIL"|})]
            public static partial void FailedPassword(SyslogWriter writer, string user);
        }
        """,
        """
        using GenLog;

        namespace App;

        public static partial class Log
        {
            [SyslogMessage(SyslogSeverity.Warning, "Failed password for {User}", MsgId = "AUTH-FAIL")]
            public static partial void FailedPassword(SyslogWriter writer, string user);
        }
        """);

    [Fact]
    public Task A_long_msgid_with_letters_outside_ascii_is_cut_to_32_printable_characters() => Verify.VerifyAsync(
        """
        using GenLog;

        namespace App;

        public static partial class Log
        {
            [SyslogMessage(SyslogSeverity.Notice, "Upload of {Size} bytes done", MsgId = {|GENLOG009:@"UPLOAD_GRÖSSE_ÜBERSCHRITTEN_FÜR_ALLE_NUTZER"|})]
            public static partial void Uploaded(SyslogWriter writer, long size);
        }
        """,
        """
        using GenLog;

        namespace App;

        public static partial class Log
        {
            [SyslogMessage(SyslogSeverity.Notice, "Upload of {Size} bytes done", MsgId = "UPLOAD_GRSSE_BERSCHRITTEN_FR_ALL")]
            public static partial void Uploaded(SyslogWriter writer, long size);
        }
        """);

    [Fact]
    public Task An_app_name_with_spaces_gets_dashes() => Verify.VerifyAsync(
        """
        using GenLog;

        namespace App;

        [SyslogSource(SyslogFacility.Daemon, AppName = {|GENLOG017:"order processing service"|})]
        public static partial class Log
        {
            [SyslogMessage(SyslogSeverity.Notice, "Order {Id} shipped")]
            public static partial void Shipped(SyslogWriter writer, int id);
        }
        """,
        """
        using GenLog;

        namespace App;

        [SyslogSource(SyslogFacility.Daemon, AppName = "order-processing-service")]
        public static partial class Log
        {
            [SyslogMessage(SyslogSeverity.Notice, "Order {Id} shipped")]
            public static partial void Shipped(SyslogWriter writer, int id);
        }
        """);

    [Fact]
    public Task An_sd_id_without_an_enterprise_number_gets_the_documentation_number() => Verify.VerifyAsync(
        """
        using GenLog;

        namespace App;

        public static partial class Log
        {
            [SyslogMessage(SyslogSeverity.Warning, "Failed password for {User}", SdId = {|GENLOG010:"auth"|})]
            public static partial void FailedPassword(SyslogWriter writer, string user);
        }
        """,
        """
        using GenLog;

        namespace App;

        public static partial class Log
        {
            [SyslogMessage(SyslogSeverity.Warning, "Failed password for {User}", SdId = "auth@32473")]
            public static partial void FailedPassword(SyslogWriter writer, string user);
        }
        """);

    [Fact]
    public Task An_sd_id_on_the_source_loses_what_an_sd_name_cannot_hold_and_a_made_up_number() => Verify.VerifyAsync(
        """
        using GenLog;

        namespace App;

        [SyslogSource(SyslogFacility.Auth, SdId = {|GENLOG010:"login attempt=1@acme"|})]
        public static partial class Log
        {
            [SyslogMessage(SyslogSeverity.Warning, "Failed password for {User}")]
            public static partial void FailedPassword(SyslogWriter writer, string user);

            [SyslogMessage(SyslogSeverity.Notice, "Accepted password for {User}")]
            public static partial void AcceptedPassword(SyslogWriter writer, string user);
        }
        """,
        """
        using GenLog;

        namespace App;

        [SyslogSource(SyslogFacility.Auth, SdId = "login-attempt1@32473")]
        public static partial class Log
        {
            [SyslogMessage(SyslogSeverity.Warning, "Failed password for {User}")]
            public static partial void FailedPassword(SyslogWriter writer, string user);

            [SyslogMessage(SyslogSeverity.Notice, "Accepted password for {User}")]
            public static partial void AcceptedPassword(SyslogWriter writer, string user);
        }
        """);

    [Theory]
    [InlineData("auth", "auth@32473")]
    [InlineData("auth@32473.1", "auth@32473.1")]
    [InlineData("auth@", "auth@32473")]
    [InlineData("a b]c\"d=e@1", "a-bcde@1")]
    [InlineData("a-very-long-structured-data-identifier", "a-very-long-structured-dat@32473")]
    public void Sd_id_spellings_are_valid_sd_ids(string written, string expected)
    {
        var spelled = HeaderSpelling.SdId(written);
        Assert.Equal(expected, spelled);
        Assert.InRange(spelled!.Length, 1, 32);
    }

    [Theory]
    [InlineData("é")]
    [InlineData("   ")]
    [InlineData("- ")]
    public void Nothing_is_offered_when_no_printable_character_is_left(string written)
    {
        Assert.Null(HeaderSpelling.MsgId(written));
        Assert.Null(HeaderSpelling.AppName(written));
    }
}
