using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GenLog.Interop.Tests.Support;
using GenLog.TestSupport;
using Xunit.Abstractions;

namespace GenLog.Interop.Tests.Chaos;

/// <summary>
/// A real rsyslogd killed with SIGKILL and restarted again and again while 4 threads log sequence-numbered messages:
/// the writer reconnects by itself each time; RELP loses nothing; TCP and TLS lose at most what was in flight at the
/// crash, which Statistics counted as sent; then the writer is disposed while the server is down.
/// </summary>
[Collection(ChaosCollection.Name)]
public sealed class KillRestartChaosTests(ITestOutputHelper output)
{
    public enum Transport
    {
        Tcp,
        Tls,
        Relp,
    }

    /// <summary>A message lost by plain TCP must have been logged at most this long before the kill (it was in flight).</summary>
    private static readonly TimeSpan InFlightWindow = TimeSpan.FromSeconds(1);

    [SkippableTheory]
    [InlineData(Transport.Tcp)]
    [InlineData(Transport.Tls)]
    [InlineData(Transport.Relp)]
    public async Task Killed_and_restarted_10_times_50_in_the_long_run_while_4_threads_log(Transport kind)
    {
        RsyslogServer.RequireRsyslogd(tls: kind == Transport.Tls, relp: kind == Transport.Relp);
        ChaosSuite.WarmUp();

        // DirectQueue: rsyslog writes a message before it takes the next (and imrelp before it acknowledges), so what
        // a SIGKILL loses is what GenLog had in flight, not what rsyslog's own memory queue held.
        await using var rsyslog = await RsyslogServer.StartAsync(new RsyslogOptions
        {
            Tcp = kind == Transport.Tcp, Tls = kind == Transport.Tls, Relp = kind == Transport.Relp, DirectQueue = true,
        });
        var port = kind switch { Transport.Tcp => rsyslog.TcpPort, Transport.Tls => rsyslog.TlsPort, _ => rsyslog.RelpPort };
        ISyslogTransport transport = kind switch
        {
            Transport.Tcp => new TcpTransport("127.0.0.1", port),
            Transport.Tls => new TlsTransport("127.0.0.1", port, rsyslog.Certificates.CreateClientOptions()),
            _ => new RelpTransport("127.0.0.1", port),
        };

        // CPython SocketHandler's schedule (1 s, x2, 30 s), the default. The restarted server usually listens again
        // within the first retry, and the writer must then be back within InitialDelay plus one connect (margin 1 s) —
        // in every cycle, which only holds when a successful reconnect starts the back-off over. A restart slower than
        // InitialDelay (a loaded machine) meets a later retry of the same schedule: RecoveryWatch.Bound.
        var reconnect = ReconnectPolicy.Default;
        var margin = TimeSpan.FromSeconds(1);
        var errors = new ConcurrentQueue<Exception>();
        var writer = new SyslogWriter(transport, ChaosSuite.Options(errors, reconnect));
        var scenario = kind.ToString().ToLowerInvariant();
        var tags = ChaosSuite.Tags(scenario);
        var random = new Random(16_0000 + (int)kind);
        var residentAtStart = ProcStatus.ResidentMiB();
        var load = new ChaosLoad(ChaosSuite.Threads, (seq, thread) => SequenceLog.Numbered(writer, seq, tags[thread]), ChaosSuite.CallsPerPause).Start();
        using var timeline = new CallTimeline(load);
        var windows = new List<(long From, long To)>();
        var recoveries = new List<RecoveryWatch>();
        var ready = new List<TimeSpan>();
        var clock = Stopwatch.StartNew();
        try
        {
            for (var cycle = 0; cycle < ChaosSuite.KillCycles; cycle++)
            {
                await Task.Delay(random.Next(100, 400));
                var inFlightFrom = timeline.CallsAt(timeline.Now - InFlightWindow);
                await rsyslog.KillAsync();
                var recovered = RecoveryWatch.StartAsync(port, rsyslog.RecordsPath, TimeSpan.FromSeconds(30));
                var sinceKill = Stopwatch.StartNew();
                await Task.Delay(random.Next(0, 200));
                await rsyslog.RestartAsync();
                ready.Add(sinceKill.Elapsed);
                recoveries.Add(await WithContext(recovered, $"cycle {cycle + 1}", writer, load, errors, rsyslog));
                windows.Add((inFlightFrom, load.Started));

                // The next kill only once the writer has counted this recovery: a reconnect counts when a whole batch
                // is delivered again, and a RELP batch of the backlog is done when every message of it is acknowledged,
                // which can take longer than the pause before the next kill.
                await Eventually.HoldsAsync(() => writer.Statistics.Reconnects > cycle, $"cycle {cycle + 1}: Statistics.Reconnects > {cycle}", TimeSpan.FromSeconds(30));
            }
        }
        finally
        {
            Assert.True(load.Stop(TimeSpan.FromSeconds(30)), "the logging threads did not return: " + load.Describe());
        }

        var calls = load.Calls;
        await WithContext(writer.FlushAsync().WaitAsync(TimeSpan.FromSeconds(60)), "the final flush", writer, load, errors, rsyslog);

        // The writer's memory under the faults; reading rsyslog's records below takes far more, and is not the writer's.
        timeline.Dispose();
        var residentGrowth = timeline.PeakResidentMiB - residentAtStart;
        var statistics = writer.Statistics;
        var (sent, dropped, queued, reconnects) = (statistics.Sent, statistics.Dropped, statistics.QueueLength, statistics.Reconnects);
        await WaitUntilWrittenAsync(rsyslog);
        var check = SequenceCheck.Of(rsyslog.ReadRecordsAcrossKills(out var torn), calls);
        var lostInFlight = check.Missing.Where(seq => windows.Any(w => seq >= w.From && seq < w.To)).Count();
        output.WriteLine($"{kind}, {ChaosSuite.KillCycles} SIGKILL/restart cycles in {clock.Elapsed.TotalSeconds:F1} s: {check.Describe()}");
        output.WriteLine($"  Statistics: sent {sent}, dropped {dropped}, queued {queued}, reconnects {reconnects}, errors {statistics.Errors}; {load.Describe()}");
        output.WriteLine($"  lost (missing) {check.Missing.Length}, of them in flight at a kill {lostInFlight}; Statistics.Sent - delivered = {sent - check.Delivered}; records rsyslog's file output left cut short at a kill: {torn}");
        var quick = ready.Where(r => r < reconnect.InitialDelay).ToArray();
        output.WriteLine($"  time to recover (listening again -> first record): {string.Join(", ", recoveries.Select(r => $"{r.Recovered.TotalMilliseconds:F0}"))} ms; " +
            $"max {recoveries.Max(r => r.Recovered).TotalMilliseconds:F0} ms; the server listened again {recoveries.Min(r => r.Listening).TotalMilliseconds:F0}-{recoveries.Max(r => r.Listening).TotalMilliseconds:F0} ms " +
            $"and was ready {ready.Min().TotalMilliseconds:F0}-{ready.Max().TotalMilliseconds:F0} ms after the kill, {quick.Length} of {recoveries.Count} times within InitialDelay ({reconnect.InitialDelay.TotalMilliseconds:F0} ms), bound then {(reconnect.InitialDelay + margin).TotalMilliseconds:F0} ms");
        output.WriteLine($"  resident memory grew by {residentGrowth:F0} MiB; {ChaosSuite.Describe(errors)}");

        Assert.Empty(load.Exceptions);
        Assert.Equal(calls, sent + dropped + queued);
        Assert.Equal(0, queued);
        Assert.Equal(0, dropped);
        Assert.True(reconnects >= ChaosSuite.KillCycles, $"{reconnects} reconnects for {ChaosSuite.KillCycles} kills");
        Assert.Equal(0, check.OutOfOrder);
        if (kind == Transport.Relp)
        {
            // RELP: every message is acknowledged; what was not is sent again after the reconnect.
            Assert.Empty(check.Missing);
            Assert.True(check.Duplicated <= RelpTransport.DefaultWindowSize * ChaosSuite.KillCycles, $"{check.Duplicated} duplicates: at most the window ({RelpTransport.DefaultWindowSize}) per reconnect");
        }
        else
        {
            // Plain TCP and TLS (RFC 6587, RFC 5425) have no acknowledgement: what the kernel accepted before the crash
            // counts as sent, and what the dead server had not read is gone. Nothing else may be.
            Assert.Equal(check.Missing.Length, lostInFlight);
            Assert.Equal(sent - check.Delivered, check.Missing.Length);
        }

        for (var cycle = 0; cycle < recoveries.Count; cycle++)
        {
            var (r, bound) = (recoveries[cycle], recoveries[cycle].Bound(reconnect, ready[cycle], margin));
            Assert.True(
                r.Recovered <= bound,
                $"cycle {cycle + 1}: time to recover {r.Recovered.TotalMilliseconds:F0} ms after the server listened again ({r.Listening.TotalMilliseconds:F0} ms after the kill, ready after {ready[cycle].TotalMilliseconds:F0} ms): " +
                $"more than the next retry of {reconnect.InitialDelay.TotalSeconds} s x {reconnect.Factor} + 1 s ({bound.TotalMilliseconds:F0} ms)");
        }

        Assert.True(load.MaxCall <= ChaosSuite.LongestCall, load.Describe());
        Assert.True(residentGrowth < 256, $"resident memory grew by {residentGrowth:F0} MiB");

        // Dispose during the crash: the server is killed once more, the threads go on logging into the queue, and the
        // writer is disposed while its sender waits to reconnect.
        await rsyslog.KillAsync();
        var (disposeTook, late) = await ChaosSuite.DisposeWhileLoggingAsync(writer, scenario + "-down", ChaosSuite.CallsPerPause);
        output.WriteLine($"  dispose with the server down: {disposeTook.TotalMilliseconds:F0} ms (CloseTimeout {ChaosSuite.CloseTimeout.TotalMilliseconds:F0} ms); " +
            $"{late.Describe()}; sent {statistics.Sent}, dropped at shutdown {statistics.DroppedShutdown}, queued {statistics.QueueLength}");
        Assert.Equal(calls + late.Calls, statistics.Sent + statistics.Dropped);
        Assert.Equal(0, statistics.QueueLength);
        Assert.True(statistics.DroppedShutdown > 0, "messages logged while the server was down and the writer closed are counted as dropped at shutdown");
        Assert.True(disposeTook <= ChaosSuite.CloseTimeout + ChaosSuite.DisposeMargin, $"Dispose took {disposeTook.TotalMilliseconds:F0} ms");
        Assert.True(late.MaxCall <= ChaosSuite.LongestCall, late.Describe());
    }

