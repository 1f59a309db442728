using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using GenLog.Interop.Tests.Support;
using GenLog.TestSupport;
using Xunit.Abstractions;

namespace GenLog.Interop.Tests;

[SyslogSource(SyslogFacility.Local2, SdId = "py@32473")]
public static partial class PyLog
{
    [SyslogMessage(SyslogSeverity.Warning, "Order {Order} for {Customer}", MsgId = "ORDER")]
    public static partial void Order(SyslogWriter writer, int order, string customer, long big, ulong huge, Int128 wide, BigInteger giant, double ratio, float single, bool flag, string? missing, int? maybe, Guid id, decimal price);

    [SyslogMessage("Level {Level}")]
    public static partial void Level(SyslogWriter writer, SyslogSeverity severity, int level);

    [SyslogMessage(SyslogSeverity.Error, "Failed: {Error}")]
    public static partial void Failed(SyslogWriter writer, Exception error, string name, string msg);

    [SyslogMessage(SyslogSeverity.Notice, "Text {Text}")]
    public static partial void Text(SyslogWriter writer, string text, double value);
}

[SyslogSource(AppName = "billing")]
public static partial class BillingPyLog
{
    [SyslogMessage(SyslogSeverity.Informational, "Paid {Amount}")]
    public static partial void Paid(SyslogWriter writer, int amount);
}

