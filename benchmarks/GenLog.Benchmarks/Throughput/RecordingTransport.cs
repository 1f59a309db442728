using System;
using System.Collections.Generic;

namespace GenLog.Benchmarks.Throughput;

/// <summary>Keeps every message it is given, back to back in one growing buffer: the bytes GenLog would put on the wire.</summary>
public sealed class RecordingTransport : ISyslogTransport
{
    private byte[] _bytes = new byte[64 * 1024];
    private int _length;

    public List<int> Ends { get; } = [];

    public ReadOnlySpan<byte> Bytes => _bytes.AsSpan(0, _length);

    public void Connect()
    {
    }

    public void Send(ReadOnlySpan<byte> message)
    {
        if (_bytes.Length - _length < message.Length)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _length + message.Length));
        }

        message.CopyTo(_bytes.AsSpan(_length));
        _length += message.Length;
        Ends.Add(_length);
    }

    public void Flush()
    {
    }

    public void Disconnect()
    {
    }

    public void Dispose()
    {
    }
}
