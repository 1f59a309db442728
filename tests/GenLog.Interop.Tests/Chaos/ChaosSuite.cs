using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace GenLog.Interop.Tests.Chaos;

/// <summary>
/// The chaos tests run one at a time and beside no other test: they kill servers, measure per-call times and the
/// process's memory, and would disturb (and be disturbed by) tests running alongside.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ChaosCollection
{
    public const string Name = "chaos";
}

/// <summary>The suite's settings: the short run in <c>bash scripts/test.sh</c>, the long one with GENLOG_CHAOS_LONG=1 (docs/reliability.md).</summary>
internal static class ChaosSuite
{
    /// <summary>GENLOG_CHAOS_LONG=1: five times the kill cycles (and so the messages), ten times the calls under the heap limit.</summary>
    public static bool Long => Environment.GetEnvironmentVariable("GENLOG_CHAOS_LONG") == "1";

    /// <summary>SIGKILL/restart cycles per transport.</summary>
    public static int KillCycles => Long ? 50 : 10;

    /// <summary>
    /// Each logging thread sleeps 1 ms after every call: ~3,000 messages/s from 4 threads, short and long alike —
    /// within what RELP with a window of 128 delivers into rsyslog with a direct queue, so the queue never overflows
    /// and every loss would be the transport's.
    /// </summary>
    public const int CallsPerPause = 1;

    /// <summary>Logging threads.</summary>
    public const int Threads = 4;

    /// <summary>The CloseTimeout of every writer in the suite; Dispose must return within it plus <see cref="DisposeMargin"/>.</summary>
    public static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(1);

    /// <summary>What Dispose may take beyond CloseTimeout.</summary>
    public static readonly TimeSpan DisposeMargin = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The longest logging call the suite accepts outside <c>Overflow = Block</c>. The target is 10 ms (each call is
    /// timed and those over 10 ms are reported); the assertion allows 100 ms because the scheduler of a shared 2-core
    /// machine can pause any thread that long. A call that waits on the network (a connect, a write, a lookup, a
    /// response: seconds) fails it.
    /// </summary>
    public static readonly TimeSpan LongestCall = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// One call into a writer of its own, before a test times any call: the just-in-time compilation of the logging
    /// path (tens of ms on a loaded machine) is a one-time start-up cost, not a call that waits, and is not timed.
    /// </summary>
    public static void WarmUp()
    {
        using var writer = new SyslogWriter(new GenLog.TestSupport.NullTransport(), new SyslogWriterOptions { AppName = "chaos-warm-up" });
        SequenceLog.Numbered(writer, 0, "warm-up");
        writer.FlushAsync().Wait(TimeSpan.FromSeconds(10));
    }

    /// <summary>Writer options shared by the scenarios; errors go to <paramref name="errors"/> (the first 1,000).</summary>
    public static SyslogWriterOptions Options(ConcurrentQueue<Exception> errors, ReconnectPolicy? reconnect = null) => new()
    {
        HostName = "chaos-host",
        AppName = "genlog-chaos",
        ProcId = "1",
        CloseTimeout = CloseTimeout,
        Reconnect = reconnect ?? ReconnectPolicy.Default,
        OnError = exception =>
        {
            if (errors.Count < 1_000)
            {
                errors.Enqueue(exception);
            }
        },
    };

    /// <summary>The distinct errors, for a test's output.</summary>
    public static string Describe(ConcurrentQueue<Exception> errors) =>
        errors.IsEmpty ? "no errors" : string.Join("; ", errors.Select(e => $"{e.GetType().Name}: {e.Message}").Distinct().Take(6));

    /// <summary>Per-thread tags ("tcp t0" …) for <see cref="SequenceLog.Numbered"/>, so that <see cref="SequenceCheck"/> can check each thread's order.</summary>
    public static string[] Tags(string scenario) => Enumerable.Range(0, Threads).Select(t => $"{scenario} t{t}").ToArray();

    /// <summary>
    /// Disposes the writer twice at once, as a user's shutdown code and a host's might: <c>Dispose</c> on a thread of its
    /// own and <c>DisposeAsync</c> beside it. Both must wait for the one close — when either returns, nothing is queued
    /// any more — and the longer of the two is returned. A Dispose still running after <paramref name="giveUp"/> fails
    /// the test instead of hanging the suite.
    /// </summary>
    public static async Task<TimeSpan> TimedDisposeAsync(SyslogWriter writer, TimeSpan? giveUp = null)
    {
        var clock = Stopwatch.StartNew();
        var blocking = Task.Factory.StartNew(
            () =>
            {
                writer.Dispose();
                return (Took: clock.Elapsed, Queued: writer.Statistics.QueueLength);
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        var concurrent = Task.Run(async () =>
        {
            await writer.DisposeAsync();
            return (Took: clock.Elapsed, Queued: writer.Statistics.QueueLength);
        });
        var both = Task.WhenAll(blocking, concurrent);
        var limit = giveUp ?? TimeSpan.FromSeconds(60);
        if (await Task.WhenAny(both, Task.Delay(limit)) != both)
        {
            Assert.Fail($"Dispose (blocking: {(blocking.IsCompleted ? "returned" : "running")}, async: {(concurrent.IsCompleted ? "returned" : "running")}) had not returned after {limit.TotalSeconds:F0} s (CloseTimeout {CloseTimeout.TotalSeconds:F0} s).");
        }

        var (first, second) = (await blocking, await concurrent);
        Assert.True(first.Queued == 0 && second.Queued == 0, $"a concurrent Dispose returned before the close was done: {first.Queued} and {second.Queued} messages still queued");
        return first.Took > second.Took ? first.Took : second.Took;
    }

    /// <summary>
    /// Dispose during a fault: 4 threads log on into <paramref name="writer"/> (sequence numbers from 0, tagged
    /// "<paramref name="scenario"/>-late"), and after 300 ms the writer is disposed under them; returns how long
    /// Dispose took and the load, stopped. Calls after the dispose are counted as dropped at shutdown.
    /// </summary>
    public static async Task<(TimeSpan Took, ChaosLoad Late)> DisposeWhileLoggingAsync(SyslogWriter writer, string scenario, int callsPerPause)
    {
        var tags = Tags(scenario + "-late");
        var late = new ChaosLoad(Threads, (seq, thread) => SequenceLog.Numbered(writer, seq, tags[thread]), callsPerPause).Start();
        await Task.Delay(300);
        var took = await TimedDisposeAsync(writer);
        Assert.True(late.Stop(TimeSpan.FromSeconds(30)), "the logging threads did not return after Dispose: " + late.Describe());
        Assert.Empty(late.Exceptions);
        return (took, late);
    }
}
