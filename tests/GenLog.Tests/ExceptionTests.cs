using System;
using System.Diagnostics;
using System.Linq;
using System.Text;
using static GenLog.TestSupport.ThrownExceptions;

namespace GenLog.Tests;

public static partial class ExceptionLog
{
    [SyslogMessage(SyslogSeverity.Error, "Upload of {Path} failed")]
    public static partial void UploadFailed(SyslogWriter writer, string path, Exception? error);

    [SyslogMessage(SyslogSeverity.Error, "Upload of {Path} failed", SdId = "upload@32473")]
    public static partial void UploadFailedWithSd(SyslogWriter writer, string path, Exception? error);

    [SyslogMessage(SyslogSeverity.Error, "Upload of {Path} failed")]
    public static partial void UploadFailedFrom(SyslogWriter writer, string path, [SdElement("origin@32473")] string client, Exception? error);

    [SyslogMessage(SyslogSeverity.Error, "Upload of {Path} failed", SdId = "upload@32473")]
    public static partial void UploadFailedWithSdFrom(SyslogWriter writer, string path, [SdElement("origin@32473")] string client, Exception? error);

    [SyslogMessage(SyslogSeverity.Error, "Failed: {Error}")]
    public static partial void Named(SyslogWriter writer, Exception error);

    [SyslogMessage(SyslogSeverity.Error, "Two failures")]
    public static partial void Two(SyslogWriter writer, Exception first, Exception second);

    [SyslogMessage(SyslogSeverity.Informational, "Request {Id} done")]
    public static partial void Done(SyslogWriter writer, int id);
}

/// <summary>An exception whose ToString and Message are user code that throws.</summary>
public sealed class BrokenException : Exception
{
    public override string Message => throw new InvalidOperationException("Message is broken");

    public override string ToString() => throw new InvalidOperationException("ToString is broken");
}

public class ExceptionTests
{
    private static string Param(SdElement element, string name) => element.Parameters.Single(p => p.Key == name).Value;