    /// <summary>Awaits <paramref name="task"/>; a timeout fails the test with everything that explains it.</summary>
    private static async Task<T> WithContext<T>(Task<T> task, string what, SyslogWriter writer, ChaosLoad load, ConcurrentQueue<Exception> errors, RsyslogServer rsyslog)
    {
        try
        {
            return await task;
        }
        catch (TimeoutException timeout)
        {
            var s = writer.Statistics;
            throw new TimeoutException(
                $"{what}: {timeout.Message}\nwriter: sent {s.Sent}, dropped {s.Dropped}, queued {s.QueueLength}, reconnects {s.Reconnects}, errors {s.Errors} ({ChaosSuite.Describe(errors)})\n{load.Describe()}\n{rsyslog.Describe()}",
                timeout);
        }
    }

    private static Task WithContext(Task task, string what, SyslogWriter writer, ChaosLoad load, ConcurrentQueue<Exception> errors, RsyslogServer rsyslog) =>
        WithContext(task.ContinueWith(t => { t.GetAwaiter().GetResult(); return 0; }, TaskScheduler.Default), what, writer, load, errors, rsyslog);

    /// <summary>Waits until rsyslog's records file has not grown for half a second (what the kernel holds is read and written).</summary>
    private static async Task WaitUntilWrittenAsync(RsyslogServer rsyslog)
    {
        var stable = Stopwatch.StartNew();
        var waited = Stopwatch.StartNew();
        var length = -1L;
        while (stable.Elapsed < TimeSpan.FromMilliseconds(500) && waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            var now = new FileInfo(rsyslog.RecordsPath).Length;
            if (now != length)
            {
                length = now;
                stable.Restart();
            }

            await Task.Delay(50);
        }
    }

    /// <summary>The logging threads' progress sampled every 10 ms (to find what was logged when), and the peak resident memory.</summary>
    private sealed class CallTimeline : IDisposable
    {
        private readonly ChaosLoad _load;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly List<(TimeSpan At, long Started)> _samples = [];
        private readonly Timer _timer;
        private double _peakResident;

        public CallTimeline(ChaosLoad load)
        {
            _load = load;
            _timer = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(10));
        }

        public TimeSpan Now => _clock.Elapsed;

        public double PeakResidentMiB
        {
            get
            {
                lock (_samples)
                {
                    return _peakResident;
                }
            }
        }

        /// <summary>Sequence numbers taken by <paramref name="at"/> (the last sample before it; 0 before the first).</summary>
        public long CallsAt(TimeSpan at)
        {
            lock (_samples)
            {
                return _samples.LastOrDefault(sample => sample.At <= at).Started;
            }
        }

        public void Dispose() => _timer.Dispose();

        private void Sample()
        {
            var resident = ProcStatus.ResidentMiB();
            lock (_samples)
            {
                _samples.Add((_clock.Elapsed, _load.Started));
                _peakResident = Math.Max(_peakResident, resident);
            }
        }
    }
}
