using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Net;
using GenLog.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GenLog.Extensions.Logging.Tests;

/// <summary>The bytes one ILogger call becomes (docs/extensions-logging.md, the mapping table).</summary>
public sealed class MappingTests
{
    private static (ILoggerFactory Loggers, CaptureTransport Capture, IDisposable Host) Start(SyslogFormat format = SyslogFormat.Rfc5424, Dictionary<string, string?>? settings = null, Action<SyslogWriterOptions>? configure = null)
    {
        var capture = new CaptureTransport();
        var options = new SyslogWriterOptions { Format = format, Synchronous = true, HostName = "host", AppName = "app", ProcId = "9", Utf8Bom = false };
        configure?.Invoke(options);
        var host = TestHosts.Build(settings ?? new Dictionary<string, string?>(), services => services.AddSingleton(new SyslogWriter(capture, options)));
        return (host.Services.GetRequiredService<ILoggerFactory>(), capture, host);
    }

    private static string Tail(string line) => line[(line.IndexOf(" host app 9 ", StringComparison.Ordinal) + 12)..];

    [Fact]
    public void LoggerMessage_state_becomes_msgid_sd_params_and_msg()
    {
        var (loggers, capture, host) = Start();
        using var _ = host;
        OrderLog.Paid(loggers.CreateLogger("Shop.Orders"), 42, "Zoë \"Q\"", IPAddress.Parse("192.0.2.7"));
        var line = capture.LastText;
        Assert.StartsWith("<14>1 ", line, StringComparison.Ordinal);
        Assert.Equal("ORDER_PAID [log@32473 category=\"Shop.Orders\" eventId=\"7\" OrderId=\"42\" Customer=\"Zoë \\\"Q\\\"\" Address=\"192.0.2.7\"] Order 42 paid by Zoë \"Q\" from 192.0.2.7", Tail(line));
    }

