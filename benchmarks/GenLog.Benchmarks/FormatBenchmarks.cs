using System.Net;
using BenchmarkDotNet.Attributes;
using GenLog.TestSupport;

namespace GenLog.Benchmarks;

/// <summary>One call of the generated method per format, into a null transport on the caller's thread.</summary>
[MemoryDiagnoser]
public class FormatBenchmarks
{
    private static readonly IPAddress Address = IPAddress.Parse("192.0.2.7");
    private SyslogWriter _rfc5424 = null!;
    private SyslogWriter _rfc3164 = null!;
    private SyslogWriter _bare = null!;
    private SyslogWriter _disabled = null!;

    [GlobalSetup]
    public void Setup()
    {
        _rfc5424 = Writer(SyslogFormat.Rfc5424);
        _rfc3164 = Writer(SyslogFormat.Rfc3164);
        _bare = Writer(SyslogFormat.Bare);
        _disabled = Writer(SyslogFormat.Rfc5424);
        _disabled.MinimumSeverity = SyslogSeverity.Error;
    }

    [Benchmark(Baseline = true)]
    public void Rfc5424() => BenchmarkLog.FailedPassword(_rfc5424, "root", Address, 22);

    [Benchmark]
    public void Rfc3164() => BenchmarkLog.FailedPassword(_rfc3164, "root", Address, 22);

    [Benchmark]
    public void Bare() => BenchmarkLog.FailedPassword(_bare, "root", Address, 22);

    [Benchmark]
    public void Disabled() => BenchmarkLog.FailedPassword(_disabled, "root", Address, 22);

    private static SyslogWriter Writer(SyslogFormat format) =>
        new(new NullTransport(), new SyslogWriterOptions { Format = format, Synchronous = true, HostName = "host", ProcId = "4242" });
}
