using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace GenLog.Benchmarks.Throughput;

/// <summary>
/// The throughput half of docs/performance.md: GenLog against the raw socket limit, a naive sender and CPython over UDP, and
/// against one send per frame over TCP, each as alternating paired trials whose every message is checked at the
/// receiver. Prints Markdown and writes it to BenchmarkDotNet.Artifacts/results/throughput.md.
/// </summary>
public static class ThroughputHarness
{
    private static readonly string ResultPath = Path.Combine("BenchmarkDotNet.Artifacts", "results", "throughput.md");

    public static void Run(bool quick)
    {
        var clock = Stopwatch.StartNew();
        var (count, rounds) = quick ? (100_000, 5) : (1_000_000, 11);
        var command = "dotnet run -c Release --project benchmarks/GenLog.Benchmarks -- --throughput" + (quick ? " --quick" : "");
        var datagrams = MessageBatch.Datagrams(count);
        var frames = datagrams.OctetCounted();
        CheckNaiveLine();

        var report = new ThroughputReport();
        report.Line("# Throughput");
        report.Line();
        report.Line($"Reproduce: `{command}` ({(quick ? "quick" : "full")} form). Machine: {Environment.ProcessorCount} logical processors, {RuntimeInformation.OSDescription} ({RuntimeInformation.OSArchitecture}), {RuntimeInformation.FrameworkDescription}, load average {LoadAverage()}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC. Absolute numbers on a shared machine are indicative only; the ratios are the result.");
        report.Line();
        using (var probe = new UdpSink(1))
        {
            report.Line(string.Create(CultureInfo.InvariantCulture, $"Every receiver listens on 127.0.0.1 (an ephemeral port, a new one per trial) on its own thread; UDP receive buffer {probe.ReceiveBuffer.Bytes / (1024 * 1024)} MiB ({probe.ReceiveBuffer.How}), recvmmsg on Linux. Each message's sequence number is its trailing digits. GenLog's message {count - 1}: `{MessageBatch.Printable(datagrams[count - 1])}`"));
        }

        report.Line();

        Compare(report, Udp(datagrams), count, rounds);
        Compare(report, Tcp(frames), count, rounds);
        var (python, reason) = PythonSysLogHandlerContender.Find();
        if (python is null)
        {
            report.NotRun(PythonTitle, reason!);
        }
        else
        {
            Compare(report, Python(python), count, rounds);
        }

        Compare(report, LoggingThreads("4. UDP: 1 and 4 logging threads, one shared writer", n => new UdpSink(n), n => new UdpSink(n, Producers), UdpTo), count, rounds);
        Compare(report, LoggingThreads("5. TCP octet counting: 1 and 4 logging threads, one shared writer", n => new TcpOctetCountingSink(n), n => new TcpOctetCountingSink(n, Producers), TcpTo), count, rounds);

        report.Line(string.Create(CultureInfo.InvariantCulture, $"Took {clock.Elapsed.TotalSeconds:F0} s."));
        var text = report.ToString();
        Console.WriteLine();
        Console.Write(text);
        Directory.CreateDirectory(Path.GetDirectoryName(ResultPath)!);
        File.WriteAllText(ResultPath, text, new UTF8Encoding(false));
        Console.WriteLine($"Written to {Path.GetFullPath(ResultPath)}");
    }

    /// <summary>The logging threads of comparisons 4 and 5; the message count of either form divides by it.</summary>
    private const int Producers = 4;

    private const string PythonTitle = "3. CPython logging.handlers.SysLogHandler against GenLog, UDP";

