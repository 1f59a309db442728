using System.Net;
using BenchmarkDotNet.Attributes;
using GenLog.TestSupport;

namespace GenLog.Benchmarks;

/// <summary>
/// One Python record (the pickle PythonSocketTransport frames) built per call, to compare with CPython's
/// SocketHandler.makePickle + send for the same record (benchmarks/python/makepickle_rate.py).
/// </summary>
[MemoryDiagnoser]
public class PythonBenchmarks
{
    private static readonly IPAddress Address = IPAddress.Parse("192.0.2.7");
    private SyslogWriter _writer = null!;

    [GlobalSetup]
    public void Setup() =>
        _writer = new SyslogWriter(new NullPythonTransport(), new SyslogWriterOptions { Synchronous = true });

    [Benchmark]
    public void PickleRecord() => BenchmarkLog.FailedPassword(_writer, "root", Address, 22);
}