    [Fact]
    public void Full_is_the_whole_ToString_as_sd_param_exception_of_its_own_element_with_line_breaks_as_012()
    {
        var (writer, transport) = Writers.Capture();
        var error = Thrown();
        ExceptionLog.UploadFailed(writer, "/a", error);

        var message = Rfc5424Parser.Parse(transport.Last);
        var element = Assert.Single(message.StructuredData);
        Assert.Equal("exception@32473", element.Id);
        var text = Param(element, "exception");
        Assert.Equal(OneLine(error.ToString()), text);
        Assert.StartsWith("System.InvalidOperationException: upload failed#012 ---> System.IO.IOException: disk \"gone\" [sda]#012   at ", text, StringComparison.Ordinal);
        Assert.Contains("End of inner exception stack trace", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', Encoding.UTF8.GetString(transport.Last));
        Assert.Equal("Upload of /a failed", message.Msg);
    }

    [Fact]
    public void An_exception_joins_the_methods_own_sd_element()
    {
        var (writer, transport) = Writers.Capture(o => o.ExceptionFormat = ExceptionFormat.TypeAndMessage);
        ExceptionLog.UploadFailedWithSd(writer, "/a", Thrown());
        Assert.Contains(" - [upload@32473 Path=\"/a\" exception=\"System.InvalidOperationException: upload failed\"] \uFEFFUpload of /a failed", transport.LastText, StringComparison.Ordinal);
    }

    [Fact]
    public void An_exception_never_joins_an_SdElement_group_it_gets_its_own_element_unless_the_method_has_an_SdId()
    {
        var (writer, transport) = Writers.Capture(o => o.ExceptionFormat = ExceptionFormat.TypeAndMessage);

        ExceptionLog.UploadFailedFrom(writer, "/a", "10.0.0.1", Thrown());
        Assert.Contains(
            " - [origin@32473 client=\"10.0.0.1\"][exception@32473 exception=\"System.InvalidOperationException: upload failed\"] \uFEFFUpload of /a failed",
            transport.LastText,
            StringComparison.Ordinal);

        ExceptionLog.UploadFailedWithSdFrom(writer, "/a", "10.0.0.1", Thrown());
        Assert.Contains(
            " - [upload@32473 Path=\"/a\" exception=\"System.InvalidOperationException: upload failed\"][origin@32473 client=\"10.0.0.1\"] \uFEFFUpload of /a failed",
            transport.LastText,
            StringComparison.Ordinal);
    }

    [Fact]
    public void TypeAndMessage_is_one_line_and_None_sends_no_exception_param()
    {
        var (writer, transport) = Writers.Capture(o => o.ExceptionFormat = ExceptionFormat.TypeAndMessage);
        ExceptionLog.UploadFailed(writer, "/a", new InvalidOperationException("first\nsecond"));
        Assert.Contains(" - [exception@32473 exception=\"System.InvalidOperationException: first#012second\"] \uFEFFUpload", transport.LastText, StringComparison.Ordinal);

        var (none, noneTransport) = Writers.Capture(o => o.ExceptionFormat = ExceptionFormat.None);
        ExceptionLog.UploadFailed(none, "/a", Thrown());
        ExceptionLog.UploadFailedWithSd(none, "/a", Thrown());
        ExceptionLog.Named(none, Thrown());
        Assert.Contains(" - - \uFEFFUpload of /a failed", Encoding.UTF8.GetString(noneTransport.Messages[0]), StringComparison.Ordinal);
        Assert.Contains(" - [upload@32473 Path=\"/a\"] \uFEFFUpload of /a failed", Encoding.UTF8.GetString(noneTransport.Messages[1]), StringComparison.Ordinal);
        Assert.Equal("Failed: ", Rfc5424Parser.Parse(noneTransport.Messages[2]).Msg);
    }

    [Fact]
    public void A_null_exception_sends_nothing()
    {
        var (writer, transport) = Writers.Capture();
        ExceptionLog.UploadFailed(writer, "/a", null);
        ExceptionLog.UploadFailedWithSd(writer, "/a", null);
        Assert.Empty(Rfc5424Parser.Parse(transport.Messages[0]).StructuredData);
        Assert.Equal(["Path"], Assert.Single(Rfc5424Parser.Parse(transport.Messages[1]).StructuredData).Parameters.Select(p => p.Key));
    }

    [Fact]
    public void Where_the_template_names_it_it_is_written_there_in_the_chosen_format_escaped_even_with_escaping_off()
    {
        var (writer, transport) = Writers.Capture(o => o.EscapeControlCharacters = false);
        var error = Thrown();
        ExceptionLog.Named(writer, error);
        var message = Rfc5424Parser.Parse(transport.Last);
        Assert.Equal("Failed: " + OneLine(error.ToString()), message.Msg);
        Assert.Empty(message.StructuredData);
    }

    [Fact]
    public void Two_exceptions_share_one_element_as_sd_ids_are_unique_and_follow_the_sequence_id()
    {
        var (writer, transport) = Writers.Capture(o => { o.ExceptionFormat = ExceptionFormat.TypeAndMessage; o.SequenceId = true; });
        ExceptionLog.Two(writer, new InvalidOperationException("one"), new ArgumentException("two"));
        Assert.Contains(
            " - [meta sequenceId=\"1\"][exception@32473 exception=\"System.InvalidOperationException: one\" exception=\"System.ArgumentException: two\"] \uFEFFTwo failures",
            transport.LastText,
            StringComparison.Ordinal);
        Rfc5424Parser.Parse(transport.Last);
    }

    [Theory]
    [InlineData(SyslogFormat.Rfc3164)]
    [InlineData(SyslogFormat.Bare)]
    public void Rfc3164_and_Bare_append_it_to_msg_on_a_line_of_its_own_as_CPython_does(SyslogFormat format)
    {
        var (writer, transport) = Writers.Capture(o => { o.Format = format; o.MaxMessageSize = 8192; });
        var error = Thrown();
        ExceptionLog.UploadFailed(writer, "/a", error);
        Assert.EndsWith("Upload of /a failed#012" + OneLine(error.ToString()), transport.LastText, StringComparison.Ordinal);
        if (format == SyslogFormat.Rfc3164)
        {
            Assert.Equal("Upload of /a failed#012" + OneLine(error.ToString()), Rfc3164Parser.Parse(transport.Last).Content);
        }
    }

    [Fact]
    public void A_long_stack_trace_is_cut_before_msg_and_the_message_stays_valid_within_the_limit()
    {
        var (writer, transport) = Writers.Capture(o => o.MaxMessageSize = 600);
        var error = Thrown(depth: 40);
        Assert.True(error.ToString().Length > 3000);
        ExceptionLog.UploadFailedWithSd(writer, "/a", error);
        ExceptionLog.UploadFailed(writer, "/b", error);

        foreach (var bytes in transport.Messages)
        {
            // Full up to the limit, short of it only by an escape sequence that did not fit whole.
            Assert.InRange(bytes.Length, 600 - 5, 600);
            var message = Rfc5424Parser.Parse(bytes);
            Assert.StartsWith("Upload of /", message.Msg, StringComparison.Ordinal);
            Assert.EndsWith(" failed", message.Msg, StringComparison.Ordinal);
            var text = Param(message.StructuredData.Single(), "exception");
            Assert.True(text.Length > 100, text);
            Assert.StartsWith(text, OneLine(error.ToString()), StringComparison.Ordinal);
        }

        Assert.Equal(2, writer.Statistics.Truncated);
    }

    [Fact]
    public void When_msg_alone_fills_the_message_the_exception_is_left_out_whole()
    {
        var (writer, transport) = Writers.Capture(o => o.MaxMessageSize = 600);
        ExceptionLog.UploadFailed(writer, new string('p', 700), Thrown());
        var message = Rfc5424Parser.Parse(transport.Last);
        Assert.True(transport.Last.Length <= 600);
        Assert.Empty(message.StructuredData);
        Assert.StartsWith("Upload of ppp", message.Msg, StringComparison.Ordinal);
    }

    [Fact]
    public void Rfc3164_cuts_the_exception_first()
    {
        var (writer, transport) = Writers.Capture(o => o.Format = SyslogFormat.Rfc3164);
        var error = Thrown(depth: 40);
        ExceptionLog.UploadFailed(writer, "/a", error);
        Assert.InRange(transport.Last.Length, 1024 - 4, 1024);
        var content = Rfc3164Parser.Parse(transport.Last).Content;
        Assert.StartsWith("Upload of /a failed#012System.InvalidOperationException: upload failed", content, StringComparison.Ordinal);
        Assert.Equal(1, writer.Statistics.Truncated);
    }

    [Theory]
    [InlineData(ExceptionFormat.Full)]
    [InlineData(ExceptionFormat.TypeAndMessage)]
    public void An_exception_whose_text_throws_is_sent_as_its_type_and_the_failure_is_counted(ExceptionFormat format)
    {
        Exception? reported = null;
        var (writer, transport) = Writers.Capture(o => { o.ExceptionFormat = format; o.OnError = e => reported = e; });
        ExceptionLog.UploadFailed(writer, "/a", new BrokenException());
        Assert.Contains("[exception@32473 exception=\"GenLog.Tests.BrokenException\"]", transport.LastText, StringComparison.Ordinal);
        Assert.Equal(1, writer.Statistics.Errors);
        Assert.IsType<InvalidOperationException>(reported);
    }

    [Fact]
    public void An_undefined_ExceptionFormat_fails_at_construction_naming_the_option()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Writers.Capture(o => o.ExceptionFormat = (ExceptionFormat)7));
        Assert.Contains("SyslogWriterOptions.ExceptionFormat", error.Message, StringComparison.Ordinal);
    }
}

