using Microsoft.Extensions.Logging;
using NLog;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;
using NLog.Config;
using NLog.Extensions.Logging;
using NLog.Targets;

namespace GenLog.Benchmarks.Contenders;

/// <summary>A minimal synchronous NLog target writing the RFC 5424 line; MSG is its layout, <c>${message}</c>.</summary>
public sealed class NLogRfc5424Target : TargetWithLayout
{
    private readonly Rfc5424Text _line;

    public NLogRfc5424Target(NullByteSink sink)
    {
        _line = new Rfc5424Text(sink);
        Layout = "${message}";
    }

    protected override void Write(LogEventInfo logEvent)
    {
        var text = _line.Begin(Level(logEvent.Level), logEvent.TimeStamp, EventName(logEvent));
        Layout.Render(logEvent, text);
        _line.Send();
    }

    private static LogLevel Level(NLog.LogLevel level) =>
        level == NLog.LogLevel.Trace ? LogLevel.Trace
        : level == NLog.LogLevel.Debug ? LogLevel.Debug
        : level == NLog.LogLevel.Info ? LogLevel.Information
        : level == NLog.LogLevel.Warn ? LogLevel.Warning
        : level == NLog.LogLevel.Error ? LogLevel.Error
        : LogLevel.Critical;

    /// <summary>NLog.Extensions.Logging captures MEL's EventId name as the event property <c>EventName</c>.</summary>
    private static string? EventName(LogEventInfo logEvent) =>
        logEvent.HasProperties && logEvent.Properties.TryGetValue("EventName", out var name) ? name as string : null;
}

public static class NLogSyslog
{
    /// <summary>A logger factory whose only provider is NLog (NLog.Extensions.Logging) into the RFC 5424 target.</summary>
    public static ILoggerFactory CreateFactory(NullByteSink sink)
    {
        var configuration = new LoggingConfiguration();
        configuration.AddRuleForAllLevels(new NLogRfc5424Target(sink));
        var nlog = new LogFactory { Configuration = configuration };
        return LoggerFactory.Create(logging =>
        {
            logging.ClearProviders();
            logging.SetMinimumLevel(LogLevel.Trace);
            logging.AddProvider(new NLogLoggerProvider(new NLogProviderOptions(), nlog));
        });
    }
}
