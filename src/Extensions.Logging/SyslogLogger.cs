using System;
using Microsoft.Extensions.Logging;

namespace GenLog.Extensions.Logging;

/// <summary>One category's logger: checks the level, then hands the call to the provider's <see cref="LogRecordWriter"/>.</summary>
internal sealed class SyslogLogger(string category, LogRecordWriter records) : ILogger
{
    public bool IsEnabled(LogLevel logLevel) =>
        logLevel is >= LogLevel.Trace and < LogLevel.None && records.Writer.IsEnabled(LogRecordWriter.Severity(logLevel));

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => records.Scopes?.Push(state);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            records.Write(category, logLevel, eventId, in state, exception, formatter);
        }
    }
}
