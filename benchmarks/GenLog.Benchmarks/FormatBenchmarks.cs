using System;
using System.Net;
using BenchmarkDotNet.Attributes;
using GenLog.Benchmarks.Contenders;
using GenLog.TestSupport;
using Microsoft.Extensions.Logging;

namespace GenLog.Benchmarks;

/// <summary>
/// One call per contender of docs/performance.md, side by side so the Ratio column compares them in one run: GenLog's
/// generated method per format, ZLogger's [ZLoggerMessage], [LoggerMessage] with a string-based syslog
/// provider, and plain string interpolation. All format the same RFC 5424 line (facility Auth, Warning, the
/// same header and arguments) on the caller's thread into a null sink, which counts what it receives.
/// </summary>
[MemoryDiagnoser]
public class FormatBenchmarks
{
    private static readonly IPAddress Address = IPAddress.Parse("192.0.2.7");

    private readonly NullTransport _rfc5424Transport = new();
    private readonly NullTransport _queuedTransport = new();
    private readonly NullTransport _millisecondsTransport = new();
    private readonly NullTransport _queuedMillisecondsTransport = new();
    private readonly NullTransport _rfc3164Transport = new();
    private readonly NullTransport _bareTransport = new();
    private readonly NullTransport _disabledTransport = new();
    private readonly NullByteSink _zloggerSink = new();
    private readonly NullByteSink _zloggerDisabledSink = new();
    private readonly NullByteSink _loggerMessageSink = new();
    private readonly NullByteSink _loggerMessageDisabledSink = new();
    private readonly NullByteSink _naiveSink = new();

    private SyslogWriter _rfc5424 = null!;
    private SyslogWriter _queued = null!;
    private SyslogWriter _milliseconds = null!;
    private SyslogWriter _queuedMilliseconds = null!;
    private SyslogWriter _rfc3164 = null!;
    private SyslogWriter _bare = null!;
    private SyslogWriter _disabled = null!;
    private ILoggerFactory _zloggerFactory = null!;
    private ILoggerFactory _zloggerDisabledFactory = null!;
    private ILoggerFactory _loggerMessageFactory = null!;
    private ILoggerFactory _loggerMessageDisabledFactory = null!;
    private ILogger _zlogger = null!;
    private ILogger _zloggerDisabled = null!;
    private ILogger _loggerMessage = null!;
    private ILogger _loggerMessageDisabled = null!;

    [GlobalSetup]
    public void Setup()
    {
        _rfc5424 = Writer(_rfc5424Transport, SyslogFormat.Rfc5424);
        _rfc3164 = Writer(_rfc3164Transport, SyslogFormat.Rfc3164);

        // The default delivery: the call enqueues and the background sender drains into the null transport.
        // Block, so that a sender falling behind slows the calls down instead of making them cheap drops.
        _queued = new SyslogWriter(_queuedTransport, new SyslogWriterOptions { HostName = "host", ProcId = "4242", Overflow = SyslogOverflow.Block });

        // The same two with the opt-in coarse clock (TimestampPrecision.Milliseconds, docs/formats.md "Timestamps").
        _milliseconds = new SyslogWriter(_millisecondsTransport, new SyslogWriterOptions { Synchronous = true, HostName = "host", ProcId = "4242", TimestampPrecision = TimestampPrecision.Milliseconds });
        _queuedMilliseconds = new SyslogWriter(_queuedMillisecondsTransport, new SyslogWriterOptions { HostName = "host", ProcId = "4242", Overflow = SyslogOverflow.Block, TimestampPrecision = TimestampPrecision.Milliseconds });
        _bare = Writer(_bareTransport, SyslogFormat.Bare);
        _disabled = Writer(_disabledTransport, SyslogFormat.Rfc5424);
        _disabled.MinimumSeverity = SyslogSeverity.Error;

        // The disabled contenders: Warning below an Error minimum, as GenLog's Disabled.
        _zloggerFactory = ZLoggerSyslog.CreateFactory(_zloggerSink, LogLevel.Trace);
        _zloggerDisabledFactory = ZLoggerSyslog.CreateFactory(_zloggerDisabledSink, LogLevel.Error);
        _loggerMessageFactory = StringSyslogFactory(_loggerMessageSink, LogLevel.Trace);
        _loggerMessageDisabledFactory = StringSyslogFactory(_loggerMessageDisabledSink, LogLevel.Error);
        _zlogger = _zloggerFactory.CreateLogger(SyslogLine.App);
        _zloggerDisabled = _zloggerDisabledFactory.CreateLogger(SyslogLine.App);
        _loggerMessage = _loggerMessageFactory.CreateLogger(SyslogLine.App);
        _loggerMessageDisabled = _loggerMessageDisabledFactory.CreateLogger(SyslogLine.App);

        PrintSampleLines();
    }

