using System.Linq;

namespace GenLog.Generator.Tests;

/// <summary>The emitted source of representative declarations, compared with approved files.</summary>
public class SnapshotTests
{
    [Theory]
    [InlineData("StaticWithSource", """
        using System.Net;
        using GenLog;

        namespace Samples;

        [SyslogSource(SyslogFacility.Auth, AppName = "sshd")]
        public static partial class AuthLog
        {
            [SyslogMessage(SyslogSeverity.Warning, "Failed password for {User} from {Address} port {Port}", MsgId = "AUTHFAIL")]
            public static partial void FailedPassword(SyslogWriter writer, string user, IPAddress address, int port);
        }
        """)]
    [InlineData("StructuredData", """
        using GenLog;

        namespace Samples;

        [SyslogSource(SdId = "billing@32473")]
        internal static partial class BillingLog
        {
            [SyslogMessage(SyslogFacility.Local3, SyslogSeverity.Informational, "Invoice {Id} paid: {Amount:0.00}")]
            internal static partial void Paid(SyslogWriter writer, System.Guid id, decimal amount, string customer);

            [SyslogMessage(SyslogSeverity.Error, "Charge failed", SdId = "charge@32473.1")]
            internal static partial void ChargeFailed(SyslogWriter writer, string card, System.Exception error);
        }
        """)]
    [InlineData("DynamicSeverityAndNames", """
        using GenLog;

        namespace Samples;

        public static partial class DiskLog
        {
            [SyslogMessage("local0", "err", "Disk {Device} is {Percent:F1}% full")]
            public static partial void DiskFull(SyslogWriter writer, string device, double percent);

            [SyslogMessage("Check of {Device} finished: {Result}")]
            public static partial void CheckFinished(SyslogWriter writer, SyslogSeverity level, string device, bool result);
        }
        """)]
    [InlineData("InstanceMembers", """
        using GenLog;

        namespace Samples
        {
            public sealed partial class FieldLog
            {
                private readonly SyslogWriter _writer;

                public FieldLog(SyslogWriter writer) => _writer = writer;

                [SyslogMessage(SyslogSeverity.Notice, "Started {Name}")]
                public partial void Started(string name);
            }

            public partial class Outer<T>
                where T : System.ISpanFormattable
            {
                public partial record struct Inner(SyslogWriter Writer)
                {
                    [SyslogMessage(SyslogSeverity.Debug, "Item {Item}")]
                    private partial void Item(T item);
                }
            }

            internal sealed partial class PrimaryLog(SyslogWriter writer)
            {
                [SyslogMessage(SyslogSeverity.Alert, "Primary {Count}")]
                internal partial void Counted(long count);
            }
        }
        """)]
    [InlineData("ParameterShapes", """
        using System;
        using GenLog;

        public enum Mode { Fast, Slow }

        public static partial class ShapesLog
        {
            [SyslogMessage(SyslogSeverity.Notice, "{Event,-8}|{When:O}|{Count,5}|{Mode}|{Chars}|{Maybe}|{Big}|{Flag}")]
            public static partial void Shapes(SyslogWriter writer, string? @event, in DateTimeOffset when, ref readonly int count, Mode mode, scoped ReadOnlySpan<char> chars, int? maybe, System.Numerics.BigInteger big, bool flag);
        }
        """)]
    [InlineData("Escaping", """"
        using GenLog;

        namespace Samples;

        public static partial class EscapeLog
        {
        #pragma warning disable GENLOG019
            [SyslogMessage(SyslogSeverity.Notice, "back\\slash \"quoted\" cr\r lf\n nul\0 {{braces}} é 日本 😀 lone\uD800 rtl\u202E {Value}")]
            public static partial void Escapes(SyslogWriter writer, string value);
        #pragma warning restore GENLOG019

            [SyslogMessage(SyslogSeverity.Notice, @"verbatim ""{Value}"" \n")]
            public static partial void Verbatim(SyslogWriter writer, string value);

            [SyslogMessage(SyslogSeverity.Notice, """raw "{Value}" """)]
            public static partial void Raw(SyslogWriter writer, string value);
        }
        """")]
    [InlineData("SeveralWriters", """
        using GenLog;

        namespace Samples;

        [SyslogSource(Writer = nameof(_operations))]
        public sealed partial class AccountLog
        {
            private readonly SyslogWriter _audit;
            private readonly SyslogWriter _operations;

            public AccountLog(SyslogWriter audit, SyslogWriter operations) => (_audit, _operations) = (audit, operations);

            public static SyslogWriter? Shared { get; set; }

            [SyslogMessage(SyslogSeverity.Warning, "Login failed for {User}", Writer = nameof(_audit))]
            public partial void LoginFailed(string user);

            [SyslogMessage(SyslogSeverity.Notice, "Cache rebuilt in {Ms} ms")]
            public partial void CacheRebuilt(int ms);

            [SyslogMessage(SyslogSeverity.Informational, "Service started", Writer = nameof(Shared))]
            public static partial void Started();
        }
        """)]
    [InlineData("SeveralElements", """
        using System.Net;
        using GenLog;

        namespace Samples;

        public static partial class RequestLog
        {
            [SyslogMessage(SyslogSeverity.Informational, "{Method} {Path} answered {Status}", SdId = "request@32473")]
            public static partial void Answered(
                SyslogWriter writer,
                string method,
                [SdElement("origin@32473")] IPAddress client,
                string path,
                [SdElement("timing@32473")] double elapsedMs,
                int status,
                [SdElement("origin@32473")] string agent);
        }
        """)]
    public void Emitted_source_matches_the_approved_snapshot(string name, string source)
    {
        var result = GeneratorHarness.Run(source);
        Assert.DoesNotContain(result.Diagnostics, d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning && !d.IsSuppressed);
        Assert.Empty(result.CompilationDiagnostics.Where(d => !d.IsSuppressed));
        var generated = string.Join("\n// ----\n", result.Sources.OrderBy(s => s.Key, System.StringComparer.Ordinal).Select(s => "// " + s.Key + "\n" + s.Value));
        Approvals.Verify(generated, name);
    }
}
