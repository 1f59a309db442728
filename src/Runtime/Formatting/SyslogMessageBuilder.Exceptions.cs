using System;
using System.Runtime.CompilerServices;
using GenLog.Formatting;

namespace GenLog;

/// <summary>
/// Exceptions, written as <see cref="SyslogWriterOptions.ExceptionFormat"/> says (docs/formats.md, "Exceptions"). One
/// the template does not name is written after the message text, so that its text is what is cut first when the
/// message is too long; in RFC 5424 it is then moved into the structured data, where it belongs.
/// </summary>
public ref partial struct SyslogMessageBuilder
{
    /// <summary>The SD-ID of the element an exception gets when the message has no element of its own (RFC 5612's example number, as the other defaults).</summary>
    private static ReadOnlySpan<byte> ExceptionElementStart => "[exception@32473 exception=\""u8;

    private static ReadOnlySpan<byte> ExceptionParameterStart => " exception=\""u8;

    /// <summary>
    /// Appends an exception where the template names it, as <see cref="SyslogWriterOptions.ExceptionFormat"/> says:
    /// <see cref="Exception.ToString()"/> (type, message, inner exceptions, stack trace), <c>Type: message</c>, or
    /// nothing. Its line breaks are escaped (<c>#012</c>) so it stays one record, except in a Python record's str.
    /// A null exception is written as <c>(null)</c>.
    /// </summary>
    public void AppendException(Exception? value)
    {
        if (value is null)
        {
            AppendChars(NullText);
        }
        else if (_layout.ExceptionFormat != ExceptionFormat.None)
        {
            WriteExceptionText(value);
        }
    }

    /// <summary>
    /// Sends an exception parameter, after the message text and before <see cref="Send"/>. When the template does not
    /// name it: as the SD-PARAM <c>exception</c> of the first SD-ELEMENT written (the method's own) when
    /// <paramref name="intoFirstElement"/> is true and there is one, else of <c>[exception@32473 …]</c> after the
    /// others (RFC 5424); after the text on a line of its own, the line break written <c>#012</c>, as
    /// CPython's <c>Formatter</c> appends <c>exc_text</c> (RFC 3164, Bare). In a Python record always as
    /// <c>exc_text</c>. Null, or <see cref="ExceptionFormat.None"/>: nothing.
    /// </summary>
    /// <param name="exception">The exception.</param>
    /// <param name="inTemplate">The template names it, so it is in MSG already.</param>
    /// <param name="intoFirstElement">
    /// The first SD-ELEMENT written is the method's own (it has an SdId), so the exception joins it; false when the
    /// elements are only <see cref="SdElementAttribute"/> groups, which are about something else.
    /// </param>
    public void AttachException(Exception? exception, bool inTemplate, bool intoFirstElement)
    {
        if (exception is null || _layout.ExceptionFormat == ExceptionFormat.None || _buffer.IsUnavailable)
        {
            return;
        }

        if (_layout.IsPickle)
        {
            EndPythonString();
            BeginPythonString("exc_text"u8);
            WriteExceptionText(exception);
            EndPythonString();
        }
        else if (inTemplate)
        {
            return;
        }
        else if (_layout.Format == SyslogFormat.Rfc5424)
        {
            AttachStructuredException(exception, intoFirstElement);
        }
        else if (!_skipping && Fits(Escaping.MaxExpansion + 1))
        {
            AppendChars("\n", forceControlEscaping: true);
            WriteExceptionText(exception);
        }
        else
        {
            _truncated = true;
        }
    }

    /// <summary>
    /// Writes <c> exception="…"</c> (or a whole element) after MSG, in the room MSG left, then rotates it into place:
    /// before the <c>]</c> of the method's element, or as a new element where SD ends (replacing the NILVALUE).
    /// </summary>
    private void AttachStructuredException(Exception exception, bool intoFirstElement)
    {
        // Where a 2nd exception goes: where the 1st went (an SD-ID appears once per message, RFC 5424 §6.3.2).
        var join = _exceptionElementAt >= 0 ? _exceptionElementAt : intoFirstElement ? _exceptionAt : -1;
        var own = join < 0;
        var open = own ? ExceptionElementStart : ExceptionParameterStart;
        var skipping = _skipping;
        var start = _position;
        _skipping = false;
        _section = Section.Parameter; // Room() keeps '"]' back.
        if (Fits(open.Length + 1))
        {
            Write(open);
            WriteExceptionText(exception);
            _bytes[_position++] = (byte)'"';
            if (own)
            {
                _bytes[_position++] = (byte)']';
            }
        }
        else
        {
            _truncated = true;
        }

        _section = Section.Text;
        _skipping = skipping;
        var length = _position - start;
        if (length == 0)
        {
            return;
        }

        // [at, start) is what follows the insertion point (SD's rest and MSG); [start, _position) goes before it.
        var at = own ? _structuredDataEnd : join;
        var moved = _bytes.AsSpan(at, _position - at);
        moved.Reverse();
        moved[..length].Reverse();
        moved[length..].Reverse();
        if (own && !_hasStructuredData)
        {
            // The NILVALUE '-' that stood for SD now follows the new element.
            _bytes.AsSpan(at + length + 1, _position - at - length - 1).CopyTo(_bytes.AsSpan(at + length));
            _position--;
            _hasStructuredData = true;
        }

        // The ']' the next exception goes before: the new element's own, or the joined element's, moved by length.
        if (own)
        {
            _exceptionElementAt = at + length - 1;
        }
        else if (_exceptionElementAt >= 0)
        {
            _exceptionElementAt += length;
        }
        else
        {
            _exceptionAt += length;
        }
    }

    /// <summary>The exception's text in the writer's format, escaped to one line except in a pickled str (CPython's exc_text is multi-line).</summary>
    private void WriteExceptionText(Exception exception)
    {
        var oneLine = _section != Section.PythonValue;
        if (_layout.ExceptionFormat == ExceptionFormat.Full)
        {
            string text;
            try
            {
                text = exception.ToString();
            }
            catch (Exception failure)
            {
                ExceptionTextFailed(exception, failure, oneLine);
                return;
            }

            AppendChars(text, oneLine);
            return;
        }

        string message;
        try
        {
            message = exception.Message;
        }
        catch (Exception failure)
        {
            ExceptionTextFailed(exception, failure, oneLine);
            return;
        }

        AppendExceptionType(exception, oneLine);
        AppendChars(": ", oneLine);
        AppendChars(message, oneLine);
    }

    /// <summary>ToString and Message are user code: when they throw, the type is still sent, and the failure is reported and counted.</summary>
    private void ExceptionTextFailed(Exception exception, Exception failure, bool oneLine)
    {
        _writer.ReportError(failure);
        AppendExceptionType(exception, oneLine);
    }

    private void AppendExceptionType(Exception exception, bool oneLine) =>
        AppendChars(ExceptionTypeNames.GetValue(exception.GetType(), static type => type.FullName ?? type.Name), oneLine);

    /// <summary>
    /// Type.FullName is cached by the runtime behind a weak handle, so after any GC it builds (allocates) the name
    /// again; this table keeps each exception type's name for as long as the type lives, and a lookup allocates nothing.
    /// </summary>
    private static readonly ConditionalWeakTable<Type, string> ExceptionTypeNames = new();
}
