using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Runtime.InteropServices;
using System.Threading;
using GenLog.Benchmarks.Contenders;
using GenLog.TestSupport;

namespace GenLog.Benchmarks.Throughput;

/// <summary>
/// The queued call from 1, 2, 4 and 8 threads by CPU time as well as by the clock: on a machine shared with other
/// work a thread that is not scheduled costs wall time but no CPU time, so the logging threads' own CPU time per call
/// (<c>CLOCK_THREAD_CPUTIME_ID</c>) is what a call costs its caller, and the process's CPU time per call adds the
/// background writer's share. GenLog queued (<c>Overflow = Block</c>) against ZLogger's asynchronous stream processor
/// (<c>FullMode = Block</c>), the same RFC 5424 line, and a synchronous GenLog writer into a null transport as the
/// floor (what formatting costs, measured in the same trials); contenders alternate trial by trial; medians are printed.
/// </summary>
public static class CpuPerCallHarness
{
    private const int ClockThreadCpuTime = 3;
    private static readonly IPAddress Address = IPAddress.Parse("192.0.2.7");

    public static void Run(bool quick)
    {
        var (calls, trials) = quick ? (256 * 1024, 5) : (2 * 1024 * 1024, 11);
        var transport = new NullTransport();
        using var writer = new SyslogWriter(transport, new SyslogWriterOptions { HostName = "host", ProcId = "4242", Overflow = SyslogOverflow.Block });
        using var synchronous = new SyslogWriter(new NullTransport(), new SyslogWriterOptions { HostName = "host", ProcId = "4242", Synchronous = true });
        var stream = new LineCountingStream();
        using var zloggerFactory = ZLoggerSyslog.CreateAsyncFactory(stream);
        var zlogger = zloggerFactory.CreateLogger(SyslogLine.App);
        var contenders = new (string Name, Action Call)[]
        {
            ("GenLog queued", () => BenchmarkLog.FailedPassword(writer, "root", Address, 22)),
            ("ZLogger async", () => ZLoggerLog.FailedPassword(zlogger, "root", Address, 22)),
            ("GenLog synchronous (the formatting, under the writer's lock)", () => BenchmarkLog.FailedPassword(synchronous, "root", Address, 22)),
        };

        Console.WriteLine($"CPU per call: {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}, {calls:N0} calls per trial, {trials} trials, medians");
        Console.WriteLine();
        Console.WriteLine("| contender | threads | caller CPU ns/call | process CPU ns/call | wall ns/call | calls/s |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var threads in new[] { 1, 2, 4, 8 })
        {
            var results = contenders.Select(_ => new Trial[trials]).ToArray();
            foreach (var (_, call) in contenders)
            {
                Measure(threads, calls / 8, call); // warm-up
            }

            for (var trial = 0; trial < trials; trial++)
            {
                for (var k = 0; k < contenders.Length; k++)
                {
                    var c = (trial % 2 == 0) ? k : contenders.Length - 1 - k;
                    results[c][trial] = Measure(threads, calls, contenders[c].Call);
                }
            }

            for (var c = 0; c < contenders.Length; c++)
            {
                var r = results[c];
                var wall = Median(r.Select(t => t.WallNs));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {contenders[c].Name} | {threads} | {Median(r.Select(t => t.CallerCpuNs)):F1} | {Median(r.Select(t => t.ProcessCpuNs)):F1} | {wall:F1} | {1e9 / wall:N0} |"));
            }
        }

        writer.FlushAsync().Wait(TimeSpan.FromSeconds(30));
        if (writer.Statistics.Dropped != 0 || writer.Statistics.Sent != transport.Count)
        {
            throw new InvalidOperationException($"GenLog dropped {writer.Statistics.Dropped}; sent {writer.Statistics.Sent}, received {transport.Count}.");
        }
    }

    /// <summary>One trial: <paramref name="threads"/> threads make <paramref name="calls"/> calls between them.</summary>
    private static Trial Measure(int threads, int calls, Action call)
    {
        var perThread = calls / threads;
        var callerCpu = new long[threads];
        using var start = new Barrier(threads + 1);
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            var before = ThreadCpuNs();
            for (var i = 0; i < perThread; i++)
            {
                call();
            }

            callerCpu[t] = ThreadCpuNs() - before;
        })).ToArray();
        foreach (var worker in workers)
        {
            worker.Start();
        }

        var process = Process.GetCurrentProcess();
        start.SignalAndWait();
        var processBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        foreach (var worker in workers)
        {
            worker.Join();
        }

        var wall = clock.Elapsed;
        process.Refresh();
        var total = (double)perThread * threads;
        return new Trial(
            callerCpu.Sum() / total,
            (process.TotalProcessorTime - processBefore).TotalNanoseconds / total,
            wall.TotalNanoseconds / total);
    }

    private static double Median(System.Collections.Generic.IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted[sorted.Length / 2];
    }

    /// <summary>The calling thread's CPU time (CLOCK_THREAD_CPUTIME_ID), in nanoseconds.</summary>
    internal static long ThreadCpuNs()
    {
        clock_gettime(ClockThreadCpuTime, out var now);
        return (now.Seconds * 1_000_000_000) + now.Nanoseconds;
    }

    [DllImport("libc", SetLastError = false)]
    private static extern int clock_gettime(int clock, out TimeSpec time);

    private readonly record struct Trial(double CallerCpuNs, double ProcessCpuNs, double WallNs);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
