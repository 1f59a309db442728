using System;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using GenLog.Interop.Tests.Support;
using static GenLog.TestSupport.ThrownExceptions;

namespace GenLog.Interop.Tests;

[SyslogSource(SyslogFacility.Local4, AppName = "genlog-exc")]
public static partial class ExceptionPeerLog
{
    [SyslogMessage(SyslogSeverity.Error, "Upload of {Path} failed", MsgId = "UPLOAD")]
    public static partial void UploadFailed(SyslogWriter writer, string path, Exception error);

    [SyslogMessage(SyslogSeverity.Informational, "Request {Id} done", SdId = "req@32473")]
    public static partial void Done(SyslogWriter writer, int id);
}

/// <summary>Exceptions and the trace context as rsyslog and CPython's logging receive them (docs/formats.md, "Exceptions", "Trace context").</summary>
public sealed class ExceptionInteropTests
{
    private const string TraceId = "0af7651916cd43dd8448eb211c80319c";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private static SyslogWriterOptions Options(Action<SyslogWriterOptions>? configure = null)
    {
        var options = new SyslogWriterOptions
        {
            HostName = "genlog-host",
            ProcId = "4242",
            Reconnect = new ReconnectPolicy { InitialDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromMilliseconds(500) },
        };
        configure?.Invoke(options);
        return options;
    }

    /// <summary>RFC 5424 §6.3.3: '"', '\' and ']' escaped with a backslash in PARAM-VALUE.</summary>
    private static string ParamValue(string text) => text.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("]", "\\]");

    private static Activity StartActivity() => new Activity("upload")
        .SetParentId(ActivityTraceId.CreateFromString(TraceId), ActivitySpanId.CreateFromString("b7ad6b7169203331"), ActivityTraceFlags.Recorded)
        .Start();

    [SkippableFact]
    public async Task Rsyslog_parses_the_stack_trace_as_sd_param_exception_on_one_line_and_the_trace_element()
    {
        RsyslogServer.RequireRsyslogd();
        await using var rsyslog = await RsyslogServer.StartAsync(new RsyslogOptions { Tcp = true });
        var error = Thrown();
        using var activity = StartActivity();
        await using (var writer = new SyslogWriter(new TcpTransport("127.0.0.1", rsyslog.TcpPort), Options(o => o.TraceContext = true)))
        {
            ExceptionPeerLog.UploadFailed(writer, "/srv/a", error);
            ExceptionPeerLog.Done(writer, 7);
            await writer.FlushAsync().WaitAsync(Wait);
        }

        var records = await rsyslog.WaitForRecordsAsync(2, Wait);
        var trace = $"[trace@32473 trace_id=\"{TraceId}\" span_id=\"{activity.SpanId.ToHexString()}\" trace_flags=\"01\"]";
        Assert.Equal(("1", "UPLOAD"), (records[0].ProtocolVersion, records[0].MsgId));
        Assert.Equal(trace + "[exception@32473 exception=\"" + ParamValue(OneLine(error.ToString())) + "\"]", records[0].StructuredData);
        Assert.Contains(" ---> System.IO.IOException: disk \\\"gone\\\" [sda\\]#012   at ", records[0].StructuredData, StringComparison.Ordinal);
        Assert.Equal("Upload of /srv/a failed", records[0].MsgWithoutBom);
        Assert.Equal("[req@32473 Id=\"7\"]" + trace, records[1].StructuredData);
        Assert.Equal("Request 7 done", records[1].MsgWithoutBom);
    }

