using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Linq;
using System.Security.Authentication;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using GenLog.Interop.Tests.Support;
using GenLog.TestSupport;
using Xunit.Abstractions;

namespace GenLog.Interop.Tests;

/// <summary>Orders as the transports' peer tests send them: every parameter is also an SD-PARAM.</summary>
[SyslogSource(SyslogFacility.Local5, AppName = "genlog-it", SdId = "it@32473")]
public static partial class PeerLog
{
    [SyslogMessage(SyslogSeverity.Warning, "Order {Order} for {Customer}: {Amount:F2} {Note}", MsgId = "ORDER")]
    public static partial void Order(SyslogWriter writer, int order, string customer, double amount, string note);
}

/// <summary>GenLog's TCP, TLS and Unix transports against a real rsyslogd, field by field and while it dies.</summary>
public sealed class RsyslogTransportTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    public enum Kind
    {
        TcpOctetCounting,
        TcpLf,
        Tls,
        Unix,
    }

    private static SyslogWriterOptions Options(ConcurrentQueue<Exception>? errors = null, Action<SyslogWriterOptions>? configure = null)
    {
        var options = new SyslogWriterOptions
        {
            HostName = "genlog-host",
            AppName = "unused",
            ProcId = "4242",
            OnError = errors is null ? null : errors.Enqueue,
            Reconnect = new ReconnectPolicy { InitialDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromMilliseconds(500) },
        };
        configure?.Invoke(options);
        return options;
    }

    private static ISyslogTransport Transport(Kind kind, RsyslogServer rsyslog) => kind switch
    {
        Kind.TcpOctetCounting => new TcpTransport("127.0.0.1", rsyslog.TcpPort),
        Kind.TcpLf => new TcpTransport("127.0.0.1", rsyslog.TcpPort, SyslogFraming.NonTransparent),
        Kind.Tls => new TlsTransport("127.0.0.1", rsyslog.TlsPort, rsyslog.Certificates.CreateClientOptions()),
        _ => new UnixSocketTransport(rsyslog.UnixSocketPath),
    };

    private static RsyslogOptions Listener(Kind kind) => kind switch
    {
        Kind.Tls => new RsyslogOptions { Tls = true },
        Kind.Unix => new RsyslogOptions { UnixSocket = true },
        _ => new RsyslogOptions { Tcp = true },
    };

    [SkippableTheory]
    [InlineData(Kind.TcpOctetCounting)]
    [InlineData(Kind.TcpLf)]
    [InlineData(Kind.Tls)]
    [InlineData(Kind.Unix)]
    public async Task Every_field_arrives_as_sent(Kind kind)
    {
        RsyslogServer.RequireRsyslogd(tls: kind == Kind.Tls);
        await using var rsyslog = await RsyslogServer.StartAsync(Listener(kind));
        var errors = new ConcurrentQueue<Exception>();
        await using (var writer = new SyslogWriter(Transport(kind, rsyslog), Options(errors)))
        {
            PeerLog.Order(writer, 7, "Zoë \"Q\" [x]", 12.5, "esc\u001b[31m é 日本 😀");
            PeerLog.Order(writer, 8, "second", -0.126, "line\nbreak");
            await writer.FlushAsync().WaitAsync(Wait);
        }

        var records = await rsyslog.WaitForRecordsAsync(2, Wait);
        Assert.Empty(errors);
        var first = records[0];
        Assert.Equal((21 * 8) + 4, first.Pri);
        Assert.Equal((21, 4), (first.Facility, first.Severity));
        Assert.Equal("genlog-host", first.HostName);
        Assert.Equal("genlog-it", first.AppName);
        Assert.Equal("4242", first.ProcId);
        Assert.Equal("ORDER", first.MsgId);
        Assert.Matches(new Regex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$"), first.Timestamp);

        // RFC 5424 §6.3.3: '"', '\' and ']' escaped in PARAM-VALUE; ESC is GenLog's #033 (rsyslog leaves '#' alone).
        Assert.Equal("[it@32473 Order=\"7\" Customer=\"Zoë \\\"Q\\\" [x\\]\" Amount=\"12.50\" Note=\"esc#033[31m é 日本 😀\"]", first.StructuredData);
        Assert.True(first.MsgHasBom, "RFC 5424 §6.4: MSG starts with the BOM");
        Assert.Equal("Order 7 for Zoë \"Q\" [x]: 12.50 esc#033[31m é 日本 😀", first.MsgWithoutBom);
        Assert.Equal("Order 8 for second: -0.13 line#012break", records[1].MsgWithoutBom);
    }

    [SkippableFact]
    public async Task Millisecond_timestamps_from_the_coarse_clock_are_read_by_rsyslog_as_the_senders_time()
    {
        RsyslogServer.RequireRsyslogd();
        await using var rsyslog = await RsyslogServer.StartAsync(Listener(Kind.TcpOctetCounting));
        var before = DateTimeOffset.UtcNow;
        await using (var writer = new SyslogWriter(Transport(Kind.TcpOctetCounting, rsyslog), Options(configure: o => o.TimestampPrecision = TimestampPrecision.Milliseconds)))
        {
            PeerLog.Order(writer, 7, "Zoë", 12.5, "ms");
            await writer.FlushAsync().WaitAsync(Wait);
        }

        var after = DateTimeOffset.UtcNow;
        var record = (await rsyslog.WaitForRecordsAsync(1, Wait))[0];

        // RFC 5424 §6.2.3: TIME-SECFRAC of 1 to 6 digits; rsyslog keeps the sender's three.
        Assert.Matches(new Regex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$"), record.Timestamp);
        var stamp = DateTimeOffset.Parse(record.Timestamp, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(stamp, before.AddMilliseconds(-20), after);
        Assert.Equal("Order 7 for Zoë: 12.50 ms", record.MsgWithoutBom);
    }

    [SkippableFact]
    public async Task Server_down_at_start_up_everything_arrives_when_it_comes_up()
    {
        RsyslogServer.RequireRsyslogd();
        await using var rsyslog = await RsyslogServer.StartAsync(new RsyslogOptions { Tcp = true });
        await rsyslog.KillAsync();

        // The back-off runs on a clock the test moves, so "still down after several retries" needs no sleep.
        var time = new ManualTime(DateTimeOffset.UtcNow);
        await using var writer = new SyslogWriter(new TcpTransport("127.0.0.1", rsyslog.TcpPort), Options(configure: o => o.TimeProvider = time));
        for (var i = 0; i < 5_000; i++)
        {
            SequenceLog.Numbered(writer, i, "early");
        }

        // Each retry (100, 200, 400 ms) finds the server still down: nothing is sent, nothing dropped.
        TimeSpan? due = null;
        for (var retry = 0; retry < 3; retry++)
        {
            due = time.WaitForTimer(Wait);
            Assert.NotNull(due);
            time.Advance(due.Value);
        }

        due = time.WaitForTimer(Wait);
        Assert.Equal(TimeSpan.FromMilliseconds(500), due);
        Assert.Equal(0, writer.Statistics.Sent);
        Assert.Equal(0, writer.Statistics.Dropped);
        Assert.True(writer.Statistics.Errors >= 4, $"{writer.Statistics.Errors} errors after 4 failed connects");

        await rsyslog.RestartAsync();
        time.Advance(due!.Value);
        await writer.FlushAsync().WaitAsync(Wait);
        var sequence = Sequence(await rsyslog.WaitForRecordsAsync(5_000, Wait));
        Assert.Equal(Enumerable.Range(0, 5_000), sequence);
        Assert.Equal(0, writer.Statistics.Dropped);
        Assert.True(writer.Statistics.Reconnects >= 1);
    }

    [SkippableTheory]
    [InlineData(Kind.TcpOctetCounting)]
    [InlineData(Kind.Tls)]
    public async Task Killed_and_restarted_mid_stream_the_writer_reconnects_and_loses_only_what_was_in_flight(Kind kind)
    {
        RsyslogServer.RequireRsyslogd(tls: kind == Kind.Tls);
        await using var rsyslog = await RsyslogServer.StartAsync(Listener(kind));
        await using var writer = new SyslogWriter(Transport(kind, rsyslog), Options());
        const int total = 20_000;
        long sentBeforeKill = 0;
        long sentAfterRestart = 0;
        for (var i = 0; i < total; i++)
        {
            SequenceLog.Numbered(writer, i, "stream");
            if (i % 100 == 99)
            {
                await Task.Delay(1); // a steady stream, not one burst
            }

            if (i == total / 2)
            {
                sentBeforeKill = writer.Statistics.Sent;
                await rsyslog.KillAsync();
                await rsyslog.RestartAsync();
                sentAfterRestart = writer.Statistics.Sent;
            }
        }

        await writer.FlushAsync().WaitAsync(Wait);

        // The last message went last on the connection of after the restart: when it is there, so is all before it.
        await rsyslog.WaitForRecordAsync(r => r.Msg.Contains($"seq={total - 1} "), Wait, $"seq={total - 1}");
        var received = Sequence(rsyslog.ReadRecords());
        var missing = Enumerable.Range(0, total).Except(received).ToArray();
        var duplicated = received.Count - received.Distinct().Count();
        output.WriteLine($"{kind}: sent {writer.Statistics.Sent}, received {received.Count}, missing {missing.Length}, duplicated {duplicated}, reconnects {writer.Statistics.Reconnects}, flushed before kill {sentBeforeKill}, by restart {sentAfterRestart}");

        Assert.True(writer.Statistics.Reconnects >= 1, "the writer must reconnect by itself");
        Assert.Equal(0, writer.Statistics.Dropped);

        // Only what was handed to the dead connection can be lost: nothing logged after the restart is missing.
        Assert.All(missing, seq => Assert.True(seq < sentAfterRestart, $"seq {seq} was logged after the restart and is missing"));
        Assert.True(duplicated <= 1_024 * writer.Statistics.Reconnects, $"{duplicated} duplicates: at most one batch per reconnect");
        Assert.Equal(Enumerable.Range((int)sentAfterRestart, total - (int)sentAfterRestart), received.Where(seq => seq >= sentAfterRestart).Distinct().Order());
    }

    [SkippableFact]
    public async Task Queue_overflow_while_the_server_is_down_drops_exactly_the_newest()
    {
        RsyslogServer.RequireRsyslogd();
        await using var rsyslog = await RsyslogServer.StartAsync(new RsyslogOptions { Tcp = true });
        await rsyslog.KillAsync();

        // The back-off runs on a clock the test moves: no retry can make room in the queue while it fills.
        var time = new ManualTime(DateTimeOffset.UtcNow);
        await using var writer = new SyslogWriter(new TcpTransport("127.0.0.1", rsyslog.TcpPort), Options(configure: o =>
        {
            o.QueueCapacity = 64 * 1024;
            o.TimeProvider = time;
        }));

        // Message 0 goes to the sender, whose connect fails; it holds the message and waits out the back-off.
        SequenceLog.Numbered(writer, 0, "overflow");
        Assert.Equal(TimeSpan.FromMilliseconds(100), time.WaitForTimer(Wait));
        for (var i = 1; i < 5_000; i++)
        {
            SequenceLog.Numbered(writer, i, "overflow");
        }

        var dropped = (int)writer.Statistics.DroppedQueueFull;
        Assert.InRange(dropped, 1, 4_998);
        await rsyslog.RestartAsync();
        time.Advance(TimeSpan.FromMilliseconds(100));
        await writer.FlushAsync().WaitAsync(Wait);
        var received = Sequence(await rsyslog.WaitForRecordsAsync(5_000 - dropped, Wait));
        output.WriteLine($"queue of 64 KiB: {received.Count} delivered, {dropped} dropped");

        // DropNewest keeps what is queued and drops what does not fit: the first 5,000 - dropped arrive, in order, once.
        Assert.Equal(Enumerable.Range(0, 5_000 - dropped), received);
        Assert.Equal(5_000 - dropped, writer.Statistics.Sent);
    }

    [SkippableTheory]
    [InlineData("untrusted")]
    [InlineData("wrong host")]
    public async Task Tls_with_a_certificate_that_fails_validation_sends_nothing_and_reports_it(string problem)
    {
        RsyslogServer.RequireRsyslogd(tls: true);
        var certificates = TestCertificates.Shared;
        await using var rsyslog = await RsyslogServer.StartAsync(new RsyslogOptions
        {
            Tls = true,
            Tcp = true, // for the sentinel record
            TlsServerCertificate = problem == "untrusted" ? certificates.SelfSignedServer : certificates.WrongHostServer,
        });
        var errors = new ConcurrentQueue<Exception>();
        var tls = problem == "untrusted" ? null : certificates.CreateClientOptions();
        await using (var writer = new SyslogWriter(new TlsTransport("localhost", rsyslog.TlsPort, tls), Options(errors)))
        {
            PeerLog.Order(writer, 1, "never", 1, "sent");
            await Eventually.HoldsAsync(() => errors.Any(e => e is AuthenticationException), "an AuthenticationException");
            Assert.Equal(0, writer.Statistics.Sent);
        }

        Assert.Contains(errors, e => e is AuthenticationException);
        Assert.Empty(await rsyslog.RecordsBeforeSentinelAsync(Wait));
    }

    [SkippableFact]
    public async Task Unix_socket_follows_the_daemon_through_a_restart()
    {
        RsyslogServer.RequireRsyslogd();
        await using var rsyslog = await RsyslogServer.StartAsync(new RsyslogOptions { UnixSocket = true });
        await using var writer = new SyslogWriter(new UnixSocketTransport(rsyslog.UnixSocketPath), Options());
        SequenceLog.Numbered(writer, 1, "before");
        await rsyslog.WaitForRecordsAsync(1, Wait);

        await rsyslog.KillAsync();
        await rsyslog.RestartAsync();
        SequenceLog.Numbered(writer, 2, "after");
        await writer.FlushAsync().WaitAsync(Wait);
        var records = await rsyslog.WaitForRecordsAsync(2, Wait);
        Assert.Equal(new[] { 1, 2 }, Sequence(records));
    }

    /// <summary>The seq= numbers of the records, in arrival order.</summary>
    private static System.Collections.Generic.List<int> Sequence(System.Collections.Generic.IEnumerable<RsyslogRecord> records) =>
        records.Select(r => Regex.Match(r.Msg, @"seq=(\d+)")).Where(m => m.Success).Select(m => int.Parse(m.Groups[1].Value)).ToList();
}
