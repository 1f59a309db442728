using System;
using System.Text;
using Microsoft.Extensions.Logging;

namespace GenLog.Extensions.Logging;

/// <summary>
/// Turns one <see cref="ILogger"/> call into a GenLog message with <see cref="SyslogMessageBuilder"/>, the builder
/// the generated <c>[SyslogMessage]</c> methods use (docs/extensions-logging.md has the mapping): level →
/// severity, event → MSGID, category, event id, named values, scopes and exception → SD-PARAMs of one element,
/// the trace context → an element of its own (the provider's, or the writer's with SyslogWriterOptions.TraceContext), the formatted message → MSG. No lock: the writer's queue is the
/// only shared state.
/// </summary>
internal sealed class LogRecordWriter
{
    private readonly byte[] _sdId;
    private readonly byte[] _traceSdId;
    private readonly bool _includeScopes;
    private readonly bool _writerTraces;

    public LogRecordWriter(SyslogWriter writer, SyslogLoggerOptions options)
    {
        Writer = writer;
        _sdId = Encoding.ASCII.GetBytes(options.StructuredDataId ?? string.Empty);
        _traceSdId = Encoding.ASCII.GetBytes(options.TraceStructuredDataId ?? string.Empty);
        _includeScopes = options.IncludeScopes;

        // The writer's own TraceContext option writes the trace context of every message already: not twice.
        _writerTraces = writer.Layout.TraceContext;
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
        if (DefineStates.For<TState>() is { } typed)
        {
            typed.Write(this, category, level, eventId, in state, exception, formatter);
            return;
        }

        WriteBoxed(category, level, eventId, in state, exception, formatter);
    }

    /// <summary>Any state: its values are read once through its <c>IReadOnlyList</c> (boxed, as MEL hands them out).</summary>
    public void WriteBoxed<TState>(string category, LogLevel level, EventId eventId, in TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var entry = LogEntry.Rent();
        try
        {
            try
            {
                entry.CaptureState(in state);
            }
            catch (Exception failure)
            {
                // A state's values are user code: the logging call still must not throw (MEL would rethrow it).
                Writer.ReportError(failure);
                return;
            }

            var values = new EntryValues(entry);
            var template = TemplateStates<TState>.RendersTemplate && entry.Template is { } text ? MessageTemplates.Parse(text) : null;
            Compose(category, level, eventId, in state, exception, formatter, ref values, template, entry);
        }
        finally
        {
            entry.Return();
        }
    }

    /// <summary>A state whose values are read typed, without boxing (<see cref="DefineStates"/>).</summary>
    public void WriteTyped<TState, TValues>(string category, LogLevel level, EventId eventId, in TState state, Exception? exception, Func<TState, Exception?, string> formatter, ref TValues values, MessageTemplate template)
        where TValues : struct, IStateValues
    {
        var entry = LogEntry.Rent();
        try
        {
            Compose(category, level, eventId, in state, exception, formatter, ref values, template, entry);
        }
        finally
        {
            entry.Return();
        }
    }

    private void Compose<TState, TValues>(string category, LogLevel level, EventId eventId, in TState state, Exception? exception, Func<TState, Exception?, string> formatter, ref TValues values, MessageTemplate? template, LogEntry entry)
        where TValues : struct, IStateValues
    {
        if (_includeScopes && Scopes is { } scopes)
        {
            try
            {
                entry.CaptureScopes(scopes);
            }
            catch (Exception failure)
            {
                Writer.ReportError(failure);
                return;
            }
        }

        Span<byte> msgId = stackalloc byte[SyslogNaming.MaxMsgId];
        var message = new SyslogMessageBuilder(Writer, facility: null, Severity(level), appName: default, msgId[..SyslogNaming.WriteMsgId(eventId, msgId)]);
        if (message.WritesStructuredData)
        {
            if (_sdId.Length > 0)
            {
                WriteStructuredData(ref message, category, eventId, ref values, entry);
            }

            if (_traceSdId.Length > 0 && !_writerTraces)
            {
                message.AppendTraceContext(_traceSdId);
            }
        }
        else if (message.WritesPickle)
        {
            WritePythonEntries(ref message, category, ref values, entry);
            if (!_writerTraces)
            {
                message.AppendPythonTraceContext();
            }
        }

        message.BeginText();
        if (template is null || template.Names.Length == 0 || !TryWriteTemplate(ref message, template, ref values))
        {
            // No template, or one MEL reads differently (positional holes, names the parser does not take): its own text.
            WriteFormatted(ref message, in state, exception, formatter);
        }

        // As a [SyslogMessage] method sends an exception its template does not name: SD-PARAM 'exception' of the
        // provider's element, after the text (RFC 3164, Bare), exc_text; written last, so it is what is cut first.
        message.AttachException(exception, inTemplate: false, intoFirstElement: true);

        message.Send();
    }