    [Benchmark(Baseline = true)]
    public void Rfc5424() => BenchmarkLog.FailedPassword(_rfc5424, "root", Address, 22);

    [Benchmark]
    public void Rfc5424Queued() => BenchmarkLog.FailedPassword(_queued, "root", Address, 22);

    [Benchmark]
    public void Rfc5424Milliseconds() => BenchmarkLog.FailedPassword(_milliseconds, "root", Address, 22);

    [Benchmark]
    public void Rfc5424QueuedMilliseconds() => BenchmarkLog.FailedPassword(_queuedMilliseconds, "root", Address, 22);

    [Benchmark]
    public void Rfc3164() => BenchmarkLog.FailedPassword(_rfc3164, "root", Address, 22);

    [Benchmark]
    public void Bare() => BenchmarkLog.FailedPassword(_bare, "root", Address, 22);

    [Benchmark]
    public void Disabled() => BenchmarkLog.FailedPassword(_disabled, "root", Address, 22);

    [Benchmark]
    public void ZLoggerMessage() => ZLoggerLog.FailedPassword(_zlogger, "root", Address, 22);

    [Benchmark]
    public void ZLoggerDisabled() => ZLoggerLog.FailedPassword(_zloggerDisabled, "root", Address, 22);

    [Benchmark]
    public void LoggerMessage() => LoggerMessageLog.FailedPassword(_loggerMessage, "root", Address, 22);

    [Benchmark]
    public void LoggerMessageDisabled() => LoggerMessageLog.FailedPassword(_loggerMessageDisabled, "root", Address, 22);

    [Benchmark]
    public void NaiveString() => NaiveSyslog.FailedPassword(_naiveSink, "root", Address, 22);

    // Each benchmark runs in its own process: its cleanup checks that its sink received the bytes (or,
    // disabled, nothing at all), so a contender whose work was skipped fails instead of looking fast.
    [GlobalCleanup(Targets = [nameof(Rfc5424)])]
    public void CleanupRfc5424() => Cleanup(nameof(Rfc5424), _rfc5424Transport.Count, expectMessages: true);

    [GlobalCleanup(Targets = [nameof(Rfc5424Queued)])]
    public void CleanupRfc5424Queued() => CleanupQueued(nameof(Rfc5424Queued), _queued, _queuedTransport);

    [GlobalCleanup(Targets = [nameof(Rfc5424Milliseconds)])]
    public void CleanupRfc5424Milliseconds() => Cleanup(nameof(Rfc5424Milliseconds), _millisecondsTransport.Count, expectMessages: true);

    [GlobalCleanup(Targets = [nameof(Rfc5424QueuedMilliseconds)])]
    public void CleanupRfc5424QueuedMilliseconds() => CleanupQueued(nameof(Rfc5424QueuedMilliseconds), _queuedMilliseconds, _queuedMillisecondsTransport);

    [GlobalCleanup(Targets = [nameof(Rfc3164)])]
    public void CleanupRfc3164() => Cleanup(nameof(Rfc3164), _rfc3164Transport.Count, expectMessages: true);

    [GlobalCleanup(Targets = [nameof(Bare)])]
    public void CleanupBare() => Cleanup(nameof(Bare), _bareTransport.Count, expectMessages: true);

    [GlobalCleanup(Targets = [nameof(Disabled)])]
    public void CleanupDisabled() => Cleanup(nameof(Disabled), _disabledTransport.Count, expectMessages: false);

    [GlobalCleanup(Targets = [nameof(ZLoggerMessage)])]
    public void CleanupZLoggerMessage() => Cleanup(nameof(ZLoggerMessage), _zloggerSink.Messages, expectMessages: true);

