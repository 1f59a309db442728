using System;
using System.Text.Json;
using System.Threading.Tasks;
using GenLog.Interop.Tests.Support;

namespace GenLog.Interop.Tests;

/// <summary>A request logged in three SD-ELEMENTs: the method's own and two <c>[SdElement]</c> groups.</summary>
public static partial class RequestLog
{
    [SyslogMessage(SyslogSeverity.Notice, "{Path} answered {Status}", SdId = "request@32473")]
    public static partial void Answered(
        SyslogWriter writer,
        string path,
        [SdElement("origin@32473")] string client,
        int status,
        [SdElement("timing@32473")] double elapsedMs,
        [SdElement("origin@32473")] string agent);
}

/// <summary>Several SD-ELEMENTs in one message, as rsyslog's own RFC 5424 SD parser (mmpstrucdata) reads them.</summary>
public sealed class StructuredDataInteropTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [SkippableFact]
    public async Task Parameters_grouped_with_SdElement_arrive_as_separate_parsed_elements()
    {
        RsyslogServer.RequireRsyslogd();
        await using var rsyslog = await RsyslogServer.StartAsync(new RsyslogOptions { Tcp = true, ParseStructuredData = true });
        await using (var writer = new SyslogWriter(new TcpTransport("127.0.0.1", rsyslog.TcpPort), new SyslogWriterOptions { AppName = "genlog-it" }))
        {
            RequestLog.Answered(writer, "/orders/7", "10.0.0.1", 200, 1.5, "curl \"8\" [x]");
            await writer.FlushAsync().WaitAsync(Wait);
        }

        var record = (await rsyslog.WaitForRecordsAsync(1, Wait))[0];
        Assert.Equal("[request@32473 Path=\"/orders/7\" Status=\"200\"][origin@32473 client=\"10.0.0.1\" agent=\"curl \\\"8\\\" [x\\]\"][timing@32473 elapsedMs=\"1.5\"]", record.StructuredData);
        Assert.Equal("/orders/7 answered 200", record.MsgWithoutBom);

        using var json = JsonDocument.Parse(record.Json);
        // jsonf writes the parsed subtree as its JSON text.
        using var parsed = JsonDocument.Parse(json.RootElement.GetProperty("sd").GetString()!);
        var sd = parsed.RootElement;

        Assert.Equal(3, CountProperties(sd));
        Assert.Equal("/orders/7", sd.GetProperty("request@32473").GetProperty("Path").GetString());
        Assert.Equal("200", sd.GetProperty("request@32473").GetProperty("Status").GetString());
        Assert.Equal("10.0.0.1", sd.GetProperty("origin@32473").GetProperty("client").GetString());
        Assert.Equal("curl \"8\" [x]", sd.GetProperty("origin@32473").GetProperty("agent").GetString());
        Assert.Equal("1.5", sd.GetProperty("timing@32473").GetProperty("elapsedMs").GetString());
    }

    private static int CountProperties(JsonElement element)
    {
        var count = 0;
        foreach (var _ in element.EnumerateObject())
        {
            count++;
        }

        return count;
    }
}