    [Fact]
    public void A_LoggerMessage_method_and_the_same_template_through_LogInformation_send_the_same_bytes()
    {
        var (loggers, capture, host) = Start();
        using var _ = host;
        var logger = loggers.CreateLogger("Shop.Orders");
        var address = IPAddress.Parse("2001:db8::7");
        var when = new DateTime(2026, 11, 24, 9, 18, 0, DateTimeKind.Utc);

        // Typed (LoggerMessage.Define's state, read field by field) and boxed (FormattedLogValues) paths.
        OrderLog.Paid(logger, -42, "Zoë\u001b[31m \"Q\" ]", address);
        logger.LogInformation(new EventId(7, "ORDER_PAID"), "Order {OrderId} paid by {Customer} from {Address}", -42, "Zoë\u001b[31m \"Q\" ]", address);
        OrderLog.Stamped(logger, when, 2.5, Guid.Empty);
        logger.LogInformation(new EventId(8, "STAMPED"), "At {When:O} ratio {Ratio,8:F2} id {Id}", when, 2.5, Guid.Empty);

        Assert.Equal(4, capture.Messages.Count);
        var lines = capture.Messages.ConvertAll(m => Tail(System.Text.Encoding.UTF8.GetString(m)));
        Assert.Equal(lines[0], lines[1]);
        Assert.Equal(lines[2], lines[3]);
        Assert.EndsWith("] Order -42 paid by Zoë#033[31m \"Q\" ] from 2001:db8::7", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("When=\"2026-11-24T09:18:00.0000000Z\" Ratio=\"2.5\" Id=\"00000000-0000-0000-0000-000000000000\"] At 2026-11-24T09:18:00.0000000Z ratio     2.50 id 00000000-0000-0000-0000-000000000000", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Scopes_and_the_exception_are_sd_params()
    {
        var (loggers, capture, host) = Start();
        using var _ = host;
        var logger = loggers.CreateLogger("Shop");
        using (logger.BeginScope(new Dictionary<string, object?> { ["Tenant"] = "acme" }))
        using (logger.BeginScope("batch {Batch}", 5))
        using (logger.BeginScope("plain text"))
        {
            logger.LogWarning("Order {OrderId} failed", 42);
        }

        Assert.Equal("- [log@32473 category=\"Shop\" OrderId=\"42\" Tenant=\"acme\" Batch=\"5\" scope=\"plain text\"] Order 42 failed", Tail(capture.LastText));
        Assert.StartsWith("<12>1 ", capture.LastText, StringComparison.Ordinal);

        logger.LogError(new EventId(500), Thrown(), "Payment {Id} crashed", "p-1");
        var error = Tail(capture.LastText);
        Assert.StartsWith("500 [log@32473 category=\"Shop\" eventId=\"500\" Id=\"p-1\" exception=\"System.InvalidOperationException: card declined#012   at ", error, StringComparison.Ordinal);
        Assert.EndsWith("\"] Payment p-1 crashed", error, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_IncludeScopes_scopes_are_not_sent()
    {
        var (loggers, capture, host) = Start(settings: new Dictionary<string, string?> { ["Logging:Syslog:IncludeScopes"] = "false" });
        using var _ = host;
        var logger = loggers.CreateLogger("Shop");
        using (logger.BeginScope("plain text"))
        {
            logger.LogWarning("Order {OrderId} failed", 42);
        }

        Assert.Equal("- [log@32473 category=\"Shop\" OrderId=\"42\"] Order 42 failed", Tail(capture.LastText));
    }

    [Fact]
    public void The_current_activity_adds_a_trace_element()
    {
        var (loggers, capture, host) = Start();
        using var _ = host;
        using var activity = new Activity("checkout").SetIdFormat(ActivityIdFormat.W3C).Start();
        activity.ActivityTraceFlags = ActivityTraceFlags.Recorded;
        loggers.CreateLogger("Shop").LogInformation("hi");
        Assert.Equal($"- [log@32473 category=\"Shop\"][trace@32473 trace_id=\"{activity.TraceId.ToHexString()}\" span_id=\"{activity.SpanId.ToHexString()}\" trace_flags=\"01\"] hi", Tail(capture.LastText));
    }

    [Theory]
    [InlineData(LogLevel.Trace, 7)]
    [InlineData(LogLevel.Debug, 7)]
    [InlineData(LogLevel.Information, 6)]
    [InlineData(LogLevel.Warning, 4)]
    [InlineData(LogLevel.Error, 3)]
    [InlineData(LogLevel.Critical, 2)]
    public void Levels_map_to_severities(LogLevel level, int severity)
    {
        var (loggers, capture, host) = Start(settings: new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Trace" });
        using var _ = host;
        loggers.CreateLogger("L").Log(level, "x");
        Assert.StartsWith($"<{8 + severity}>1 ", capture.LastText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "too long a name for a syslog msgid!", "-")]
    [InlineData(12, "has space", "12")]
    [InlineData(12, "Checkout", "Checkout")]
    [InlineData(0, null, "-")]
    public void EventId_becomes_msgid(int id, string? name, string msgId)
    {
        var (loggers, capture, host) = Start();
        using var _ = host;
        loggers.CreateLogger("L").LogInformation(new EventId(id, name), "x");
        Assert.StartsWith(msgId + " ", Tail(capture.LastText), StringComparison.Ordinal);
    }

    [Fact]
    public void Names_that_are_not_sd_names_are_mended_and_rfc3164_appends_the_exception()
    {
        var (loggers, capture, host) = Start();
        using var _ = host;
        loggers.CreateLogger("L").LogInformation("{user.name} {Key=}", "a", "b");
        Assert.Contains("user.name=\"a\" Key_=\"b\"]", capture.LastText, StringComparison.Ordinal);

        var (legacy, legacyCapture, legacyHost) = Start(SyslogFormat.Rfc3164);
        using var __ = legacyHost;
        legacy.CreateLogger("L").LogError(new InvalidOperationException("boom"), "failed {Id}", 3);
        Assert.Matches(@"^<11>\w{3} [ \d]\d \d\d:\d\d:\d\d host app\[9\]: failed 3#012System.InvalidOperationException: boom$", legacyCapture.LastText);
    }

    [Fact]
    public void A_state_that_formats_itself_keeps_its_own_text_and_sends_its_values_as_sd()
    {
        var (loggers, capture, host) = Start();
        using var _ = host;
        var state = new List<KeyValuePair<string, object?>> { new("ContentType", null), new("{OriginalFormat}", "Upload {ContentType}") };
        loggers.CreateLogger("Web").Log(LogLevel.Information, default, state, null, (_, _) => "Upload -");
        Assert.Equal("- [log@32473 category=\"Web\" ContentType=\"(null)\"] Upload -", Tail(capture.LastText));
    }

    [Fact]
    public void Empty_sd_ids_send_no_provider_element_and_the_exception_gets_its_own_as_a_generated_method_does()
    {
        var (loggers, capture, host) = Start(settings: new Dictionary<string, string?> { ["Logging:Syslog:StructuredDataId"] = "", ["Logging:Syslog:TraceStructuredDataId"] = "" });
        using var _ = host;
        using var activity = new Activity("checkout").SetIdFormat(ActivityIdFormat.W3C).Start();
        loggers.CreateLogger("L").LogInformation("fine {Id}", 2);
        Assert.Equal("- - fine 2", Tail(capture.LastText));
        loggers.CreateLogger("L").LogError(new InvalidOperationException("boom"), "failed {Id}", 3);
        Assert.Equal("- [exception@32473 exception=\"System.InvalidOperationException: boom\"] failed 3", Tail(capture.LastText));
    }

    [Theory]
    [InlineData(ExceptionFormat.TypeAndMessage, " exception=\"System.InvalidOperationException: card declined\"]")]
    [InlineData(ExceptionFormat.None, "]")]
    public void The_writers_ExceptionFormat_applies(ExceptionFormat format, string end)
    {
        var (loggers, capture, host) = Start(configure: o => o.ExceptionFormat = format);
        using var _ = host;
        loggers.CreateLogger("Shop").LogError(Thrown(), "Payment failed");
        Assert.Equal("- [log@32473 category=\"Shop\"" + end + " Payment failed", Tail(capture.LastText));
    }

    [Fact]
    public void With_the_writers_TraceContext_on_the_trace_element_is_written_once_under_the_writers_sd_id()
    {
        var (loggers, capture, host) = Start(configure: o => { o.TraceContext = true; o.TraceStructuredDataId = "span@32473"; });
        using var _ = host;
        using var activity = new Activity("checkout").SetIdFormat(ActivityIdFormat.W3C).Start();
        activity.ActivityTraceFlags = ActivityTraceFlags.Recorded;
        loggers.CreateLogger("Shop").LogInformation("hi");
        Assert.Equal($"- [log@32473 category=\"Shop\"][span@32473 trace_id=\"{activity.TraceId.ToHexString()}\" span_id=\"{activity.SpanId.ToHexString()}\" trace_flags=\"01\"] hi", Tail(capture.LastText));
    }

    private static Exception Thrown()
    {
        try
        {
            throw new InvalidOperationException("card declined");
        }
        catch (InvalidOperationException exception)
        {
            return exception;
        }
    }
}