public sealed class TraceContextTests : IDisposable
{
    private const string TraceId = "0af7651916cd43dd8448eb211c80319c";
    private readonly Activity _activity;

    public TraceContextTests()
    {
        Activity.Current = null;
        _activity = new Activity("checkout")
            .SetParentId(ActivityTraceId.CreateFromString(TraceId), ActivitySpanId.CreateFromString("b7ad6b7169203331"), ActivityTraceFlags.Recorded)
            .Start();
    }

    public void Dispose() => _activity.Stop();

    private string Element(string sdId = "trace@32473") =>
        $"[{sdId} trace_id=\"{TraceId}\" span_id=\"{_activity.SpanId.ToHexString()}\" trace_flags=\"01\"]";

    [Fact]
    public void With_TraceContext_on_every_rfc5424_message_carries_the_activitys_ids_in_lowercase_hex()
    {
        var (writer, transport) = Writers.Capture(o => o.TraceContext = true);
        ExceptionLog.Done(writer, 7);
        Assert.Contains(" - " + Element() + " \uFEFFRequest 7 done", transport.LastText, StringComparison.Ordinal);
        Assert.Matches("span_id=\"[0-9a-f]{16}\"", transport.LastText);

        // After the method's element; an exception element after it.
        ExceptionLog.UploadFailedWithSd(writer, "/a", null);
        Assert.Contains(" - [upload@32473 Path=\"/a\"]" + Element() + " \uFEFFUpload", transport.LastText, StringComparison.Ordinal);
        ExceptionLog.UploadFailed(new SyslogWriter(transport, new SyslogWriterOptions { TraceContext = true, TraceStructuredDataId = "t@1", ExceptionFormat = ExceptionFormat.TypeAndMessage, Synchronous = true }), "/a", new InvalidOperationException("x"));
        Assert.Contains(" - " + Element("t@1") + "[exception@32473 exception=\"System.InvalidOperationException: x\"] \uFEFFUpload", transport.LastText, StringComparison.Ordinal);
        Rfc5424Parser.Parse(transport.Last);
    }