/// <summary>GenLog's Python transports against CPython's own logging receivers.</summary>
public sealed class PythonTransportTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private static Task<PythonReceiver> Receiver(bool udp = false) =>
        PythonReceiver.StartAsync(Peers.ScriptPath("log_receiver.py"), udp ? ["--udp"] : []);

    private static SyslogWriterOptions Options(Action<SyslogWriterOptions>? configure = null)
    {
        var options = new SyslogWriterOptions { Reconnect = new ReconnectPolicy { InitialDelay = TimeSpan.FromMilliseconds(50), MaxDelay = TimeSpan.FromMilliseconds(200) } };
        configure?.Invoke(options);
        return options;
    }

    [SkippableFact]
    public async Task Every_key_of_the_record_arrives_as_cpython_expects_it()
    {
        await using var receiver = await Receiver();
        var before = DateTimeOffset.UtcNow;
        var id = Guid.Parse("6f1c2a9e-4b7d-4c8e-9a51-2d3f4e5a6b7c");
        await using (var writer = SyslogWriter.Create($"python://127.0.0.1:{receiver.Port}", Options()))
        {
            PyLog.Order(writer, 7, "Zoë", long.MinValue, ulong.MaxValue, Int128.MaxValue, BigInteger.Pow(10, 40), 0.5, float.PositiveInfinity, true, null, null, id, 12.50m);
            await writer.FlushAsync().WaitAsync(Wait);
        }

        await receiver.WaitForLinesAsync(1, Wait);
        var record = receiver.Records().Single();
        Assert.Equal("GenLog.Interop.Tests.PyLog", Str(record, "name"));
        Assert.Equal("Order 7 for Zoë", Str(record, "msg"));
        Assert.Equal(JsonValueKind.Null, record.GetProperty("args").ValueKind);
        Assert.Equal((30, "WARNING"), (Int(record, "levelno"), Str(record, "levelname")));
        Assert.Equal((4, 18), (Int(record, "syslog_severity"), Int(record, "syslog_facility")));
        Assert.Equal(("ORDER", "py@32473"), (Str(record, "msgid"), Str(record, "sd_id")));

        // Where it comes from: the declaration, known at compile time.
        Assert.Equal(SourcePath(), Str(record, "pathname"));
        Assert.Equal("PythonTransportTests.cs", Str(record, "filename"));
        Assert.Equal("PythonTransportTests", Str(record, "module"));
        Assert.Equal(LineOf("partial void Order("), Int(record, "lineno"));
        Assert.Equal("Order", Str(record, "funcName"));

        var created = DateTimeOffset.FromUnixTimeMilliseconds((long)(record.GetProperty("created").GetDouble() * 1000));
        Assert.InRange(created, before.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Equal(created.Millisecond, record.GetProperty("msecs").GetDouble(), 1.0);
        Assert.True(record.GetProperty("relativeCreated").GetDouble() >= 0);
        Assert.True(Int(record, "thread") > 0);
        Assert.False(string.IsNullOrEmpty(Str(record, "threadName")));
        Assert.Equal(Environment.ProcessId, Int(record, "process"));
        Assert.False(string.IsNullOrEmpty(Str(record, "processName")));
        foreach (var none in new[] { "exc_info", "exc_text", "stack_info", "missing", "maybe" })
        {
            Assert.Equal(JsonValueKind.Null, record.GetProperty(none).ValueKind);
        }

        // Parameters as native values: int of any size, float, bool, str.
        Assert.Equal("7", record.GetProperty("order").GetRawText());
        Assert.Equal("Zoë", Str(record, "customer"));
        Assert.Equal(long.MinValue.ToString(), record.GetProperty("big").GetRawText());
        Assert.Equal(ulong.MaxValue.ToString(), record.GetProperty("huge").GetRawText());
        Assert.Equal(Int128.MaxValue.ToString(), record.GetProperty("wide").GetRawText());
        Assert.Equal(BigInteger.Pow(10, 40).ToString(), record.GetProperty("giant").GetRawText());
        Assert.Equal("0.5", record.GetProperty("ratio").GetRawText());
        Assert.Equal("float:inf", Str(record, "single"));
        Assert.Equal(JsonValueKind.True, record.GetProperty("flag").ValueKind);
        Assert.Equal(id.ToString(), Str(record, "id"));
        Assert.Equal("12.50", Str(record, "price"));
    }

    [SkippableFact]
    public async Task Severities_map_to_python_levels_and_exceptions_and_reserved_names_are_kept_apart()
    {
        await using var receiver = await Receiver();
        await using (var writer = SyslogWriter.Create($"python://127.0.0.1:{receiver.Port}", Options()))
        {
            for (var severity = 0; severity < 8; severity++)
            {
                PyLog.Level(writer, (SyslogSeverity)severity, severity);
            }

            PyLog.Failed(writer, new InvalidOperationException("card\ndeclined"), "a name", "a msg");
            BillingPyLog.Paid(writer, 5);
            await writer.FlushAsync().WaitAsync(Wait);
        }

        await receiver.WaitForLinesAsync(10, Wait);
        var records = receiver.Records();
        var levels = records.Take(8).Select(r => (Int(r, "syslog_severity"), Int(r, "levelno"), Str(r, "levelname"))).ToArray();
        Assert.Equal(
            new[] { (0, 50, "CRITICAL"), (1, 50, "CRITICAL"), (2, 50, "CRITICAL"), (3, 40, "ERROR"), (4, 30, "WARNING"), (5, 20, "INFO"), (6, 20, "INFO"), (7, 10, "DEBUG") },
            levels);

        var failed = records[8];
        // exc_text is multi-line, as CPython's; msg (the template names the exception) is one line.
        Assert.Equal("System.InvalidOperationException: card\ndeclined", Str(failed, "exc_text"));
        Assert.Equal("Failed: System.InvalidOperationException: card#012declined", Str(failed, "msg"));
        Assert.Equal(("a name", "a msg"), (Str(failed, "param_name"), Str(failed, "param_msg")));
        Assert.Equal("GenLog.Interop.Tests.PyLog", Str(failed, "name"));
        Assert.Equal("billing", Str(records[9], "name"));
    }

    [SkippableFact]
    public async Task Hostile_values_give_frames_python_accepts()
    {
        await using var receiver = await Receiver();
        var megabyte = string.Concat(Enumerable.Repeat("é😀\u001b", 150_000));
        await using (var writer = SyslogWriter.Create($"python://127.0.0.1:{receiver.Port}", Options(o =>
        {
            o.MaxMessageSize = 4 * 1024 * 1024;
            o.QueueCapacity = 16 * 1024 * 1024;
        })))
        {
            PyLog.Text(writer, "lone \uD800 and \uDC00 surrogates", double.NaN);
            PyLog.Text(writer, megabyte, double.NegativeInfinity);
            PyLog.Text(writer, "quote\" back\\slash ] nul\0", -0.0);
            await writer.FlushAsync().WaitAsync(Wait);
        }

        await receiver.WaitForLinesAsync(3, Wait);
        var records = receiver.Records();
        Assert.Equal("lone \uFFFD and \uFFFD surrogates", Str(records[0], "text"));
        Assert.Equal("float:nan", Str(records[0], "value"));
        Assert.Equal(megabyte.Length, Str(records[1], "text").Length);
        Assert.Equal("float:-inf", Str(records[1], "value"));
        Assert.Equal("quote\" back\\slash ] nul\0", Str(records[2], "text"));
        Assert.Equal("Text quote\" back\\slash ] nul#000", Str(records[2], "msg"));
    }

    [SkippableFact]
    public async Task Genlogs_record_unpickles_to_what_cpythons_make_pickle_sends_for_the_same_call()
    {
        await using var receiver = await Receiver();
        await using (var writer = SyslogWriter.Create($"python://127.0.0.1:{receiver.Port}", Options()))
        {
            PyLog.Order(writer, 7, "Zoë", 1, 2, 3, 4, 0.25, 1.5f, false, "present", 9, Guid.Empty, 1m);
            PyLog.Failed(writer, new TimeoutException("late"), "n", "m");
            await writer.FlushAsync().WaitAsync(Wait);
        }

        // What CPython's logging would record for the same two calls, built from the calls and the
        // declarations above (local2 = 18; warning = 4 and level 30; error = 3 and level 40), not from what GenLog sent.
        var calls = new[]
        {
            new JsonObject
            {
                ["levelno"] = 30, ["lineno"] = LineOf("partial void Order("), ["funcName"] = "Order", ["msg"] = "Order 7 for Zoë",
                ["syslog_severity"] = 4, ["msgid"] = "ORDER",
                ["order"] = 7, ["customer"] = "Zoë", ["big"] = 1, ["huge"] = 2, ["wide"] = 3, ["giant"] = 4, ["ratio"] = 0.25, ["single"] = 1.5,
                ["flag"] = false, ["missing"] = "present", ["maybe"] = 9, ["id"] = "00000000-0000-0000-0000-000000000000", ["price"] = "1",
            },
            new JsonObject
            {
                ["levelno"] = 40, ["lineno"] = LineOf("partial void Failed("), ["funcName"] = "Failed", ["msg"] = "Failed: System.TimeoutException: late",
                ["exc_text"] = "System.TimeoutException: late", ["syslog_severity"] = 3, ["param_name"] = "n", ["param_msg"] = "m",
            },
        };

        await receiver.WaitForLinesAsync(2, Wait);
        Assert.Equal(2, receiver.Lines.Count);
        for (var i = 0; i < calls.Length; i++)
        {
            var call = calls[i];
            call["name"] = "GenLog.Interop.Tests.PyLog";
            call["pathname"] = SourcePath();
            call["syslog_facility"] = 18;
            call["sd_id"] = "py@32473";
            var cpython = await Peers.RunPythonAsync([Peers.ScriptPath("make_pickle.py")], standardInput: call.ToJsonString());
            Assert.True(cpython.ExitCode == 0, cpython.Describe());
            var reference = JsonDocument.Parse(cpython.StandardOutput).RootElement;
            var genlog = JsonDocument.Parse(receiver.Lines[i]).RootElement;

            // The same keys with the same values, but for what depends on the moment and the process.
            var moment = new HashSet<string> { "created", "msecs", "relativeCreated", "thread", "threadName", "process", "processName", "taskName" };
            var expected = reference.EnumerateObject().Where(p => !moment.Contains(p.Name)).ToDictionary(p => p.Name, p => p.Value.GetRawText());
            var actual = genlog.EnumerateObject().Where(p => !moment.Contains(p.Name)).ToDictionary(p => p.Name, p => p.Value.GetRawText());
            Assert.Equal(expected.OrderBy(p => p.Key), actual.OrderBy(p => p.Key));
            Assert.Equal(reference.EnumerateObject().Select(p => p.Name).Order(), genlog.EnumerateObject().Select(p => p.Name).Where(n => n != "taskName").Order());
        }
    }

    [SkippableFact]
    public async Task Datagram_handler_frames_arrive_one_per_datagram()
    {
        await using var receiver = await Receiver(udp: true);
        await using (var writer = SyslogWriter.Create($"python+udp://127.0.0.1:{receiver.Port}", Options()))
        {
            BillingPyLog.Paid(writer, 1);
            BillingPyLog.Paid(writer, 2);
            await writer.FlushAsync().WaitAsync(Wait);
        }

        await receiver.WaitForLinesAsync(2, Wait);
        Assert.Equal(new[] { "Paid 1", "Paid 2" }, receiver.Records().Select(r => Str(r, "msg")));
        Assert.Equal(new[] { 1, 2 }, receiver.Records().Select(r => Int(r, "amount")));
    }

    [SkippableFact]
    public async Task The_documented_receiver_accepts_signed_frames_and_rejects_altered_foreign_and_unsigned_ones()
    {
        using var folder = new TempDirectory("genlog-hmac-");
        var script = folder.Combine("signed_receiver.py");
        File.WriteAllText(script, DocumentedReceiver());
        var key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        var otherKey = Enumerable.Range(101, 32).Select(i => (byte)i).ToArray();
        await using var receiver = await PythonReceiver.StartAsync(script, ["0"], new() { ["GENLOG_HMAC_KEY"] = Convert.ToHexString(key) });

        // A signed frame, captured on the way so that it can be altered.
        var frame = await CaptureFrameAsync(new PythonSocketOptions { HmacKey = key });
        var flipped = frame.ToArray();
        flipped[^5] ^= 0x01;

        await SendRawAsync(receiver.Port, frame);
        await SendRawAsync(receiver.Port, flipped);
        await using (var foreign = new SyslogWriter(new PythonSocketTransport("127.0.0.1", receiver.Port, new PythonSocketOptions { HmacKey = otherKey }), Options()))
        {
            BillingPyLog.Paid(foreign, 2);
        }

        await using (var unsigned = new SyslogWriter(new PythonSocketTransport("127.0.0.1", receiver.Port), Options()))
        {
            BillingPyLog.Paid(unsigned, 3);
        }

        await using (var signed = new SyslogWriter(new PythonSocketTransport("127.0.0.1", receiver.Port, new PythonSocketOptions { HmacKey = key }), Options()))
        {
            BillingPyLog.Paid(signed, 4);
        }

        // The receiver serves each connection on its own thread: compare what it said, not the order it said it in.
        var lines = await receiver.WaitForLinesAsync(5, Wait);
        output.WriteLine(string.Join("\n", lines));
        Assert.Equal(
            new[] { "accepted: billing INFO Paid 1", "accepted: billing INFO Paid 4", "rejected: bad signature", "rejected: bad signature", "rejected: bad signature" },
            lines.Order(StringComparer.Ordinal));
    }

    [SkippableFact]
    public async Task The_writer_reconnects_to_a_restarted_receiver_with_socket_handlers_back_off()
    {
        await using var receiver = await Receiver();
        var time = new ManualTime(DateTimeOffset.UtcNow);
        await using var writer = new SyslogWriter(new PythonSocketTransport("127.0.0.1", receiver.Port), new SyslogWriterOptions { TimeProvider = time });
        for (var i = 0; i < 100; i++)
        {
            BillingPyLog.Paid(writer, i);
        }

        await writer.FlushAsync().WaitAsync(Wait);
        await receiver.WaitForLinesAsync(100, Wait);
        await receiver.KillAsync();

        for (var i = 100; i < 200; i++)
        {
            BillingPyLog.Paid(writer, i);
        }

        // Down: the first retry waits 1 s, the next 2 s (CPython SocketHandler: retryStart 1, retryFactor 2, retryMax 30).
        Assert.Equal(TimeSpan.FromSeconds(1), time.WaitForTimer(Wait));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.FromSeconds(2), time.WaitForTimer(Wait));
        await receiver.RestartAsync();
        time.Advance(TimeSpan.FromSeconds(2));
        await writer.FlushAsync().WaitAsync(Wait);

        // Everything logged while the receiver was down must arrive; wait for it rather than for a fixed time.
        await Eventually.HoldsAsync(() => Enumerable.Range(100, 100).All(receiver.Records().Select(r => Int(r, "amount")).ToHashSet().Contains), "amounts 100 to 199 at the receiver");
        var amounts = receiver.Records().Select(r => Int(r, "amount")).ToList();
        var missing = Enumerable.Range(0, 200).Except(amounts).Count();
        var duplicated = amounts.Count - amounts.Distinct().Count();
        output.WriteLine($"sent {writer.Statistics.Sent}, received {amounts.Count}, missing {missing}, duplicated {duplicated}, reconnects {writer.Statistics.Reconnects}");
        Assert.True(writer.Statistics.Reconnects >= 1);
        Assert.Equal(Enumerable.Range(100, 100), amounts.Where(a => a >= 100).Distinct().Order());
    }

    private static string Str(JsonElement record, string key) => record.GetProperty(key).GetString()!;

    private static int Int(JsonElement record, string key) => record.GetProperty(key).GetInt32();

    private static string SourcePath([CallerFilePath] string path = "") => path;

    private static int LineOf(string text) => Array.FindIndex(File.ReadAllLines(SourcePath()), l => l.Contains(text, StringComparison.Ordinal)) + 1;

    /// <summary>The receiver code of docs/python.md, as a user would copy it.</summary>
    private static string DocumentedReceiver()
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "python.md"));
        return Regex.Match(doc, "```python\n(.*?)```", RegexOptions.Singleline).Groups[1].Value;
    }

    /// <summary>One frame as a writer sends it, caught by a plain socket.</summary>
    private static async Task<byte[]> CaptureFrameAsync(PythonSocketOptions options)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        await using (var writer = new SyslogWriter(new PythonSocketTransport("127.0.0.1", ((IPEndPoint)listener.LocalEndpoint).Port, options), Options()))
        {
            BillingPyLog.Paid(writer, 1);
            using var client = await listener.AcceptTcpClientAsync().WaitAsync(Wait);
            await writer.FlushAsync().WaitAsync(Wait);
            await writer.DisposeAsync();
            using var bytes = new MemoryStream();
            await client.GetStream().CopyToAsync(bytes).WaitAsync(Wait);
            return bytes.ToArray();
        }
    }

    private static async Task SendRawAsync(int port, byte[] frame)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        var stream = client.GetStream();
        await stream.WriteAsync(frame);
        client.Client.Shutdown(SocketShutdown.Send);

        // The receiver reads to the end and closes its side: then it has handled the frame.
        Assert.Equal(0, await stream.ReadAsync(new byte[1]).AsTask().WaitAsync(Wait));
    }
}