    private static PairedComparison Udp(MessageBatch datagrams) => new(
        "1. UDP to a loopback receiver",
        [
            GenLogUdp("GenLog, queued (background sender), Overflow = Block"),
            SocketContender.Raw("raw Socket.Send of GenLog's bytes, one per datagram", n => new UdpSink(n), SocketType.Dgram, ProtocolType.Udp, datagrams),
            SocketContender.Naive(),
            new GenLogContender("GenLog, Synchronous = true (send on the caller's thread)", n => new UdpSink(n), UdpTo, synchronous: true),
            SocketContender.RawBatched(datagrams),
        ],
        [
            new Target("GenLog ÷ raw ≥ 0.9", 0.9, r => r.MedianRatio(1)),
            new Target("GenLog ÷ raw ≥ 1.15 (with batching: sendmmsg, still one message per datagram)", 1.15, r => r.MedianRatio(1)),
        ]);

    private static PairedComparison Tcp(MessageBatch frames) => new(
        "2. TCP octet counting to a counting loopback sink",
        [
            new GenLogContender("GenLog, queued, TcpTransport (octet counting), Overflow = Block, one producer thread", n => new TcpOctetCountingSink(n), TcpTo, synchronous: false),
            SocketContender.Raw("one Socket.Send per octet-counted frame (NoDelay left as is)", n => new TcpOctetCountingSink(n), SocketType.Stream, ProtocolType.Tcp, frames),
        ],
        [
            new Target("GenLog ≥ 1,000,000 msgs/s", 1_000_000, r => r.GenLog.MedianRate),
            new Target("GenLog ÷ one send per message ≥ 5", 5, r => r.MedianRatio(1)),
        ]);

    private static PairedComparison Python(PythonSysLogHandlerContender python) => new(
        PythonTitle,
        [GenLogUdp("GenLog, queued (background sender), UDP, Overflow = Block"), python],
        [new Target("GenLog ÷ CPython ≥ 20", 20, r => r.MedianRatio(1))],
        "CPython's rate is the one its script measures around its own logging loop (interpreter start-up left out; its sends are synchronous, so the loop ends as the last datagram is queued at the receiver); its line is the same RFC 5424 text, without GenLog's BOM and with SysLogHandler's trailing NUL.");

    /// <summary>
    /// GenLog queued with <see cref="Producers"/> threads sharing one writer against the same writer fed by one thread:
    /// the same message, the same receiver; the ratio is the 4-thread rate over the 1-thread rate.
    /// </summary>
    private static PairedComparison LoggingThreads(string title, Func<int, LoopbackSink> oneProducerSink, Func<int, LoopbackSink> producersSink, Func<IPEndPoint, ISyslogTransport> transport) => new(
        title,
        [
            new GenLogContender($"GenLog, queued, Overflow = Block, {Producers} logging threads", producersSink, transport, synchronous: false, Producers),
            new GenLogContender("GenLog, queued, Overflow = Block, 1 logging thread", oneProducerSink, transport, synchronous: false),
        ],
        [],
        $"Producer p of {Producers} logs messages p·N/{Producers} .. (p+1)·N/{Producers}-1; the receiver checks that each producer's messages arrive complete and in order (producers interleave freely). The ratio column is the {Producers}-thread rate over the 1-thread rate.");

    private static GenLogContender GenLogUdp(string name) => new(name, n => new UdpSink(n), UdpTo, synchronous: false);

    private static UdpTransport UdpTo(IPEndPoint endPoint) => new("127.0.0.1", endPoint.Port);

    private static TcpTransport TcpTo(IPEndPoint endPoint) => new("127.0.0.1", endPoint.Port);

    private static void Compare(ThroughputReport report, PairedComparison comparison, int count, int rounds)
    {
        try
        {
            report.Add(comparison.Run(count, rounds, line => Console.Error.WriteLine(line)), rounds);
        }
        catch (Exception exception)
        {
            report.NotRun(comparison.Title, $"failed: {exception}");
        }
    }

    /// <summary>The naive sender's line must be readable by the same receivers.</summary>
    private static void CheckNaiveLine()
    {
        if (SequenceCheck.SequenceNumber(Encoding.UTF8.GetBytes(MessageBatch.NaiveLine(1234))) != 1234)
        {
            throw new InvalidOperationException($"The naive line does not end in its sequence number: {MessageBatch.NaiveLine(1234)}");
        }
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3]) : "unknown";
}
