using System;
using System.Globalization;
using System.IO;

namespace GenLog.Transports;

/// <summary>
/// Writes RELP command frames into one buffer, so that a batch of <c>syslog</c> commands becomes few socket writes.
/// "RELP FRAME" (librelp doc/relp.md): <c>TXNR SP COMMAND SP DATALEN [SP DATA] TRAILER</c>; no SP and no DATA when DATALEN is 0.
/// </summary>
internal sealed class RelpFrameWriter(int size)
{
    private byte[] _buffer = new byte[size];
    private int _length;

    /// <summary>Adds one frame, writing the buffer to <paramref name="stream"/> first when the frame does not fit.</summary>
    public void Append(int transaction, ReadOnlySpan<byte> command, ReadOnlySpan<byte> data, Stream stream)
    {
        // TXNR and DATALEN are at most 9 digits each.
        var needed = 9 + 1 + command.Length + 1 + 9 + 1 + data.Length + 1;
        if (_length + needed > _buffer.Length)
        {
            WriteTo(stream);
            if (needed > _buffer.Length)
            {
                _buffer = new byte[needed];
            }
        }

        var destination = _buffer.AsSpan(_length);
        transaction.TryFormat(destination, out var written, default, CultureInfo.InvariantCulture);
        destination[written++] = (byte)' ';
        command.CopyTo(destination[written..]);
        written += command.Length;
        destination[written++] = (byte)' ';
        data.Length.TryFormat(destination[written..], out var digits, default, CultureInfo.InvariantCulture);
        written += digits;
        if (data.Length > 0)
        {
            destination[written++] = (byte)' ';
            data.CopyTo(destination[written..]);
            written += data.Length;
        }

        destination[written++] = (byte)'\n';
        _length += written;
    }

    /// <summary>Writes what is buffered and empties the buffer.</summary>
    public void WriteTo(Stream stream)
    {
        if (_length > 0)
        {
            var length = _length;
            _length = 0;
            stream.Write(_buffer, 0, length);
        }
    }

    /// <summary>Forgets what is buffered (the session is given up).</summary>
    public void Clear() => _length = 0;
}
