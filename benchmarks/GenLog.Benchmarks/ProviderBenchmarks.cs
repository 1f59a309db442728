using System;
using System.Net;
using BenchmarkDotNet.Attributes;
using GenLog.Benchmarks.Contenders;
using GenLog.Extensions.Logging;
using GenLog.TestSupport;
using Microsoft.Extensions.Logging;

namespace GenLog.Benchmarks;

/// <summary>
/// The same [LoggerMessage] call (string, IPAddress, int) through <see cref="ILogger"/> into each contender's
/// synchronous null sink: GenLog's provider (AddSyslog's), ZLogger's provider (prefix formatter), Serilog
/// (Serilog.Extensions.Logging and a minimal RFC 5424 sink), NLog (NLog.Extensions.Logging and a minimal RFC 5424
/// target) and a provider that formats with MEL's own string formatting. Each writes the same RFC 5424 line, checked
/// in the setup; GenLogProviderWithSd also sends the provider's structured data (category, event id, the values).
/// </summary>
[MemoryDiagnoser]
public class ProviderBenchmarks
{
    private static readonly IPAddress Address = IPAddress.Parse("192.0.2.7");

    private readonly NullTransport _genLogTransport = new();
    private readonly NullTransport _genLogSdTransport = new();
    private readonly NullTransport _methodTransport = new();
    private readonly NullTransport _bareLoggerTransport = new();
    private readonly NullByteSink _zloggerSink = new();
    private readonly NullByteSink _serilogSink = new();
    private readonly NullByteSink _nlogSink = new();
    private readonly NullByteSink _melSink = new();

    private ILoggerFactory[] _factories = [];
    private ILogger _genLog = null!;
    private ILogger _genLogSd = null!;
    private ILogger _zlogger = null!;
    private ILogger _serilog = null!;
    private ILogger _nlog = null!;
    private ILogger _mel = null!;
    private ILogger _bareLogger = null!;
    private SyslogWriter _methodWriter = null!;

    [GlobalSetup]
    public void Setup()
    {
        var genLog = GenLogFactory(_genLogTransport, structuredData: false);
        var genLogSd = GenLogFactory(_genLogSdTransport, structuredData: true);
        var zlogger = ZLoggerSyslog.CreateFactory(_zloggerSink, LogLevel.Trace);
        var serilog = SerilogSyslog.CreateFactory(_serilogSink);
        var nlog = NLogSyslog.CreateFactory(_nlogSink);
        var mel = LoggerFactory.Create(logging =>
        {
            logging.ClearProviders();
            logging.SetMinimumLevel(LogLevel.Trace);
            logging.AddProvider(new StringSyslogLoggerProvider(_melSink));
        });
        _factories = [genLog, genLogSd, zlogger, serilog, nlog, mel];
        _genLog = genLog.CreateLogger(SyslogLine.App);
        _genLogSd = genLogSd.CreateLogger(SyslogLine.App);
        _zlogger = zlogger.CreateLogger(SyslogLine.App);
        _serilog = serilog.CreateLogger(SyslogLine.App);
        _nlog = nlog.CreateLogger(SyslogLine.App);
        _mel = mel.CreateLogger(SyslogLine.App);
        _methodWriter = Writer(_methodTransport);
        _bareLogger = new SyslogLoggerProvider(Writer(_bareLoggerTransport), NoStructuredData()).CreateLogger(SyslogLine.App);
        PrintSampleLines();
    }

    [Benchmark(Baseline = true)]
    public void GenLogProvider() => LoggerMessageLog.FailedPassword(_genLog, "root", Address, 22);

    /// <summary>The same line from a [SyslogMessage] method: what the MEL pipeline costs on top.</summary>
    [Benchmark]
    public void SyslogMessageMethod() => BenchmarkLog.FailedPassword(_methodWriter, "root", Address, 22);

    /// <summary>GenLog's logger called without MEL's LoggerFactory around it: the provider's own cost.</summary>
    [Benchmark]
    public void GenLogLoggerWithoutFactory() => LoggerMessageLog.FailedPassword(_bareLogger, "root", Address, 22);

