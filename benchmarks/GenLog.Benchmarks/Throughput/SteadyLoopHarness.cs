using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Threading;
using GenLog.TestSupport;

namespace GenLog.Benchmarks.Throughput;

/// <summary>
/// One writer logged into without a pause, by 1 or more threads, for a few seconds: the steady state of the queued
/// call, where the sender drains batch after batch on the other core while the callers run (a trial of
/// <see cref="CpuPerCallHarness"/> starts from an idle sender). Prints, per window of 0.4 s, the wall time per call,
/// the calling threads' CPU time per call and the process's. Run it from two worktrees in turn to compare two commits
/// (docs/performance.md shows how).
/// </summary>
public static class SteadyLoopHarness
{
    private const int Windows = 5;
    private static readonly IPAddress Address = IPAddress.Parse("192.0.2.7");

    /// <summary><paramref name="args"/>: <c>queued</c> (default) or <c>sync</c>, <c>ms</c> for TimestampPrecision.Milliseconds, and the thread count (default 1).</summary>
    public static void Run(string[] args)
    {
        var synchronous = args.Contains("sync");
        var precision = args.Contains("ms") ? TimestampPrecision.Milliseconds : TimestampPrecision.Microseconds;
        var threads = args.Select(a => int.TryParse(a, out var n) ? n : 0).FirstOrDefault(n => n > 0, 1);
        var transport = new NullTransport();
        using var writer = new SyslogWriter(transport, new SyslogWriterOptions
        {
            HostName = "host",
            ProcId = "4242",
            Overflow = SyslogOverflow.Block,
            Synchronous = synchronous,
            TimestampPrecision = precision,
        });

        // Warm-up, one second: tiered JIT to its optimized code, the ring's pages touched.
        Window(writer, threads, TimeSpan.FromSeconds(1));

        Console.WriteLine($"{(synchronous ? "synchronous" : "queued")}, {precision}, {threads} thread(s), {Environment.ProcessorCount} cores:");
        for (var window = 0; window < Windows; window++)
        {
            var (calls, callerCpu, processCpu, wall) = Window(writer, threads, TimeSpan.FromMilliseconds(400));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  wall {wall / calls:F1} ns/call, caller CPU {callerCpu / calls:F1} ns/call, process CPU {processCpu / calls:F1} ns/call"));
        }

        writer.FlushAsync().Wait(TimeSpan.FromSeconds(30));
        if (writer.Statistics.Dropped != 0 || writer.Statistics.Sent != transport.Count)
        {
            throw new InvalidOperationException($"GenLog dropped {writer.Statistics.Dropped}; sent {writer.Statistics.Sent}, received {transport.Count}.");
        }
    }

    private static (long Calls, double CallerCpuNs, double ProcessCpuNs, double WallNs) Window(SyslogWriter writer, int threads, TimeSpan length)
    {
        var calls = new long[threads];
        var cpu = new long[threads];
        var clock = Stopwatch.StartNew();
        var process = Process.GetCurrentProcess();
        var processBefore = process.TotalProcessorTime;
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            var before = CpuPerCallHarness.ThreadCpuNs();
            long made = 0;
            while (clock.Elapsed < length)
            {
                for (var i = 0; i < 10_000; i++)
                {
                    BenchmarkLog.FailedPassword(writer, "root", Address, 22);
                }

                made += 10_000;
            }

            cpu[t] = CpuPerCallHarness.ThreadCpuNs() - before;
            calls[t] = made;
        })).ToArray();
        foreach (var worker in workers)
        {
            worker.Start();
        }

        foreach (var worker in workers)
        {
            worker.Join();
        }

        var wall = clock.Elapsed.TotalNanoseconds;
        process.Refresh();
        return (calls.Sum(), cpu.Sum(), (process.TotalProcessorTime - processBefore).TotalNanoseconds, wall);
    }
}
