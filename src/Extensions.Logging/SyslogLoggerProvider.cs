using System;
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace GenLog.Extensions.Logging;

/// <summary>
/// A Microsoft.Extensions.Logging provider that writes every log call through a <see cref="SyslogWriter"/>: the
/// same formatting, escaping, truncation, queue and connection as GenLog's <c>[SyslogMessage]</c> methods.
/// Usually added with <c>builder.Logging.AddSyslog()</c>; the writer belongs to whoever created it (the service
/// container, with <c>AddSyslog</c>), so disposing the provider does not close it.
/// </summary>
[ProviderAlias("Syslog")]
public sealed class SyslogLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentDictionary<string, SyslogLogger> _loggers = new(StringComparer.Ordinal);
    private readonly LogRecordWriter _records;

    /// <summary>Creates a provider that logs through <paramref name="writer"/>.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidOperationException">An SD-ID in <paramref name="options"/> is not valid (RFC 5424 §6.3.2).</exception>
    public SyslogLoggerProvider(SyslogWriter writer, SyslogLoggerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(options);
        SyslogConfiguration.CheckStructuredDataIds(options);
        Writer = writer;
        _records = new LogRecordWriter(writer, options);
    }

    /// <summary>The writer every logger of this provider sends through.</summary>
    public SyslogWriter Writer { get; }

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) =>
        _loggers.GetOrAdd(categoryName ?? string.Empty, static (name, records) => new SyslogLogger(name, records), _records);

    /// <inheritdoc />
    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _records.Scopes = scopeProvider;

    /// <inheritdoc />
    public void Dispose() => _loggers.Clear();
}
