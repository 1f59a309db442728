using System;
using System.Globalization;
using System.Text.Unicode;
using GenLog.Formatting;

namespace GenLog;

/// <summary>Values that format themselves (numbers, Guid, IPAddress, enums, anything else through ToString), with the invariant culture.</summary>
public ref partial struct SyslogMessageBuilder
{
    /// <summary>Appends a value that formats itself to UTF-8, with the invariant culture; without a format, time values as ISO 8601 (<c>O</c>) and <c>c</c>.</summary>
    public void AppendUtf8Formattable<T>(T? value, string? format)
        where T : IUtf8SpanFormattable
    {
        if (_skipping)
        {
            return;
        }

        format ??= DefaultFormat<T>.Value;

        // Tested on the type first: 'value is null' alone boxes a struct where the JIT does not optimize (Debug builds).
        if (!typeof(T).IsValueType && value is null)
        {
            AppendChars(NullText);
            return;
        }

        try
        {
            // Most values fit the first try; a longer one grows the buffer, up to the room the message has left.
            for (var wanted = FormattedGuess; ; wanted = Twice(wanted))
            {
                var reserved = Reserve(wanted);
                var room = _bytes.AsSpan(_position, reserved);
                if (value!.TryFormat(room, out var written, format, CultureInfo.InvariantCulture))
                {
                    var formatted = room[..written];
                    var special = SpecialBytes(forceControlEscaping: false);
                    if ((format is null && PlainAsciiFormat<T>.Value) || (Utf8.IsValid(formatted) && (special is null || !formatted.ContainsAny(special))))
                    {
                        _position += written;
                        return;
                    }

                    if (EnsureScratch(written))
                    {
                        formatted.CopyTo(_buffer.Scratch);
                        AppendEscaped(_buffer.Scratch.AsSpan(0, written), special);
                        return;
                    }

                    break;
                }

                if (reserved < wanted)
                {
                    break;
                }
            }

            // Too long for the room left: format it whole into scratch and cut it there.
            for (var wanted = FormattedGuess; EnsureScratch(wanted); wanted = Twice(wanted))
            {
                if (value!.TryFormat(_buffer.Scratch, out var written, format, CultureInfo.InvariantCulture))
                {
                    AppendUtf8(_buffer.Scratch.AsSpan(0, written));
                    return;
                }

                if (_buffer.Scratch.Length >= _layout.MaxMessageSize)
                {
                    break;
                }
            }
        }
        catch (Exception exception)
        {
            FormattingFailed(exception);
            return;
        }

        AppendToString(value);
    }

    /// <summary>Appends a value that formats itself to UTF-16, with the invariant culture; without a format, time values as ISO 8601 (<c>O</c>) and <c>c</c>.</summary>
    public void AppendSpanFormattable<T>(T? value, string? format)
        where T : ISpanFormattable
    {
        if (_skipping)
        {
            return;
        }

        format ??= DefaultFormat<T>.Value;

        // Tested on the type first: 'value is null' alone boxes a struct where the JIT does not optimize (Debug builds).
        if (!typeof(T).IsValueType && value is null)
        {
            AppendChars(NullText);
            return;
        }

        try
        {
            for (var wanted = FormattedGuess; EnsureChars(wanted); wanted = Twice(wanted))
            {
                if (value!.TryFormat(_buffer.Chars, out var written, format, CultureInfo.InvariantCulture))
                {
                    AppendChars(_buffer.Chars.AsSpan(0, written));
                    return;
                }

                if (_buffer.Chars.Length >= _layout.MaxMessageSize)
                {
                    break;
                }
            }
        }
        catch (Exception exception)
        {
            FormattingFailed(exception);
            return;
        }

        AppendToString(value);
    }

    /// <summary>Appends an enum value by name (or number), without boxing it.</summary>
    public void AppendEnum<T>(T value, string? format)
        where T : struct, Enum
    {
        if (_skipping)
        {
            return;
        }

        if (format is null && EnumNames<T>.TryGet(value, out var name))
        {
            // A defined value's name is an identifier: nothing in it needs escaping.
            AppendLiteral(name);
            return;
        }

        try
        {
            for (var wanted = FormattedGuess; EnsureChars(wanted); wanted = Twice(wanted))
            {
                if (Enum.TryFormat(value, _buffer.Chars, out var written, format))
                {
                    AppendChars(_buffer.Chars.AsSpan(0, written));
                    return;
                }

                if (_buffer.Chars.Length >= _layout.MaxMessageSize)
                {
                    break;
                }
            }
        }
        catch (Exception exception)
        {
            FormattingFailed(exception);
            return;
        }

        AppendToString(value);
    }

    /// <summary>Appends <see cref="object.ToString()"/> of a value of any other type (this allocates; GENLOG014 says so).</summary>
    public void AppendToString<T>(T? value)
    {
        if (_skipping)
        {
            return;
        }

        string? text;
        try
        {
            text = value?.ToString();
        }
        catch (Exception exception)
        {
            FormattingFailed(exception);
            return;
        }

        AppendString(text);
    }
}
