using System;
using System.Net;
using System.Threading;
using BenchmarkDotNet.Attributes;
using GenLog.Benchmarks.Contenders;
using GenLog.TestSupport;
using Microsoft.Extensions.Logging;

namespace GenLog.Benchmarks;

/// <summary>
/// The queued (default) call from 1, 2, 4 and 8 threads into one writer, against ZLogger's own asynchronous
/// processor (a background writer into a stream) at the same thread counts. One invocation is
/// <see cref="CallsPerInvocation"/> calls shared evenly among the threads, so the Mean column is the elapsed time
/// divided by the calls: per-call cost, whose inverse is the aggregate rate. Both sides wait when their queue is full
/// (GenLog <c>Overflow = Block</c>, ZLogger <c>FullMode = Block</c>), so the rate is what their background writers
/// keep up with, not the rate of cheap drops.
/// </summary>
[MemoryDiagnoser]
public class QueuedThreadsBenchmarks
{
    private const int CallsPerInvocation = 64 * 1024;
    private static readonly IPAddress Address = IPAddress.Parse("192.0.2.7");

    private readonly NullTransport _transport = new();
    private readonly LineCountingStream _stream = new();
    private SyslogWriter _writer = null!;
    private ILoggerFactory _zloggerFactory = null!;
    private ILogger _zlogger = null!;
    private LoggingThreads _genLogThreads = null!;
    private LoggingThreads _zloggerThreads = null!;

    /// <summary>Logging threads, all calling into the one writer or logger.</summary>
    [Params(1, 2, 4, 8)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        Console.WriteLine($"// {Environment.ProcessorCount} cores");
        _writer = new SyslogWriter(_transport, new SyslogWriterOptions { HostName = "host", ProcId = "4242", Overflow = SyslogOverflow.Block });
        _zloggerFactory = ZLoggerSyslog.CreateAsyncFactory(_stream);
        _zlogger = _zloggerFactory.CreateLogger(SyslogLine.App);
        var perThread = CallsPerInvocation / Threads;
        _genLogThreads = new LoggingThreads(Threads, perThread, () => BenchmarkLog.FailedPassword(_writer, "root", Address, 22));
        _zloggerThreads = new LoggingThreads(Threads, perThread, () => ZLoggerLog.FailedPassword(_zlogger, "root", Address, 22));
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = CallsPerInvocation)]
    public void GenLogQueued() => _genLogThreads.Run();

    [Benchmark(OperationsPerInvoke = CallsPerInvocation)]
    public void ZLoggerAsync() => _zloggerThreads.Run();

    [GlobalCleanup]
    public void Cleanup()
    {
        _genLogThreads.Dispose();
        _zloggerThreads.Dispose();
        _writer.FlushAsync().Wait(TimeSpan.FromSeconds(30));
        _writer.Dispose();
        _zloggerFactory.Dispose();
        var (sent, dropped) = (_writer.Statistics.Sent, _writer.Statistics.Dropped);
        Console.WriteLine($"// GenLog sent {sent} (dropped {dropped}); ZLogger wrote {_stream.Lines} lines");
        if (dropped != 0 || sent != _transport.Count || (sent == 0 && _stream.Lines == 0))
        {
            throw new InvalidOperationException($"GenLog sent {sent}, dropped {dropped}, the transport received {_transport.Count}; ZLogger wrote {_stream.Lines} lines.");
        }
    }

    /// <summary>Threads made once; each <see cref="Run"/> releases them together and returns when all made their calls.</summary>
    private sealed class LoggingThreads : IDisposable
    {
        private readonly Barrier _barrier;
        private volatile bool _stopping;

        public LoggingThreads(int threads, int callsPerThread, Action call)
        {
            _barrier = new Barrier(threads + 1);
            for (var t = 0; t < threads; t++)
            {
                new Thread(() =>
                {
                    while (true)
                    {
                        _barrier.SignalAndWait();
                        if (_stopping)
                        {
                            return;
                        }

                        for (var i = 0; i < callsPerThread; i++)
                        {
                            call();
                        }

                        _barrier.SignalAndWait();
                    }
                }) { IsBackground = true, Name = "logging" }.Start();
            }
        }

        public void Run()
        {
            _barrier.SignalAndWait();
            _barrier.SignalAndWait();
        }

        public void Dispose()
        {
            _stopping = true;
            _barrier.SignalAndWait();
        }
    }
}
