using System;
using System.Globalization;
using System.IO;

namespace GenLog.Transports;

/// <summary>
/// Frames messages for a stream (RFC 6587) into one buffer, so that a batch becomes one write.
/// When the buffer fills it is written out and reused; <see cref="WriteTo"/> writes the rest.
/// </summary>
internal sealed class FrameBuffer
{
    private const int Size = 64 * 1024;

    private readonly SyslogFraming _framing;
    private byte[] _buffer = new byte[Size];
    private int _length;

    public FrameBuffer(SyslogFraming framing) => _framing = framing;

    /// <summary>Adds one framed message, writing the buffer to <paramref name="stream"/> first when it is full.</summary>
    public void Append(ReadOnlySpan<byte> message, Stream stream)
    {
        // Worst case: "LEN " + message, or every byte escaped to 4 + LF.
        var needed = _framing == SyslogFraming.OctetCounting ? message.Length + 11 : (message.Length * 4) + 1;
        if (_length + needed > _buffer.Length)
        {
            WriteTo(stream);
            if (needed > _buffer.Length)
            {
                _buffer = new byte[needed];
            }
        }

        var destination = _buffer.AsSpan(_length);
        if (_framing == SyslogFraming.OctetCounting)
        {
            // RFC 6587 §3.4.1: MSG-LEN SP SYSLOG-MSG, MSG-LEN in decimal octets.
            message.Length.TryFormat(destination, out var digits, default, CultureInfo.InvariantCulture);
            destination[digits] = (byte)' ';
            message.CopyTo(destination[(digits + 1)..]);
            _length += digits + 1 + message.Length;
            return;
        }

        // RFC 6587 §3.4.2: the trailer LF ends the frame, so CR and LF inside must not pass as they are.
        var written = 0;
        foreach (var b in message)
        {
            if (b is (byte)'\n' or (byte)'\r')
            {
                destination[written++] = (byte)'#';
                destination[written++] = (byte)'0';
                destination[written++] = (byte)'1';
                destination[written++] = b == (byte)'\n' ? (byte)'2' : (byte)'5';
            }
            else
            {
                destination[written++] = b;
            }
        }

        destination[written++] = (byte)'\n';
        _length += written;
    }

    /// <summary>Writes what is buffered and empties the buffer.</summary>
    public void WriteTo(Stream stream)
    {
        if (_length > 0)
        {
            stream.Write(_buffer, 0, _length);
            _length = 0;
        }
    }

    /// <summary>Forgets what is buffered (the connection it was meant for failed).</summary>
    public void Clear() => _length = 0;
}
