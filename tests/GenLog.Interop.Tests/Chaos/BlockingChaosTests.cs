using System;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using GenLog.Interop.Tests.Support;
using Xunit.Abstractions;

namespace GenLog.Interop.Tests.Chaos;

/// <summary>
/// <c>Overflow = Block</c> with a server that is down, and an <c>OnError</c> that logs into the same writer: the
/// logging threads may wait (that is what Block means), but the sender's own thread — which runs OnError — must never
/// wait for room only it can make, OnError is not re-entered, delivery resumes when the server comes up, and Dispose
/// releases every waiting thread.
/// </summary>
[Collection(ChaosCollection.Name)]
public sealed class BlockingChaosTests(ITestOutputHelper output)
{
    /// <summary>A short back-off (250 ms, x2, at most 500 ms), so delivery resumes soon after the server is back.</summary>
    private static readonly ReconnectPolicy Reconnect = new() { InitialDelay = TimeSpan.FromMilliseconds(250), MaxDelay = TimeSpan.FromMilliseconds(500) };

    [SkippableFact]
    public async Task OnError_logging_into_its_own_writer_under_Block_while_the_server_is_down_for_1_5_s()
    {
        RsyslogServer.RequireRsyslogd();
        ChaosSuite.WarmUp();
        await using var rsyslog = await RsyslogServer.StartAsync(new RsyslogOptions { Tcp = true, DirectQueue = true });
        await rsyslog.KillAsync();
        var errorLogger = new LoggingOnError();
        var writer = new SyslogWriter(new TcpTransport("127.0.0.1", rsyslog.TcpPort), BlockingOptions(errorLogger));
        errorLogger.Writer = writer;
        var tags = ChaosSuite.Tags("block");
        var load = new ChaosLoad(ChaosSuite.Threads, (seq, thread) => SequenceLog.Numbered(writer, seq, tags[thread]), ChaosSuite.CallsPerPause).Start();

        // Down for 1.5 s: the 64 KiB queue fills within a fraction of it and the logging threads wait.
        await Task.Delay(TimeSpan.FromMilliseconds(1_500));
        var callsWhileDown = load.Calls;
        var recovered = RecoveryWatch.StartAsync(rsyslog.TcpPort, rsyslog.RecordsPath, TimeSpan.FromSeconds(20));
        await rsyslog.RestartAsync();
        var recovery = await recovered;
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.True(load.Stop(TimeSpan.FromSeconds(30)), "the logging threads still waited 30 s after the server came back: " + load.Describe());
        await writer.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var statistics = writer.Statistics;
        var (sent, dropped, queued) = (statistics.Sent, statistics.Dropped, statistics.QueueLength);
        var disposeTook = await ChaosSuite.TimedDisposeAsync(writer);
        var records = await rsyslog.RecordsBeforeSentinelAsync(TimeSpan.FromSeconds(20));
        var check = SequenceCheck.Of(records, load.Calls);
        var fromOnError = records.Count(record => record.Msg.Contains(LoggingOnError.Tag, StringComparison.Ordinal));

        output.WriteLine($"Block, server down 1.5 s: {load.Describe()}; {callsWhileDown:N0} of them while it was down");
        output.WriteLine($"  OnError: {errorLogger.Describe()}; {fromOnError} of its messages arrived");
        output.WriteLine($"  Statistics: sent {sent}, dropped {dropped} (queue full {statistics.DroppedQueueFull}), queued {queued}, errors {statistics.Errors}, reconnects {statistics.Reconnects}");
        output.WriteLine($"  {check.Describe()}; time to recover {recovery.Recovered.TotalMilliseconds:F0} ms; Dispose {disposeTook.TotalMilliseconds:F0} ms");

        Assert.Empty(load.Exceptions);
        Assert.True(errorLogger.Calls > 0, "the server was down: OnError must have been called");
        Assert.Equal(0, errorLogger.Reentered);
        Assert.True(errorLogger.LongestCall <= ChaosSuite.LongestCall, $"a logging call inside OnError took {errorLogger.LongestCall.TotalMilliseconds:F1} ms: the sender waited");
        Assert.Equal(load.Calls + errorLogger.Calls, sent + dropped + queued);
        Assert.Equal(0, queued);

        // Block: the logging threads' messages are never dropped, and nothing was in flight (the writer never had a
        // connection before the server came back): all of them arrive, once, in order.
        Assert.True(dropped <= errorLogger.Calls, $"{dropped} dropped, but only OnError's {errorLogger.Calls} calls may be");
        Assert.Empty(check.Missing);
        Assert.Equal(0, check.Duplicated);
        Assert.Equal(0, check.OutOfOrder);
        Assert.Equal(sent - load.Calls, fromOnError);
        Assert.True(recovery.Recovered <= Reconnect.MaxDelay + TimeSpan.FromSeconds(1), $"time to recover {recovery.Recovered.TotalMilliseconds:F0} ms: more than MaxDelay + 1 s");
        Assert.True(disposeTook <= ChaosSuite.CloseTimeout + ChaosSuite.DisposeMargin, $"Dispose took {disposeTook.TotalMilliseconds:F0} ms");
    }

