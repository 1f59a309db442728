using System;
using System.Buffers;
using System.Text.Unicode;
using GenLog.Formatting;

namespace GenLog;

/// <summary>Values and template text: transcoded to UTF-8, escaped for the part they land in, cut at a character boundary at the limit.</summary>
public ref partial struct SyslogMessageBuilder
{
    /// <summary>Appends constant UTF-8 text from the template, as it is.</summary>
    public void AppendLiteral(scoped ReadOnlySpan<byte> utf8)
    {
        if (!_skipping)
        {
            WriteTruncated(utf8);
        }
    }

    /// <summary>Appends a string value; null is written as <c>(null)</c>.</summary>
    public void AppendString(string? value) => AppendChars(value is null ? NullText : value.AsSpan());

    /// <summary>Appends <c>(null)</c>, for a null value of any type.</summary>
    public void AppendNull() => AppendChars(NullText);

    /// <summary>Appends UTF-16 text; invalid UTF-16 becomes U+FFFD.</summary>
    public void AppendChars(scoped ReadOnlySpan<char> value) => AppendChars(value, forceControlEscaping: false);

    /// <summary>Appends one UTF-16 unit; a lone surrogate becomes U+FFFD.</summary>
    public void AppendChar(char value) => AppendChars(new ReadOnlySpan<char>(in value));

    /// <summary>Appends a <see cref="bool"/> as <c>True</c> or <c>False</c>, as <see cref="bool.ToString()"/> does.</summary>
    public void AppendBoolean(bool value) => AppendLiteral(value ? "True"u8 : "False"u8);

    /// <summary>Pads the value written since <paramref name="start"/> to <paramref name="alignment"/> UTF-16 units (as string.Format counts): right-aligned when positive, left-aligned when negative.</summary>
    public void Align(int start, int alignment)
    {
        var width = Math.Abs(alignment);
        var characters = 0;
        foreach (var b in _bytes.AsSpan(start, _position - start))
        {
            // Count UTF-16 units, as string.Format does: one per UTF-8 lead byte, two for a 4-byte sequence.
            if ((b & 0xC0) != 0x80)
            {
                characters += b >= 0xF0 ? 2 : 1;
            }
        }

        var padding = width - characters > 0 ? Math.Min(width - characters, Reserve(width - characters)) : 0;
        if (padding <= 0 || _skipping)
        {
            return;
        }

        if (alignment > 0)
        {
            _bytes.AsSpan(start, _position - start).CopyTo(_bytes.AsSpan(start + padding));
            _bytes.AsSpan(start, padding).Fill((byte)' ');
        }
        else
        {
            _bytes.AsSpan(_position, padding).Fill((byte)' ');
        }

        _position += padding;
    }

    private readonly SearchValues<byte>? SpecialBytes(bool forceControlEscaping)
    {
        var controls = forceControlEscaping || _layout.EscapeControlCharacters;
        if (_section == Section.PythonValue)
        {
            // A pickled str carries any character; only invalid UTF-16 is replaced (and an exception's text kept on one line).
            return forceControlEscaping ? Escaping.Controls : null;
        }

        return _section == Section.Parameter
            ? (controls ? Escaping.ParamValueAndControls : Escaping.ParamValue)
            : (controls ? Escaping.Controls : null);
    }

    private void AppendChars(scoped ReadOnlySpan<char> value, bool forceControlEscaping)
    {
        if (_skipping || value.IsEmpty)
        {
            return;
        }

        // UTF-8 takes at most 3 bytes per UTF-16 unit (a surrogate pair: 4 for 2).
        var room = Reserve(Twice(value.Length) + value.Length);
        var destination = _bytes.AsSpan(_position, room);
        if (value.Length <= ShortText && value.Length <= room && TryWritePrintableAscii(value, destination))
        {
            _position += value.Length;
            return;
        }

        var status = Utf8.FromUtf16(value, destination, out _, out var written, replaceInvalidSequences: true);
        var special = SpecialBytes(forceControlEscaping);
        if (special is null || !destination[..written].ContainsAny(special))
        {
            _position += written;
            if (status != OperationStatus.Done)
            {
                MarkTruncated();
            }

            return;
        }

        // Something needs escaping: transcode in chunks that fit the scratch buffer (3 bytes per UTF-16 unit at most).
        var scratch = _buffer.Scratch;
        var chunkLength = scratch.Length / 3;
        while (!value.IsEmpty && !_skipping)
        {
            var chunk = value.Length > chunkLength ? value[..chunkLength] : value;
            Utf8.FromUtf16(chunk, scratch, out var read, out written, replaceInvalidSequences: true, isFinalBlock: chunk.Length == value.Length);
            AppendEscaped(scratch.AsSpan(0, written), special);
            value = value[read..];
        }
    }

    /// <summary>
    /// The common short value (a user name, a host): printable ASCII with nothing to escape, copied one character at a
    /// time, cheaper for a few characters than transcoding and then searching. False, with nothing written that counts,
    /// when any character needs more (the general path then starts over).
    /// </summary>
    private readonly bool TryWritePrintableAscii(scoped ReadOnlySpan<char> value, Span<byte> destination)
    {
        var parameter = _section == Section.Parameter;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c is < ' ' or > '~' || (parameter && c is '"' or '\\' or ']'))
            {
                return false;
            }

            destination[i] = (byte)c;
        }

        return true;
    }

    /// <summary>Appends UTF-8 bytes of unknown validity: invalid sequences become U+FFFD.</summary>
    private void AppendUtf8(scoped ReadOnlySpan<byte> utf8)
    {
        var special = SpecialBytes(forceControlEscaping: false);
        if (Utf8.IsValid(utf8) && (special is null || !utf8.ContainsAny(special)))
        {
            WriteTruncated(utf8);
        }
        else
        {
            AppendEscaped(utf8, special);
        }
    }

    /// <summary>The slow path: escaping, replacing invalid UTF-8, stopping at the limit (<see cref="Escaping.Escape"/>).</summary>
    private void AppendEscaped(scoped ReadOnlySpan<byte> utf8, SearchValues<byte>? special)
    {
        var room = Reserve(Twice(Twice(utf8.Length)));
        _position += Escaping.Escape(utf8, _bytes.AsSpan(_position, room), special, out var consumed);
        if (consumed < utf8.Length)
        {
            MarkTruncated();
        }
    }

    /// <summary>Copies valid UTF-8 that needs no escaping, cut at a character boundary if it does not fit.</summary>
    private void WriteTruncated(scoped ReadOnlySpan<byte> utf8)
    {
        var room = Reserve(utf8.Length);
        if (utf8.Length <= room)
        {
            Write(utf8);
            return;
        }

        var cut = room;
        while (cut > 0 && (utf8[cut] & 0xC0) == 0x80)
        {
            cut--;
        }

        Write(utf8[..cut]);
        MarkTruncated();
    }
}
