using System.IO;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Extensions.Logging;
using Serilog.Formatting.Display;

namespace GenLog.Benchmarks.Contenders;

/// <summary>A minimal synchronous Serilog sink writing the RFC 5424 line; MSG rendered with literal strings (<c>{Message:l}</c>).</summary>
public sealed class SerilogRfc5424Sink(NullByteSink sink) : ILogEventSink
{
    private readonly Rfc5424Text _line = new(sink);
    private readonly MessageTemplateTextFormatter _message = new("{Message:l}");

    public void Emit(LogEvent logEvent)
    {
        var text = _line.Begin(Level(logEvent.Level), logEvent.Timestamp, EventName(logEvent));
        using (var writer = new StringWriter(text))
        {
            _message.Format(logEvent, writer);
        }

        _line.Send();
    }

    private static LogLevel Level(LogEventLevel level) => level switch
    {
        LogEventLevel.Verbose => LogLevel.Trace,
        LogEventLevel.Debug => LogLevel.Debug,
        LogEventLevel.Information => LogLevel.Information,
        LogEventLevel.Warning => LogLevel.Warning,
        LogEventLevel.Error => LogLevel.Error,
        _ => LogLevel.Critical,
    };

    /// <summary>Serilog.Extensions.Logging puts MEL's EventId in a structure property <c>EventId { Id, Name }</c>.</summary>
    private static string? EventName(LogEvent logEvent)
    {
        if (logEvent.Properties.TryGetValue("EventId", out var value) && value is StructureValue structure)
        {
            foreach (var property in structure.Properties)
            {
                if (property.Name == "Name" && property.Value is ScalarValue { Value: string name })
                {
                    return name;
                }
            }
        }

        return null;
    }
}

public static class SerilogSyslog
{
    /// <summary>A logger factory whose only provider is Serilog (Serilog.Extensions.Logging) into the RFC 5424 sink.</summary>
    public static ILoggerFactory CreateFactory(NullByteSink sink) =>
        LoggerFactory.Create(logging =>
        {
            logging.ClearProviders();
            logging.SetMinimumLevel(LogLevel.Trace);
            var serilog = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(new SerilogRfc5424Sink(sink)).CreateLogger();
            logging.AddProvider(new SerilogLoggerProvider(serilog, dispose: true));
        });
}
