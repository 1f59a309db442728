using System;
using System.Diagnostics;
using System.Threading;
using GenLog.Interop.Tests.Chaos;

namespace GenLog.ChaosProbe;

/// <summary>What one scenario measured, printed as JSON for the test that started the probe.</summary>
/// <param name="Calls">Logging calls made.</param>
/// <param name="QueueLength">Messages still queued after the writer was disposed (0 when the accounting is complete).</param>
/// <param name="Exceptions">Exceptions that left a logging call (must be 0).</param>
/// <param name="MaxCallMs">The longest logging call.</param>
/// <param name="SlowCalls">Logging calls over 10 ms.</param>
/// <param name="LoadStopped">Every logging thread returned after the writer was disposed.</param>
/// <param name="DisposeMs">How long <c>Dispose</c> took.</param>
/// <param name="FirstErrorMs">From the writer's creation to the first error reported to OnError, if any.</param>
/// <param name="PeakResidentMiB">The process's VmHWM at the end.</param>
/// <param name="HeapLimitBytes">The GC's memory limit (DOTNET_GCHeapHardLimit when set).</param>
public sealed record ProbeReport(
    string Scenario,
    long Calls,
    long Sent,
    long Dropped,
    long DroppedQueueFull,
    long DroppedShutdown,
    long QueueLength,
    long Errors,
    int Exceptions,
    string? FirstException,
    double MaxCallMs,
    long SlowCalls,
    bool LoadStopped,
    double DisposeMs,
    double? FirstErrorMs,
    string? FirstError,
    double PeakResidentMiB,
    long HeapLimitBytes);

/// <summary>The scenarios that need a process of their own.</summary>
public static class Scenarios
{
    private static readonly TimeSpan LoadStopTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// tcp://HOST:PORT where HOST never resolves: 4 threads log (a steady stream) while the sender waits for the name;
    /// the writer is disposed during the lookup or after the first error.
    /// </summary>
    public static ProbeReport NameThatNeverResolves(string host, int port, TimeSpan connectTimeout, TimeSpan closeTimeout, bool disposeDuringLookup)
    {
        WarmUp();
        var clock = Stopwatch.StartNew();
        var firstError = new FirstError(clock);
        var writer = new SyslogWriter(
            new TcpTransport(host, port) { ConnectTimeout = connectTimeout },
            new SyslogWriterOptions { AppName = "chaos-probe", CloseTimeout = closeTimeout, OnError = firstError.Record });
        var load = new ChaosLoad(4, (seq, thread) => ProbeLog.Numbered(writer, seq, "dns"), callsPerPause: 10).Start();

        // The first call woke the sender, which is now inside the lookup; "settled": until the lookup gave up.
        var wait = Stopwatch.StartNew();
        while (wait.Elapsed < (disposeDuringLookup ? TimeSpan.FromMilliseconds(500) : connectTimeout + TimeSpan.FromSeconds(10)) && (disposeDuringLookup || firstError.Message is null))
        {
            Thread.Sleep(10);
        }

        return Finish("dns " + (disposeDuringLookup ? "dispose during the lookup" : "dispose after the first error"), writer, load, firstError);
    }

    /// <summary>
    /// <paramref name="threads"/> threads log short messages into a writer whose MaxMessageSize is large, under the heap
    /// limit the test sets; the writer is disposed half way, while they log.
    /// </summary>
    public static ProbeReport HeapLimit(int threads, int maxMessageSize, int calls, TimeSpan closeTimeout)
    {
        WarmUp();
        var clock = Stopwatch.StartNew();
        var firstError = new FirstError(clock);
        var writer = new SyslogWriter(
            new DiscardTransport(),
            new SyslogWriterOptions { AppName = "chaos-probe", MaxMessageSize = maxMessageSize, QueueCapacity = 2 * maxMessageSize, CloseTimeout = closeTimeout, OnError = firstError.Record });
        var load = new ChaosLoad(threads, (seq, thread) => ProbeLog.Numbered(writer, seq, "heap"), callsPerPause: 10, limit: calls).Start();
        while (load.Calls < calls / 2 && clock.Elapsed < TimeSpan.FromSeconds(60) && !load.Finished)
        {
            Thread.Sleep(1);
        }

        return Finish($"heap, {threads} threads, MaxMessageSize {maxMessageSize}", writer, load, firstError);
    }

