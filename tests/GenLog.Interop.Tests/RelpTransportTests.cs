using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using GenLog.Interop.Tests.Support;
using Xunit.Abstractions;

namespace GenLog.Interop.Tests;

/// <summary>GenLog's RELP transport and failover against real rsyslogds with imrelp: field by field, through SIGKILLs, and when a server goes silent.</summary>
public sealed class RelpTransportTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private static SyslogWriterOptions Options(ConcurrentQueue<Exception>? errors = null) => new()
    {
        HostName = "genlog-host",
        AppName = "unused",
        ProcId = "4242",
        OnError = errors is null ? null : errors.Enqueue,
        Reconnect = new ReconnectPolicy { InitialDelay = TimeSpan.FromMilliseconds(50), MaxDelay = TimeSpan.FromMilliseconds(200) },
    };

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Every_field_arrives_as_sent(bool tls)
    {
        RsyslogServer.RequireRsyslogd(relp: true);
        await using var rsyslog = await RsyslogServer.StartAsync(tls ? new RsyslogOptions { RelpTls = true } : new RsyslogOptions { Relp = true });
        var errors = new ConcurrentQueue<Exception>();
        await using (var writer = tls
            ? new SyslogWriter(new RelpTransport("127.0.0.1", rsyslog.RelpTlsPort, rsyslog.Certificates.CreateClientOptions(presentClientCertificate: true)), Options(errors))
            : SyslogWriter.Create($"relp://127.0.0.1:{rsyslog.RelpPort}", Options(errors)))
        {
            PeerLog.Order(writer, 7, "Zoë \"Q\" [x]", 12.5, "esc\u001b[31m é 日本 😀");
            PeerLog.Order(writer, 8, "second", -0.126, "line\nbreak");
            await FlushOrExplainAsync(writer, errors, rsyslog);

            // RELP: a flush completes only when rsyslog acknowledged both, so they are counted as sent.
            Assert.Equal(2, writer.Statistics.Sent);
            Assert.Equal(tls ? $"relp+tls://127.0.0.1:{rsyslog.RelpTlsPort}" : $"relp://127.0.0.1:{rsyslog.RelpPort}", writer.Statistics.ActiveEndpoint);
        }

        var records = await rsyslog.WaitForRecordsAsync(2, Wait);
        Assert.Empty(errors);
        var first = records[0];
        Assert.Equal(tls ? RsyslogServer.RelpTlsInputName : RsyslogServer.RelpInputName, first.InputName);
        Assert.Equal((21 * 8) + 4, first.Pri);
        Assert.Equal("genlog-host", first.HostName);
        Assert.Equal("genlog-it", first.AppName);
        Assert.Equal("4242", first.ProcId);
        Assert.Equal("ORDER", first.MsgId);
        Assert.Matches(new Regex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$"), first.Timestamp);
        Assert.Equal("[it@32473 Order=\"7\" Customer=\"Zoë \\\"Q\\\" [x\\]\" Amount=\"12.50\" Note=\"esc#033[31m é 日本 😀\"]", first.StructuredData);
        Assert.True(first.MsgHasBom, "RFC 5424 §6.4: MSG starts with the BOM");
        Assert.Equal("Order 7 for Zoë \"Q\" [x]: 12.50 esc#033[31m é 日本 😀", first.MsgWithoutBom);

        // GenLog escapes the LF (EscapeControlCharacters, on by default): one call, one record.
        Assert.Equal("Order 8 for second: -0.13 line#012break", records[1].MsgWithoutBom);
        Assert.Equal(2, records.Count);
    }

    [SkippableFact]
    public async Task Killed_and_restarted_20_times_at_random_moments_nothing_is_lost_and_duplicates_stay_within_the_window()
    {
        RsyslogServer.RequireRsyslogd(relp: true);
        await using var rsyslog = await RsyslogServer.StartAsync(new RsyslogOptions { Relp = true, DirectQueue = true });
        var errors = new ConcurrentQueue<Exception>();
        await using var writer = new SyslogWriter(new RelpTransport("127.0.0.1", rsyslog.RelpPort) { ResponseTimeout = TimeSpan.FromSeconds(5) }, Options(errors));
        const int total = 20_000;
        const int kills = 20;
        var random = new Random(20261129);
        var killed = 0;
        var stopwatch = Stopwatch.StartNew();

        // rsyslog's testbench way: a sequence number in every message; the killer strikes at random moments while they flow.
        var killer = Task.Run(async () =>
        {
            for (var k = 0; k < kills; k++)
            {
                await Task.Delay(random.Next(20, 250));
                await rsyslog.KillAsync();
                await Task.Delay(random.Next(0, 150));
                await rsyslog.RestartAsync();
                Interlocked.Increment(ref killed);
            }
        });

        var took = new List<double>(total);
        for (var i = 0; i < total; i++)
        {
            var started = Stopwatch.GetTimestamp();
            SequenceLog.Numbered(writer, i, "relp");
            took.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds);

            // A steady stream (50 messages every few ms), about one kill per 1,000 messages: when the stream gets ahead,
            // it waits for the killer, so the kills land while messages flow.
            if (i % 50 == 49)
            {
                await Task.Delay(5);
                while (Volatile.Read(ref killed) < (i + 1) * kills / total && !killer.IsCompleted)
                {
                    await Task.Delay(5);
                }
            }
        }

        await killer;
        await writer.FlushAsync().WaitAsync(TimeSpan.FromSeconds(60));
        // A kill can leave rsyslog's last line cut short; that message was not acknowledged, so it comes again whole.
        var received = Sequence(await rsyslog.WaitForRecordsAcrossKillsAsync(total, Wait));
        var missing = Enumerable.Range(0, total).Except(received).ToArray();
        var duplicated = received.Count - received.Distinct().Count();
        took.Sort();
        output.WriteLine(
            $"RELP through {kills} SIGKILLs: sent {writer.Statistics.Sent}, received {received.Count}, missing {missing.Length}, duplicated {duplicated} " +
            $"(at most {RelpTransport.DefaultWindowSize} x {kills} = {RelpTransport.DefaultWindowSize * kills} allowed), reconnects {writer.Statistics.Reconnects}, " +
            $"errors {writer.Statistics.Errors}, {stopwatch.Elapsed.TotalSeconds:F1} s; logging call median {took[total / 2]:0.0} µs, p99 {took[total * 99 / 100]:0.0} µs");
        output.WriteLine("errors seen: " + string.Join("; ", errors.Select(e => e.GetType().Name + ": " + e.Message).Distinct().Take(8)));

        Assert.Equal(kills, killed);
        Assert.Empty(missing);
        Assert.Equal(total, writer.Statistics.Sent);
        Assert.Equal(0, writer.Statistics.Dropped);
        Assert.True(writer.Statistics.Reconnects >= 1, "the writer must reconnect by itself");
        Assert.True(duplicated <= RelpTransport.DefaultWindowSize * kills, $"{duplicated} duplicates: at most the window per reconnect");
    }

    [SkippableFact]
    public async Task A_server_that_accepts_and_never_answers_times_out_and_with_a_second_server_delivery_moves_there()
    {
        RsyslogServer.RequireRsyslogd(relp: true);
        using var silent = new SilentServer();
        var errors = new ConcurrentQueue<Exception>();

        // Alone: the logging call returns at once, the response timeout fires, nothing counts as sent.
        var aloneOptions = Options(errors);
        aloneOptions.CloseTimeout = TimeSpan.FromMilliseconds(100);
        await using (var alone = new SyslogWriter(new RelpTransport("127.0.0.1", silent.Port) { ResponseTimeout = TimeSpan.FromSeconds(1) }, aloneOptions))
        {
            var calls = new double[1_000];
            for (var i = 0; i < calls.Length; i++)
            {
                var started = Stopwatch.GetTimestamp();
                SequenceLog.Numbered(alone, i, "into the void");
                calls[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
            }

            Array.Sort(calls);
            var waited = Stopwatch.StartNew();
            while (!errors.Any(e => e is TimeoutException) && waited.Elapsed < Wait)
            {
                await Task.Delay(20);
            }

            output.WriteLine($"silent server: 1,000 logging calls took median {calls[500]:0.0} µs, p99 {calls[990]:0.0} µs, max {calls[^1]:0.0} µs; the first TimeoutException came after {waited.Elapsed.TotalSeconds:F2} s: {errors.FirstOrDefault(e => e is TimeoutException)?.Message}");
            Assert.Contains(errors, e => e is TimeoutException);

            // A call that waited for the server's answer would take the 1 s response timeout.
            Assert.True(calls[^1] < TimeSpan.FromMilliseconds(500).TotalMicroseconds, $"the slowest logging call took {calls[^1]:0} µs: it waited for the server");
            Assert.Equal(0, alone.Statistics.Sent);
            Assert.True(silent.Accepted >= 1, "the silent server accepted the connection");
        }

        // With a second server: the same messages go there, and Statistics says so.
        await using var rsyslog = await RsyslogServer.StartAsync(new RsyslogOptions { Relp = true });
        var failoverErrors = new ConcurrentQueue<Exception>();
        var options = Options(failoverErrors);
        await using var writer = new SyslogWriter(
            new FailoverTransport(
                new RelpTransport("127.0.0.1", silent.Port) { ResponseTimeout = TimeSpan.FromSeconds(1) },
                new RelpTransport("127.0.0.1", rsyslog.RelpPort)) { Reconnect = new ReconnectPolicy { InitialDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromMilliseconds(200) } },
            options);
        var clock = Stopwatch.StartNew();

        // The silent primary is probed again and again (every 100–200 ms, each probe hanging 1 s): beside the traffic.
        for (var i = 0; i < 100; i++)
        {
            SequenceLog.Numbered(writer, i, "moves");
            await Task.Delay(20);
        }

        await writer.FlushAsync().WaitAsync(Wait);
        output.WriteLine($"failover from the silent server: 100 messages delivered after {clock.Elapsed.TotalSeconds:F2} s, failovers {writer.Statistics.Failovers}, errors: {string.Join("; ", failoverErrors.Select(e => e.Message))}");
        Assert.Equal(Enumerable.Range(0, 100), Sequence(await rsyslog.WaitForRecordsAsync(100, Wait)));
        Assert.Equal($"relp://127.0.0.1:{rsyslog.RelpPort}", writer.Statistics.ActiveEndpoint);
        Assert.Equal(1, writer.Statistics.Failovers);
        Assert.Contains(failoverErrors, e => e is TimeoutException);
    }

    [SkippableFact]
    public async Task Failover_between_two_rsyslogds_loses_nothing_and_traffic_returns_to_the_restarted_primary()
    {
        RsyslogServer.RequireRsyslogd(relp: true);
        await using var primary = await RsyslogServer.StartAsync(new RsyslogOptions { Relp = true, DirectQueue = true });
        await using var secondary = await RsyslogServer.StartAsync(new RsyslogOptions { Relp = true, DirectQueue = true });
        var options = Options();
        options.Reconnect = new ReconnectPolicy { InitialDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromMilliseconds(300) };
        await using var writer = SyslogWriter.Create($"relp://127.0.0.1:{primary.RelpPort},relp://127.0.0.1:{secondary.RelpPort}", options);
        var primaryUri = $"relp://127.0.0.1:{primary.RelpPort}";
        var secondaryUri = $"relp://127.0.0.1:{secondary.RelpPort}";
        const int total = 6_000;
        var phase = new List<string>();
        for (var i = 0; i < total; i++)
        {
            SequenceLog.Numbered(writer, i, "failover");
            if (i % 100 == 99)
            {
                await Task.Delay(2);
            }

            if (i == 1_999)
            {
                // Mid-stream: messages are queued and unacknowledged when the primary dies.
                phase.Add($"before the kill: {writer.Statistics.ActiveEndpoint}");
                Assert.Equal(primaryUri, writer.Statistics.ActiveEndpoint);
                await primary.KillAsync();
            }

            if (i == 3_999)
            {
                await writer.FlushAsync().WaitAsync(Wait);
                phase.Add($"primary dead: {writer.Statistics.ActiveEndpoint}, failovers {writer.Statistics.Failovers}");
                Assert.Equal(secondaryUri, writer.Statistics.ActiveEndpoint);
                await primary.RestartAsync();

                // The next probe (back-off 100–300 ms) finds it; a batch must start for the probe to run.
                var back = Stopwatch.StartNew();
                while (writer.Statistics.ActiveEndpoint != primaryUri && back.Elapsed < Wait)
                {
                    SequenceLog.Numbered(writer, ++i, "failover");
                    await Task.Delay(20);
                }

                phase.Add($"primary restarted: back on {writer.Statistics.ActiveEndpoint} after {back.Elapsed.TotalSeconds:F2} s");
            }
        }

        await writer.FlushAsync().WaitAsync(Wait);
        var atPrimary = Sequence(primary.ReadRecords());
        var atSecondary = Sequence(secondary.ReadRecords());
        var all = atPrimary.Concat(atSecondary).ToList();
        var missing = Enumerable.Range(0, total).Except(all).ToArray();
        var duplicated = all.Count - all.Distinct().Count();
        output.WriteLine(string.Join("\n", phase));
        output.WriteLine($"failover: sent {writer.Statistics.Sent}, at the primary {atPrimary.Count}, at the secondary {atSecondary.Count}, missing {missing.Length}, duplicated {duplicated}, failovers {writer.Statistics.Failovers}");

        Assert.Empty(missing);
        Assert.Equal(primaryUri, writer.Statistics.ActiveEndpoint);
        Assert.True(writer.Statistics.Failovers >= 1);
        Assert.True(duplicated <= RelpTransport.DefaultWindowSize, $"{duplicated} duplicates: at most the window for the one kill");

        // Traffic returned: the last messages went to the restarted primary, none of them to the secondary.
        Assert.Contains(total - 1, atPrimary);
        Assert.DoesNotContain(total - 1, atSecondary);
        Assert.Contains(atSecondary, seq => seq >= 2_000);
    }

    [SkippableTheory]
    [InlineData("untrusted")]
    [InlineData("wrong host")]
    public async Task Relp_over_tls_with_a_certificate_that_fails_validation_sends_nothing_and_reports_it(string problem)
    {
        RsyslogServer.RequireRsyslogd(relp: true);
        var certificates = TestCertificates.Shared;
        await using var rsyslog = await RsyslogServer.StartAsync(new RsyslogOptions
        {
            RelpTls = true,
            Tcp = true, // for the sentinel record
            TlsServerCertificate = problem == "untrusted" ? certificates.SelfSignedServer : certificates.WrongHostServer,
        });
        var errors = new ConcurrentQueue<Exception>();
        var options = Options(errors);
        options.CloseTimeout = TimeSpan.FromMilliseconds(100);

        // The same rules as TlsTransport: the system trust store, or the test CA for "wrong host"; the host name always.
        var tls = problem == "untrusted" ? new System.Net.Security.SslClientAuthenticationOptions() : certificates.CreateClientOptions(presentClientCertificate: true);
        await using (var writer = new SyslogWriter(new RelpTransport("localhost", rsyslog.RelpTlsPort, tls), options))
        {
            PeerLog.Order(writer, 1, "never", 1, "sent");
            var waited = Stopwatch.StartNew();
            while (!errors.Any(e => e is System.Security.Authentication.AuthenticationException) && waited.Elapsed < Wait)
            {
                await Task.Delay(20);
            }

            Assert.Equal(0, writer.Statistics.Sent);
        }

        Assert.Contains(errors, e => e is System.Security.Authentication.AuthenticationException);
        Assert.Empty(await rsyslog.RecordsBeforeSentinelAsync(Wait));
    }

    [SkippableFact]
    public async Task Relp_with_the_default_window_and_tcp_each_deliver_50_000_messages_under_block_overflow_to_the_same_rsyslog()
    {
        RsyslogServer.RequireRsyslogd(relp: true);
        await using var rsyslog = await RsyslogServer.StartAsync(new RsyslogOptions { Tcp = true, Relp = true });
        const int count = 50_000;
        var rates = new Dictionary<string, double>();
        var expected = 0;
        foreach (var (name, transport) in new (string, ISyslogTransport)[]
        {
            ("TCP octet counting", new TcpTransport("127.0.0.1", rsyslog.TcpPort)),
            ("RELP, window 128", new RelpTransport("127.0.0.1", rsyslog.RelpPort)),
        })
        {
            var options = Options();
            options.Overflow = SyslogOverflow.Block; // sustained rate: the producer waits for the sender, nothing is dropped
            await using var writer = new SyslogWriter(transport, options);
            SequenceLog.Numbered(writer, -1, "warm-up");
            await writer.FlushAsync().WaitAsync(Wait);
            expected += 1;
            await WaitForLinesAsync(rsyslog, expected);

            // Until rsyslog has written every record: the same end point for both.
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < count; i++)
            {
                SequenceLog.Numbered(writer, i, "throughput");
            }

            await writer.FlushAsync().WaitAsync(TimeSpan.FromSeconds(60));
            expected += count;
            await WaitForLinesAsync(rsyslog, expected);
            rates[name] = count / clock.Elapsed.TotalSeconds;
            Assert.Equal(count + 1, writer.Statistics.Sent);
        }

        // Not asserted: the rate depends on the machine. docs/performance.md reads these lines (RELP against TCP).
        foreach (var (name, rate) in rates)
        {
            output.WriteLine($"{name}: {count:N0} messages into rsyslog's file at {rate:N0} messages/s");
        }

        output.WriteLine($"RELP / TCP throughput: {rates["RELP, window 128"] / rates["TCP octet counting"]:0.00}");
    }

    /// <summary>Waits until rsyslog's records file has <paramref name="lines"/> lines (counted, not parsed: the file gets large).</summary>
    private static async Task WaitForLinesAsync(RsyslogServer rsyslog, int lines)
    {
        var waited = Stopwatch.StartNew();
        var buffer = new byte[1 << 16];
        while (true)
        {
            var seen = 0;
            using (var stream = new System.IO.FileStream(rsyslog.RecordsPath, System.IO.FileMode.OpenOrCreate, System.IO.FileAccess.Read, System.IO.FileShare.ReadWrite | System.IO.FileShare.Delete))
            {
                int read;
                while ((read = await stream.ReadAsync(buffer)) > 0)
                {
                    seen += buffer.AsSpan(0, read).Count((byte)'\n');
                }
            }

            if (seen >= lines)
            {
                return;
            }

            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(60), $"rsyslog wrote {seen} of {lines} records.\n{rsyslog.Describe()}");
            await Task.Delay(20);
        }
    }

    /// <summary>Flushes within <see cref="Wait"/>, or fails with the writer's errors and rsyslog's state.</summary>
    private static async Task FlushOrExplainAsync(SyslogWriter writer, ConcurrentQueue<Exception> errors, RsyslogServer rsyslog)
    {
        try
        {
            await writer.FlushAsync().WaitAsync(Wait);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"Not flushed within {Wait.TotalSeconds} s. Errors:\n{string.Join("\n", errors.Select(e => e.ToString()).Distinct().Take(5))}\n{rsyslog.Describe()}");
        }
    }

    /// <summary>The seq= numbers of the records, in arrival order.</summary>
    private static List<int> Sequence(IEnumerable<RsyslogRecord> records) =>
        records.Select(r => Regex.Match(r.Msg, @"seq=(\d+)")).Where(m => m.Success).Select(m => int.Parse(m.Groups[1].Value)).ToList();
}
