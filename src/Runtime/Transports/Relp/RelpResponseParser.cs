using System;
using System.IO;
using System.Text;

namespace GenLog.Transports;

/// <summary>One frame received from a RELP server: its transaction number, command and data, as spans into the parser's buffer (valid until the next <see cref="RelpResponseParser.Append"/>).</summary>
internal readonly ref struct RelpFrame(int transaction, ReadOnlySpan<byte> command, ReadOnlySpan<byte> data)
{
    public int Transaction { get; } = transaction;

    public ReadOnlySpan<byte> Command { get; } = command;

    public ReadOnlySpan<byte> Data { get; } = data;
}

/// <summary>
/// Cuts the bytes a RELP server sends into frames, as librelp's receive state machine does ("RELP FRAME"): TXNR of 1–9
/// digits, SP, COMMAND of 1–32 letters, SP, DATALEN of 1–9 digits, then SP and DATALEN octets when DATALEN is not 0,
/// then LF. Anything else is a malformed frame.
/// </summary>
internal sealed class RelpResponseParser(int maxData)
{
    private byte[] _pending = new byte[4096];
    private int _length;

    private int _start;

    /// <summary>Adds received bytes (after the frames of the last ones were taken and <see cref="Compact"/> ran).</summary>
    public void Append(ReadOnlySpan<byte> received)
    {
        if (_length + received.Length > _pending.Length)
        {
            Array.Resize(ref _pending, Math.Max(_pending.Length * 2, _length + received.Length));
        }

        received.CopyTo(_pending.AsSpan(_length));
        _length += received.Length;
    }

    /// <summary>The next complete frame, if the bytes hold one; nothing is allocated.</summary>
    /// <exception cref="InvalidDataException">The bytes do not form a RELP frame.</exception>
    public bool TryNext(out RelpFrame frame)
    {
        if (!TryParse(_pending.AsSpan(_start, _length - _start), out frame, out var used))
        {
            return false;
        }

        _start += used;
        return true;
    }

    /// <summary>Keeps only the bytes of a frame not complete yet.</summary>
    public void Compact()
    {
        _pending.AsSpan(_start, _length - _start).CopyTo(_pending);
        _length -= _start;
        _start = 0;
    }

    private bool TryParse(ReadOnlySpan<byte> bytes, out RelpFrame frame, out int used)
    {
        frame = default;
        used = 0;
        var position = 0;
        if (!Number(bytes, ref position, out var transaction) || !Separator(bytes, ref position))
        {
            return false;
        }

        var commandStart = position;
        while (position < bytes.Length && char.IsAsciiLetter((char)bytes[position]))
        {
            if (position - commandStart == 32)
            {
                throw Malformed(bytes, "a command longer than 32 letters");
            }

            position++;
        }

        if (position == bytes.Length)
        {
            return false;
        }

        if (position == commandStart)
        {
            throw Malformed(bytes, "no command");
        }

        var command = bytes[commandStart..position];
        if (!Separator(bytes, ref position) || !Number(bytes, ref position, out var dataLength))
        {
            return false;
        }

        if (dataLength > maxData)
        {
            throw Malformed(bytes, $"DATALEN {dataLength}, more than the {maxData} a response may have");
        }

        var data = ReadOnlySpan<byte>.Empty;
        if (dataLength > 0)
        {
            if (!Separator(bytes, ref position))
            {
                return false;
            }

            if (bytes.Length - position < dataLength)
            {
                return false;
            }

            data = bytes.Slice(position, dataLength);
            position += dataLength;
        }

        if (position == bytes.Length)
        {
            return false;
        }

        if (bytes[position] != (byte)'\n')
        {
            throw Malformed(bytes, "no LF after the data (TRAILER)");
        }

        frame = new RelpFrame(transaction, command, data);
        used = position + 1;
        return true;
    }

    /// <summary>Reads NUMBER = 1*9DIGIT; false when the bytes end inside it.</summary>
    private static bool Number(ReadOnlySpan<byte> bytes, ref int position, out int value)
    {
        value = 0;
        var start = position;
        while (position < bytes.Length && char.IsAsciiDigit((char)bytes[position]))
        {
            if (position - start == 9)
            {
                throw Malformed(bytes, "a number of more than 9 digits");
            }

            value = (value * 10) + (bytes[position] - '0');
            position++;
        }

        if (position == bytes.Length)
        {
            return false;
        }

        if (position == start)
        {
            throw Malformed(bytes, "a field that should be a number");
        }

        return true;
    }

    /// <summary>Expects SP; false when the bytes end before it.</summary>
    private static bool Separator(ReadOnlySpan<byte> bytes, ref int position)
    {
        if (position == bytes.Length)
        {
            return false;
        }

        if (bytes[position] != (byte)' ')
        {
            throw Malformed(bytes, "no SP between the header fields");
        }

        position++;
        return true;
    }

    private static InvalidDataException Malformed(ReadOnlySpan<byte> bytes, string problem)
    {
        var shown = Encoding.Latin1.GetString(bytes[..Math.Min(bytes.Length, 80)]).Replace("\n", "\\n", StringComparison.Ordinal);
        return new InvalidDataException($"The RELP server sent a malformed frame ({problem}): '{shown}'.");
    }
}
