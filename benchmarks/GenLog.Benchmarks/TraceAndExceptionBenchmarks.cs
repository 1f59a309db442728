using System;
using System.Diagnostics;
using System.Net;
using BenchmarkDotNet.Attributes;
using GenLog.TestSupport;

namespace GenLog.Benchmarks;

/// <summary>
/// What the trace context and an exception add to the RFC 5424 call of <see cref="FormatBenchmarks"/>
/// (docs/formats.md, "Exceptions", "Trace context"): the same template, on the caller's thread into a null transport.
/// </summary>
[MemoryDiagnoser]
public class TraceAndExceptionBenchmarks
{
    private static readonly IPAddress Address = IPAddress.Parse("192.0.2.7");

    private SyslogWriter _plain = null!;
    private SyslogWriter _traced = null!;
    private SyslogWriter _typeAndMessage = null!;
    private Activity _activity = null!;
    private Exception _error = null!;

    [GlobalSetup]
    public void Setup()
    {
        _plain = Writer(o => { });
        _traced = Writer(o => o.TraceContext = true);
        _typeAndMessage = Writer(o => o.ExceptionFormat = ExceptionFormat.TypeAndMessage);
        _error = ThrownExceptions.Thrown();

        // Activity.Current flows to the benchmark's calls on this thread.
        _activity = new Activity("request").SetIdFormat(ActivityIdFormat.W3C).Start();
    }

    [GlobalCleanup]
    public void Cleanup() => _activity.Stop();

    [Benchmark(Baseline = true)]
    public void Plain() => BenchmarkLog.FailedPassword(_plain, "root", Address, 22);

    [Benchmark]
    public void TraceContext() => BenchmarkLog.FailedPassword(_traced, "root", Address, 22);

    [Benchmark]
    public void ExceptionTypeAndMessage() => BenchmarkLog.LoginFailed(_typeAndMessage, "root", Address, 22, _error);

    [Benchmark]
    public void ExceptionFull() => BenchmarkLog.LoginFailed(_plain, "root", Address, 22, _error);

    private static SyslogWriter Writer(Action<SyslogWriterOptions> configure)
    {
        var options = new SyslogWriterOptions { Synchronous = true, HostName = "host", ProcId = "4242" };
        configure(options);
        return new SyslogWriter(new NullTransport(), options);
    }
}