    [GlobalCleanup(Targets = [nameof(ZLoggerDisabled)])]
    public void CleanupZLoggerDisabled() => Cleanup(nameof(ZLoggerDisabled), _zloggerDisabledSink.Messages, expectMessages: false);

    [GlobalCleanup(Targets = [nameof(LoggerMessage)])]
    public void CleanupLoggerMessage() => Cleanup(nameof(LoggerMessage), _loggerMessageSink.Messages, expectMessages: true);

    [GlobalCleanup(Targets = [nameof(LoggerMessageDisabled)])]
    public void CleanupLoggerMessageDisabled() =>
        Cleanup(nameof(LoggerMessageDisabled), _loggerMessageDisabledSink.Messages, expectMessages: false);

    [GlobalCleanup(Targets = [nameof(NaiveString)])]
    public void CleanupNaiveString() => Cleanup(nameof(NaiveString), _naiveSink.Messages, expectMessages: true);

    private static SyslogWriter Writer(ISyslogTransport transport, SyslogFormat format) =>
        new(transport, new SyslogWriterOptions { Format = format, Synchronous = true, HostName = "host", ProcId = "4242" });

    private static ILoggerFactory StringSyslogFactory(NullByteSink sink, LogLevel minimum) =>
        LoggerFactory.Create(logging =>
        {
            logging.ClearProviders();
            logging.SetMinimumLevel(minimum);
            logging.AddProvider(new StringSyslogLoggerProvider(sink));
        });

    /// <summary>
    /// One line from each RFC 5424 contender, checked against the expected line (timestamp aside) and printed,
    /// so the log shows they send the same bytes. Outside the timed code; the sinks' counts are reset after.
    /// </summary>
    private void PrintSampleLines()
    {
        var genLogTransport = new CapturingTransport();
        using (var genLog = Writer(genLogTransport, SyslogFormat.Rfc5424))
        {
            BenchmarkLog.FailedPassword(genLog, "root", Address, 22);
        }

        Console.WriteLine("// Sample lines (one per contender, checked equal apart from the timestamp):");
        Print("GenLog", SyslogLine.Check("GenLog", genLogTransport.Last));
        Print("ZLogger", SyslogLine.Check("ZLogger", _zloggerSink.Sample(ZLoggerMessage)));
        Print("LoggerMessage", SyslogLine.Check("LoggerMessage", _loggerMessageSink.Sample(LoggerMessage)));
        Print("NaiveString", SyslogLine.Check("NaiveString", _naiveSink.Sample(NaiveString)));
        if (_zloggerDisabledSink.Sample(ZLoggerDisabled) is not null || _loggerMessageDisabledSink.Sample(LoggerMessageDisabled) is not null)
        {
            throw new InvalidOperationException("A disabled contender sent a message.");
        }

        static void Print(string contender, string line) => Console.WriteLine($"//   {contender,-14}{line}");
    }

    /// <summary>A queued writer's cleanup: its sink received messages, and it dropped none (Block, so a slow sender slows the calls).</summary>
    private void CleanupQueued(string benchmark, SyslogWriter writer, NullTransport transport)
    {
        var dropped = writer.Statistics.Dropped;
        Cleanup(benchmark, transport.Count, expectMessages: true);
        if (dropped != 0)
        {
            throw new InvalidOperationException($"{benchmark}: {dropped} messages were dropped.");
        }
    }

    private void Cleanup(string benchmark, long received, bool expectMessages)
    {
        _rfc5424.Dispose();
        _queued.Dispose();
        _milliseconds.Dispose();
        _queuedMilliseconds.Dispose();
        _rfc3164.Dispose();
        _bare.Dispose();
        _disabled.Dispose();
        _zloggerFactory.Dispose();
        _zloggerDisabledFactory.Dispose();
        _loggerMessageFactory.Dispose();
        _loggerMessageDisabledFactory.Dispose();
        if ((received > 0) != expectMessages)
        {
            throw new InvalidOperationException(
                expectMessages ? $"{benchmark}: its sink received nothing." : $"{benchmark}: a disabled call reached its sink ({received}).");
        }

        Console.WriteLine($"// {benchmark}: its sink received {received} messages, as expected.");
    }
}