    [Benchmark]
    public void GenLogProviderWithSd() => LoggerMessageLog.FailedPassword(_genLogSd, "root", Address, 22);

    [Benchmark]
    public void ZLoggerProvider() => LoggerMessageLog.FailedPassword(_zlogger, "root", Address, 22);

    [Benchmark]
    public void Serilog() => LoggerMessageLog.FailedPassword(_serilog, "root", Address, 22);

    [Benchmark]
    public void NLog() => LoggerMessageLog.FailedPassword(_nlog, "root", Address, 22);

    [Benchmark]
    public void MelStringFormatting() => LoggerMessageLog.FailedPassword(_mel, "root", Address, 22);

    [GlobalCleanup]
    public void Cleanup()
    {
        var received = _genLogTransport.Count + _genLogSdTransport.Count + _methodTransport.Count + _bareLoggerTransport.Count + _zloggerSink.Messages + _serilogSink.Messages + _nlogSink.Messages + _melSink.Messages;
        foreach (var factory in _factories)
        {
            factory.Dispose();
        }

        // Each benchmark runs in its own process and calls one contender: nothing received means its work was skipped.
        if (received == 0)
        {
            throw new InvalidOperationException("No contender's sink received anything.");
        }

        Console.WriteLine($"// The sinks received {received} messages.");
    }

    /// <summary>GenLog's provider into a synchronous writer with the header every contender writes (facility Auth).</summary>
    private static ILoggerFactory GenLogFactory(ISyslogTransport transport, bool structuredData)
    {
        var writer = Writer(transport);
        var options = structuredData ? new SyslogLoggerOptions() : NoStructuredData();
        return LoggerFactory.Create(logging =>
        {
            logging.ClearProviders();
            logging.SetMinimumLevel(LogLevel.Trace);
            logging.AddProvider(new SyslogLoggerProvider(writer, options));
        });
    }

    private static SyslogWriter Writer(ISyslogTransport transport) => new(transport, new SyslogWriterOptions
    {
        Synchronous = true, HostName = SyslogLine.Host, AppName = SyslogLine.App, ProcId = SyslogLine.ProcId, DefaultFacility = SyslogFacility.Auth,
    });

    private static SyslogLoggerOptions NoStructuredData() => new() { StructuredDataId = string.Empty, TraceStructuredDataId = string.Empty };

    /// <summary>One line from each contender, checked against the expected line (timestamp aside) and printed.</summary>
    private void PrintSampleLines()
    {
        var capture = new CapturingTransport();
        using (var factory = GenLogFactory(capture, structuredData: false))
        {
            LoggerMessageLog.FailedPassword(factory.CreateLogger(SyslogLine.App), "root", Address, 22);
        }

        var withSd = new CapturingTransport();
        using (var factory = GenLogFactory(withSd, structuredData: true))
        {
            LoggerMessageLog.FailedPassword(factory.CreateLogger(SyslogLine.App), "root", Address, 22);
        }

        Console.WriteLine("// Sample lines (one per contender, checked equal apart from the timestamp):");
        Print("GenLog", SyslogLine.Check("GenLog", capture.Last));
        Print("ZLogger", SyslogLine.Check("ZLogger", _zloggerSink.Sample(ZLoggerProvider)));
        Print("Serilog", SyslogLine.Check("Serilog", _serilogSink.Sample(Serilog)));
        Print("NLog", SyslogLine.Check("NLog", _nlogSink.Sample(NLog)));
        Print("MEL string", SyslogLine.Check("MEL string", _melSink.Sample(MelStringFormatting)));
        Print("GenLog + SD", System.Text.Encoding.UTF8.GetString(withSd.Last!).Replace(SyslogLine.Bom, "<BOM>", StringComparison.Ordinal));

        static void Print(string contender, string line) => Console.WriteLine($"//   {contender,-14}{line}");
    }
}