    /// <summary>
    /// One call into a writer of its own before a scenario starts: the just-in-time compilation of the logging path
    /// (~100 ms in a fresh process) is a one-time start-up cost, not a call that waits, and is not timed.
    /// </summary>
    private static void WarmUp()
    {
        using var writer = new SyslogWriter(new DiscardTransport(), new SyslogWriterOptions { AppName = "chaos-probe" });
        ProbeLog.Numbered(writer, 0, "warm-up");
        writer.FlushAsync().Wait(TimeSpan.FromSeconds(10));
    }

    /// <summary>Disposes the writer while the load runs on, then stops the load and reads every counter.</summary>
    private static ProbeReport Finish(string scenario, SyslogWriter writer, ChaosLoad load, FirstError firstError)
    {
        var disposing = Stopwatch.StartNew();
        writer.Dispose();
        var disposeMs = disposing.Elapsed.TotalMilliseconds;

        // Calls after the dispose are counted too (as dropped at shutdown).
        Thread.Sleep(100);
        var stopped = load.Stop(LoadStopTimeout);
        var s = writer.Statistics;
        var exception = load.Exceptions.Count > 0 ? load.Exceptions.GetEnumerator() : null;
        return new ProbeReport(
            scenario,
            load.Calls,
            s.Sent,
            s.Dropped,
            s.DroppedQueueFull,
            s.DroppedShutdown,
            s.QueueLength,
            s.Errors,
            load.Exceptions.Count,
            exception is not null && exception.MoveNext() ? exception.Current.ToString() : null,
            load.MaxCall.TotalMilliseconds,
            load.SlowCalls,
            stopped,
            disposeMs,
            firstError.Milliseconds,
            firstError.Message,
            ProcStatus.PeakResidentMiB(),
            GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);
    }

    /// <summary>Keeps the first error reported to OnError and when it came.</summary>
    private sealed class FirstError(Stopwatch clock)
    {
        private int _seen;

        public double? Milliseconds { get; private set; }

        public string? Message { get; private set; }

        public void Record(Exception exception)
        {
            if (Interlocked.Exchange(ref _seen, 1) == 0)
            {
                Milliseconds = clock.Elapsed.TotalMilliseconds;
                Message = $"{exception.GetType().Name}: {exception.Message}";
            }
        }
    }

    /// <summary>A transport of the user's own that accepts everything: the heap scenario measures the writer, not a socket.</summary>
    private sealed class DiscardTransport : ISyslogTransport
    {
        public void Connect()
        {
        }

        public void Send(ReadOnlySpan<byte> message)
        {
        }

        public void Flush()
        {
        }

        public void Disconnect()
        {
        }

        public void Dispose()
        {
        }
    }
}

/// <summary>A short-lived tool: it logs and returns from Main without disposing its writer.</summary>
public static class ExitScenario
{
    /// <summary>Logs <paramref name="count"/> numbered messages to tcp://HOST:PORT and returns; the writer is never disposed.</summary>
    public static void LogAndLeave(string host, int port, int count)
    {
        var writer = SyslogWriter.Create($"tcp://{host}:{port}");
        for (var seq = 1; seq <= count; seq++)
        {
            ProbeLog.Numbered(writer, seq, "before exit");
        }
    }
}

/// <summary>The probe's sequence-numbered message (the same template as the interop tests' SequenceLog).</summary>
public static partial class ProbeLog
{
    [SyslogMessage(SyslogFacility.Local4, SyslogSeverity.Notice, "seq={Seq} {Text}", MsgId = "SEQ")]
    public static partial void Numbered(SyslogWriter writer, int seq, string text);
}
