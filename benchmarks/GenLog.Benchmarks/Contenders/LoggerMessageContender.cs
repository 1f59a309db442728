using System;
using System.Net;
using System.Text;
using Microsoft.Extensions.Logging;

namespace GenLog.Benchmarks.Contenders;

/// <summary>The same message through Microsoft.Extensions.Logging's own generator.</summary>
public static partial class LoggerMessageLog
{
    [LoggerMessage(EventId = 1, EventName = SyslogLine.MsgId, Level = LogLevel.Warning, Message = "Failed password for {User} from {Address} port {Port}")]
    public static partial void FailedPassword(ILogger logger, string user, IPAddress address, int port);
}

/// <summary>
/// A minimal syslog provider as users write it today: the RFC 5424 line built as a string, then encoded.
/// Registered in a LoggerFactory, so the call goes through the factory's logger as in an application.
/// </summary>
public sealed class StringSyslogLoggerProvider(NullByteSink sink) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new StringSyslogLogger(sink);

    public void Dispose()
    {
    }
}

public sealed class StringSyslogLogger(NullByteSink sink) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        var line = $"<{SyslogLine.Priority(logLevel)}>1 {DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ss.ffffffZ} {SyslogLine.Host} {SyslogLine.App} {SyslogLine.ProcId} {eventId.Name ?? "-"} - {SyslogLine.Bom}{formatter(state, exception)}";
        sink.Send(Encoding.UTF8.GetBytes(line));
    }
}
