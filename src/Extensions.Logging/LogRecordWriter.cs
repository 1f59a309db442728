using System;
using System.Collections.Generic;
using System.Text;
using Microsoft.Extensions.Logging;

namespace GenLog.Extensions.Logging;

/// <summary>
/// Turns one <see cref="ILogger"/> call into a GenLog message with <see cref="SyslogMessageBuilder"/>, the builder
/// the generated <c>[SyslogMessage]</c> methods use (docs/extensions-logging.md has the mapping): level →
/// severity, event → MSGID, category, event id, named values, scopes and exception → SD-PARAMs of one element,
/// the trace context → an element of its own, the formatted message → MSG. No lock: the writer's queue is the
/// only shared state.
/// </summary>
internal sealed class LogRecordWriter
{
    private readonly byte[] _sdId;
    private readonly byte[] _traceSdId;
    private readonly bool _includeScopes;

    public LogRecordWriter(SyslogWriter writer, SyslogLoggerOptions options)
    {
        Writer = writer;
        _sdId = Encoding.ASCII.GetBytes(options.StructuredDataId);
        _traceSdId = Encoding.ASCII.GetBytes(options.TraceStructuredDataId);
        _includeScopes = options.IncludeScopes;
    }

    public SyslogWriter Writer { get; }

    public IExternalScopeProvider? Scopes { get; set; }

    /// <summary>Trace and Debug are Debug; Information is Informational; the others keep their name.</summary>
    public static SyslogSeverity Severity(LogLevel level) => level switch
    {
        LogLevel.Trace or LogLevel.Debug => SyslogSeverity.Debug,
        LogLevel.Information => SyslogSeverity.Informational,
        LogLevel.Warning => SyslogSeverity.Warning,
        LogLevel.Error => SyslogSeverity.Error,
        _ => SyslogSeverity.Critical,
    };

    public void Write<TState>(string category, LogLevel level, EventId eventId, in TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var entry = LogEntry.Rent();
        try
        {
            try
            {
                entry.CaptureState(in state);
                if (_includeScopes && Scopes is { } scopes)
                {
                    entry.CaptureScopes(scopes);
                }
            }
            catch (Exception failure)
            {
                // A state's or scope's values are user code: the logging call still must not throw (MEL would rethrow it).
                Writer.ReportError(failure);
                return;
            }

            Span<byte> msgId = stackalloc byte[SyslogNaming.MaxMsgId];
            var message = new SyslogMessageBuilder(Writer, facility: null, Severity(level), appName: default, msgId[..SyslogNaming.WriteMsgId(eventId, msgId)]);
            if (message.WritesStructuredData)
            {
                WriteStructuredData(ref message, category, eventId, entry, exception);
                message.AppendTraceContext(_traceSdId);
            }
            else if (message.WritesPickle)
            {
                WritePythonEntries(ref message, category, entry, exception);
                message.AppendPythonTraceContext();
            }

            message.BeginText();
            WriteText(ref message, entry, in state, exception, formatter, Writer);
            if (exception is not null && !message.WritesStructuredData && !message.WritesPickle)
            {
                // RFC 3164 and Bare have no structured data: the exception follows the message text.
                message.AppendLiteral(" "u8);
                message.AppendExceptionDetails(exception);
            }

            message.Send();
        }
        finally
        {
            entry.Return();
        }
    }

    private void WriteStructuredData(ref SyslogMessageBuilder message, string category, EventId eventId, LogEntry entry, Exception? exception)
    {
        var values = entry.Values;
        var length = ParameterLength("category") + (eventId.Id != 0 ? ParameterLength("eventId") : 0) + (exception is null ? 0 : ParameterLength("exception"));
        foreach (var pair in values)
        {
            length += ParameterLength(pair.Key);
        }

        message.BeginStructuredData(_sdId, length);
        message.BeginParameter("category"u8);
        message.AppendString(category);
        message.EndParameter();
        if (eventId.Id != 0)
        {
            message.BeginParameter("eventId"u8);
            message.AppendUtf8Formattable(eventId.Id, null);
            message.EndParameter();
        }

        Span<byte> name = stackalloc byte[SyslogNaming.MaxSdName];
        foreach (var pair in values)
        {
            message.BeginParameter(name[..SyslogNaming.WriteSdName(pair.Key, name)]);
            message.AppendValue(pair.Value);
            message.EndParameter();
        }

        if (exception is not null)
        {
            message.BeginParameter("exception"u8);
            message.AppendExceptionDetails(exception);
            message.EndParameter();
        }

        message.EndStructuredData();
    }

    private static int ParameterLength(string name) => Math.Clamp(name.Length, 1, SyslogNaming.MaxSdName) + 4;

    private static void WritePythonEntries(ref SyslogMessageBuilder message, string category, LogEntry entry, Exception? exception)
    {
        // CPython's LogRecord: name is the logger's name, here the category.
        message.BeginPythonString("name"u8);
        message.AppendString(category);
        message.EndPythonString();
        Span<byte> key = stackalloc byte[SyslogNaming.MaxPythonKey];
        foreach (var pair in entry.Values)
        {
            PythonValues.Append(ref message, key[..SyslogNaming.WritePythonKey(pair.Key, key)], pair.Value);
        }

        if (exception is not null)
        {
            message.BeginPythonString("exc_text"u8);
            message.AppendExceptionDetails(exception);
            message.EndPythonString();
        }
    }

    private static void WriteText<TState>(ref SyslogMessageBuilder message, LogEntry entry, in TState state, Exception? exception, Func<TState, Exception?, string> formatter, SyslogWriter writer)
    {
        if (entry.Template is { } template && MessageTemplates.Parse(template) is { } parts && TryWriteTemplate(ref message, parts, entry))
        {
            return;
        }

        // No template, or one MEL reads differently (positional holes, names the parser does not take): its own text.
        string text;
        try
        {
            text = formatter(state, exception);
        }
        catch (Exception failure)
        {
            writer.ReportError(failure);
            message.AppendLiteral("(error)"u8);
            return;
        }

        message.AppendString(text);
    }

    private static bool TryWriteTemplate(ref SyslogMessageBuilder message, TemplatePart[] parts, LogEntry entry)
    {
        var values = entry.Values[..entry.StateCount];
        var placeholder = 0;
        foreach (var part in parts)
        {
            if (part.IsPlaceholder && Find(values, part.Text, placeholder) < 0)
            {
                return false;
            }

            placeholder += part.IsPlaceholder ? 1 : 0;
        }

        placeholder = 0;
        foreach (var part in parts)
        {
            if (!part.IsPlaceholder)
            {
                message.AppendChars(part.Text);
                continue;
            }

            var start = message.Position;
            message.AppendValue(values[Find(values, part.Text, placeholder)].Value, part.Format);
            if (part.Alignment is { } alignment)
            {
                message.Align(start, alignment);
            }

            placeholder++;
        }

        return true;
    }

    /// <summary>MEL binds placeholders by position; the name is checked, and searched for when the order differs.</summary>
    private static int Find(ReadOnlySpan<KeyValuePair<string, object?>> values, string name, int position)
    {
        if (position < values.Length && string.Equals(values[position].Key, name, StringComparison.Ordinal))
        {
            return position;
        }

        for (var i = 0; i < values.Length; i++)
        {
            if (string.Equals(values[i].Key, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
