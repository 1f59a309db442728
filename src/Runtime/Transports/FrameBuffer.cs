using System;
using System.Globalization;
using System.IO;

namespace GenLog.Transports;

/// <summary>How a stream delimits messages.</summary>
internal enum FrameKind
{
    /// <summary>RFC 6587 §3.4.1: <c>LEN SP MSG</c>.</summary>
    OctetCounting,

    /// <summary>RFC 6587 §3.4.2: <c>MSG LF</c>, CR and LF inside escaped.</summary>
    LineFeed,

    /// <summary>CPython <c>SocketHandler</c>: a 4-byte big-endian length, then the pickle (with an HMAC tag first when signed).</summary>
    LengthPrefixed,
}

/// <summary>
/// Frames messages for a stream into one buffer, so that a batch becomes one write.
/// When the buffer fills it is written out and reused; <see cref="WriteTo"/> writes the rest.
/// </summary>
internal sealed class FrameBuffer
{
    private const int Size = 64 * 1024;

    private readonly FrameKind _kind;
    private readonly byte[]? _hmacKey;
    private byte[] _buffer = new byte[Size];
    private int _length;

    public FrameBuffer(FrameKind kind, byte[]? hmacKey = null)
    {
        _kind = kind;
        _hmacKey = hmacKey;
    }

    /// <summary>The frame kind of a public <see cref="SyslogFraming"/>.</summary>
    public static FrameKind Of(SyslogFraming framing) => framing == SyslogFraming.NonTransparent ? FrameKind.LineFeed : FrameKind.OctetCounting;

    /// <summary>Adds one framed message, writing the buffer to <paramref name="stream"/> first when it is full.</summary>
    public void Append(ReadOnlySpan<byte> message, Stream stream)
    {
        // Worst case: "LEN " + message, length + tag + message, or every byte escaped to 4 + LF.
        var needed = _kind switch
        {
            FrameKind.OctetCounting => message.Length + 11,
            FrameKind.LengthPrefixed => message.Length + PythonFrame.Overhead,
            _ => (message.Length * Formatting.Escaping.MaxExpansion) + 1,
        };
        if (_length + needed > _buffer.Length)
        {
            WriteTo(stream);
            if (needed > _buffer.Length)
            {
                _buffer = new byte[needed];
            }
        }

        var destination = _buffer.AsSpan(_length);
        if (_kind == FrameKind.LengthPrefixed)
        {
            _length += PythonFrame.Write(destination, message, _hmacKey);
            return;
        }

        if (_kind == FrameKind.OctetCounting)
        {
            // RFC 6587 §3.4.1: MSG-LEN SP SYSLOG-MSG, MSG-LEN in decimal octets.
            message.Length.TryFormat(destination, out var digits, default, CultureInfo.InvariantCulture);
            destination[digits] = (byte)' ';
            message.CopyTo(destination[(digits + 1)..]);
            _length += digits + 1 + message.Length;
            return;
        }

        // RFC 6587 §3.4.2: the trailer LF ends the frame, so CR and LF inside must not pass as they are.
        var written = Formatting.Escaping.Escape(message, destination, Formatting.Escaping.LineBreaks, out _);
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