    [Fact]
    public void Unsampled_flags_are_00_and_nothing_is_written_without_an_activity_or_with_the_option_off()
    {
        var (writer, transport) = Writers.Capture(o => o.TraceContext = true);
        _activity.ActivityTraceFlags = ActivityTraceFlags.None;
        ExceptionLog.Done(writer, 1);
        Assert.Contains("trace_flags=\"00\"]", transport.LastText, StringComparison.Ordinal);

        var (off, offTransport) = Writers.Capture();
        ExceptionLog.Done(off, 1);
        Assert.Contains(" - - \uFEFFRequest 1 done", offTransport.LastText, StringComparison.Ordinal);

        Activity.Current = null;
        ExceptionLog.Done(writer, 2);
        Assert.Contains(" - - \uFEFFRequest 2 done", transport.LastText, StringComparison.Ordinal);
        Activity.Current = _activity;
    }

    [Fact]
    public void Rfc3164_has_no_structured_data_to_carry_it()
    {
        var (writer, transport) = Writers.Capture(o => { o.TraceContext = true; o.Format = SyslogFormat.Rfc3164; });
        ExceptionLog.Done(writer, 7);
        Assert.EndsWith(": Request 7 done", transport.LastText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("trace")]
    [InlineData("trace@x")]
    [InlineData("tr ace@32473")]
    [InlineData("")]
    public void An_invalid_TraceStructuredDataId_fails_at_construction_naming_the_option(string sdId)
    {
        var error = Assert.Throws<ArgumentException>(() => Writers.Capture(o => { o.TraceContext = true; o.TraceStructuredDataId = sdId; }));
        Assert.Contains("SyslogWriterOptions.TraceStructuredDataId", error.Message, StringComparison.Ordinal);
    }
}