    [SkippableFact]
    public async Task Rsyslog_gets_rfc3164_with_the_exception_after_the_message_and_cut_first_at_1024_bytes()
    {
        RsyslogServer.RequireRsyslogd();
        await using var rsyslog = await RsyslogServer.StartAsync(new RsyslogOptions { Tcp = true });
        var error = Thrown();
        var deep = Thrown(depth: 40);
        await using (var whole = new SyslogWriter(new TcpTransport("127.0.0.1", rsyslog.TcpPort), Options(o => { o.Format = SyslogFormat.Rfc3164; o.MaxMessageSize = 8192; })))
        await using (var cut = new SyslogWriter(new TcpTransport("127.0.0.1", rsyslog.TcpPort), Options(o => o.Format = SyslogFormat.Rfc3164)))
        {
            ExceptionPeerLog.UploadFailed(whole, "/srv/a", error);
            await whole.FlushAsync().WaitAsync(Wait);
            ExceptionPeerLog.UploadFailed(cut, "/srv/b", deep);
            await cut.FlushAsync().WaitAsync(Wait);
            Assert.Equal(1, cut.Statistics.Truncated);
        }

        // Two connections: rsyslog may write their records in either order.
        var records = (await rsyslog.WaitForRecordsAsync(2, Wait)).OrderBy(r => r.Msg.TrimStart(), StringComparer.Ordinal).ToArray();
        // RFC 3164 §4.1.3: the TAG keeps the alphanumerics of the APP-NAME.
        Assert.Equal(("0", "genlogexc"), (records[0].ProtocolVersion, records[0].AppName));
        Assert.Equal("Upload of /srv/a failed#012" + OneLine(error.ToString()), records[0].Msg.TrimStart());
        var shortened = records[1].Msg.TrimStart();
        Assert.StartsWith("Upload of /srv/b failed#012System.InvalidOperationException: upload failed#012 ---> ", shortened, StringComparison.Ordinal);
        Assert.StartsWith(shortened["Upload of /srv/b failed#012".Length..], OneLine(deep.ToString()), StringComparison.Ordinal);
        Assert.True(shortened.Length < deep.ToString().Length);
    }

    [SkippableFact]
    public async Task Python_logging_prints_exc_text_after_the_message_as_its_formatter_does_and_gets_the_trace_ids()
    {
        await using var receiver = await PythonReceiver.StartAsync(Peers.ScriptPath("log_receiver.py"), ["--format", "%(levelname)s %(name)s: %(message)s"]);
        var error = Thrown();
        var deep = Thrown(depth: 40);
        using var activity = StartActivity();
        await using (var writer = SyslogWriter.Create($"python://127.0.0.1:{receiver.Port}", Options(o => o.TraceContext = true)))
        await using (var small = SyslogWriter.Create($"python://127.0.0.1:{receiver.Port}", Options(o => o.MaxMessageSize = 2000)))
        {
            ExceptionPeerLog.UploadFailed(writer, "/srv/a", error);
            await writer.FlushAsync().WaitAsync(Wait);
            ExceptionPeerLog.UploadFailed(small, "/srv/b", deep);
            await small.FlushAsync().WaitAsync(Wait);
            Assert.Equal(1, small.Statistics.Truncated);
        }

        await receiver.WaitForLinesAsync(2, Wait);
        // The receiver serves each connection on its own thread, so the two records may print in either order.
        var records = receiver.Records();
        var record = records.Single(r => r.GetProperty("msg").GetString() == "Upload of /srv/a failed");
        Assert.Equal(error.ToString(), record.GetProperty("exc_text").GetString());
        Assert.Equal("ERROR genlog-exc: Upload of /srv/a failed\n" + error.ToString(), record.GetProperty("formatted").GetString());
        Assert.Equal((TraceId, activity.SpanId.ToHexString()), (record.GetProperty("trace_id").GetString(), record.GetProperty("span_id").GetString()));

        // Cut first: the message whole, exc_text the start of the text.
        var cut = records.Single(r => r.GetProperty("msg").GetString() == "Upload of /srv/b failed");
        var text = cut.GetProperty("exc_text").GetString()!;
        Assert.True(text.Length > 500, text);
        Assert.StartsWith(text, deep.ToString(), StringComparison.Ordinal);
        Assert.False(cut.TryGetProperty("trace_id", out _));
    }
}