    private void WriteStructuredData<TValues>(ref SyslogMessageBuilder message, string category, EventId eventId, ref TValues values, LogEntry entry)
        where TValues : struct, IStateValues
    {
        var scopeValues = entry.Values[entry.StateCount..];
        var length = SyslogNaming.ParameterLength("category") + values.SdLength
            + (eventId.Id != 0 ? SyslogNaming.ParameterLength("eventId") : 0);
        foreach (var pair in scopeValues)
        {
            length += SyslogNaming.ParameterLength(pair.Key);
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
        for (var i = 0; i < values.Count; i++)
        {
            message.BeginParameter(values.SdName(i, name));
            values.Append(ref message, i, null);
            message.EndParameter();
        }

        foreach (var pair in scopeValues)
        {
            message.BeginParameter(name[..SyslogNaming.WriteSdName(pair.Key, name)]);
            message.AppendValue(pair.Value);
            message.EndParameter();
        }

        message.EndStructuredData();
    }

    private static void WritePythonEntries<TValues>(ref SyslogMessageBuilder message, string category, ref TValues values, LogEntry entry)
        where TValues : struct, IStateValues
    {
        // CPython's LogRecord: name is the logger's name, here the category.
        message.BeginPythonString("name"u8);
        message.AppendString(category);
        message.EndPythonString();
        Span<byte> key = stackalloc byte[SyslogNaming.MaxPythonKey];
        for (var i = 0; i < values.Count; i++)
        {
            values.AppendPython(ref message, key[..SyslogNaming.WritePythonKey(values.Name(i), key)], i);
        }

        foreach (var pair in entry.Values[entry.StateCount..])
        {
            PythonValues.Append(ref message, key[..SyslogNaming.WritePythonKey(pair.Key, key)], pair.Value);
        }
    }

    private static bool TryWriteTemplate<TValues>(ref SyslogMessageBuilder message, MessageTemplate template, ref TValues values)
        where TValues : struct, IStateValues
    {
        // A Define state's values are its template's placeholders in order (DefineStates checks it); MEL's other
        // states are bound by name, each placeholder checked first. A constant per TValues for the JIT.
        var positional = typeof(TValues) != typeof(EntryValues);
        var names = template.Names;
        for (var i = 0; i < names.Length && !positional; i++)
        {
            if (values.IndexOf(names[i], i) < 0)
            {
                return false;
            }
        }

        var placeholder = 0;
        foreach (var part in template.Parts)
        {
            if (!part.IsPlaceholder)
            {
                if (part.Utf8 is { } utf8)
                {
                    message.AppendLiteral(utf8);
                }
                else
                {
                    message.AppendChars(part.Text);
                }

                continue;
            }

            var start = message.Position;
            values.Append(ref message, positional ? placeholder : values.IndexOf(part.Text, placeholder), part.Format);
            if (part.Alignment is { } alignment)
            {
                message.Align(start, alignment);
            }

            placeholder++;
        }

        return true;
    }

    private void WriteFormatted<TState>(ref SyslogMessageBuilder message, in TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        string text;
        try
        {
            text = formatter(state, exception);
        }
        catch (Exception failure)
        {
            Writer.ReportError(failure);
            message.AppendLiteral("(error)"u8);
            return;
        }

        message.AppendString(text);
    }

    /// <summary>
    /// Whether a state's own text is its template with the values formatted as MEL formats them, so MSG can be
    /// written from the template: true for <c>LogInformation("…", args)</c>'s state. Any other state (ASP.NET Core's
    /// request log, for one) formats itself its own way, and its formatter writes MSG.
    /// </summary>
    private static class TemplateStates<TState>
    {
        public static readonly bool RendersTemplate = typeof(TState).FullName == "Microsoft.Extensions.Logging.FormattedLogValues";
    }
}