    [Fact]
    public async Task Dispose_under_Block_with_the_server_down_releases_every_waiting_logging_thread()
    {
        ChaosSuite.WarmUp();

        // A port that refuses connections: bound, never listening.
        using var refusing = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        refusing.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var errorLogger = new LoggingOnError();
        var writer = new SyslogWriter(new TcpTransport("127.0.0.1", ((IPEndPoint)refusing.LocalEndPoint!).Port), BlockingOptions(errorLogger));
        errorLogger.Writer = writer;
        var tags = ChaosSuite.Tags("block-dispose");
        var load = new ChaosLoad(ChaosSuite.Threads, (seq, thread) => SequenceLog.Numbered(writer, seq, tags[thread]), ChaosSuite.CallsPerPause).Start();

        // The logging threads wait for room (the queue is full) when the writer is disposed.
        var waited = Stopwatch.StartNew();
        while (load.Started == load.Calls || waited.Elapsed < TimeSpan.FromMilliseconds(500))
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(20), "the logging threads never waited: " + load.Describe());
            await Task.Delay(20);
        }

        var waiting = load.Started - load.Calls;
        var disposeTook = await ChaosSuite.TimedDisposeAsync(writer);
        Assert.True(load.Stop(TimeSpan.FromSeconds(5)), "logging threads waiting under Block were not released by Dispose: " + load.Describe());
        var statistics = writer.Statistics;
        output.WriteLine($"Block, server down, {waiting} threads waiting: Dispose {disposeTook.TotalMilliseconds:F0} ms; {load.Describe()}");
        output.WriteLine($"  OnError: {errorLogger.Describe()}; sent {statistics.Sent}, dropped {statistics.Dropped} (queue full {statistics.DroppedQueueFull}, shutdown {statistics.DroppedShutdown}), queued {statistics.QueueLength}");

        Assert.Empty(load.Exceptions);
        Assert.Equal(0, errorLogger.Reentered);
        Assert.True(errorLogger.LongestCall <= ChaosSuite.LongestCall, $"a logging call inside OnError took {errorLogger.LongestCall.TotalMilliseconds:F1} ms");
        Assert.Equal(load.Calls + errorLogger.Calls, statistics.Sent + statistics.Dropped);
        Assert.Equal(0, statistics.QueueLength);
        Assert.True(statistics.DroppedShutdown > 0);
        Assert.True(disposeTook <= ChaosSuite.CloseTimeout + ChaosSuite.DisposeMargin, $"Dispose took {disposeTook.TotalMilliseconds:F0} ms");
    }

    private static SyslogWriterOptions BlockingOptions(LoggingOnError errorLogger)
    {
        var options = ChaosSuite.Options(new(), Reconnect);
        options.Overflow = SyslogOverflow.Block;
        options.QueueCapacity = 64 * 1024;
        options.OnError = errorLogger.Report;
        return options;
    }

    /// <summary>An OnError that logs the error into the writer it belongs to, timing that call and noticing re-entry.</summary>
    private sealed class LoggingOnError
    {
        public const string Tag = "onerror";

        [ThreadStatic]
        private static int t_depth;

        private long _calls;
        private long _reentered;
        private long _longestTicks;

        public SyslogWriter? Writer { get; set; }

        /// <summary>Logging calls made from inside OnError.</summary>
        public long Calls => Interlocked.Read(ref _calls);

        /// <summary>Times OnError was entered while already running on the same thread.</summary>
        public long Reentered => Interlocked.Read(ref _reentered);

        public TimeSpan LongestCall => TimeSpan.FromTicks(Interlocked.Read(ref _longestTicks));

        public string Describe() => $"{Calls} logging calls from inside OnError, longest {LongestCall.TotalMilliseconds:F2} ms, re-entered {Reentered} times";

        public void Report(Exception exception)
        {
            if (t_depth > 0)
            {
                Interlocked.Increment(ref _reentered);
            }

            t_depth++;
            try
            {
                if (Writer is { } writer)
                {
                    var started = Stopwatch.GetTimestamp();
                    Interlocked.Increment(ref _calls);
                    SequenceLog.Numbered(writer, -1, Tag + "-" + exception.GetType().Name);
                    var took = Stopwatch.GetElapsedTime(started).Ticks;
                    if (took > Interlocked.Read(ref _longestTicks))
                    {
                        Interlocked.Exchange(ref _longestTicks, took);
                    }
                }
            }
            finally
            {
                t_depth--;
            }
        }
    }
}
