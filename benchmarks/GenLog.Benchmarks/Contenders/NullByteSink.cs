using System;

namespace GenLog.Benchmarks.Contenders;

/// <summary>
/// Where the contenders hand their finished bytes: counts messages and bytes, so the JIT cannot drop the
/// work and the cleanup can check that the bytes arrived; keeps a copy only while a sample is taken.
/// </summary>
public sealed class NullByteSink
{
    private bool _capture;
    private byte[]? _sample;

    public long Messages { get; private set; }

    public long Bytes { get; private set; }

    public void Send(ReadOnlySpan<byte> message)
    {
        Messages++;
        Bytes += message.Length;
        if (_capture)
        {
            _sample = message.ToArray();
        }
    }

    /// <summary>Runs <paramref name="send"/> once and returns what reached the sink, then forgets it and the counts.</summary>
    public byte[]? Sample(Action send)
    {
        _capture = true;
        _sample = null;
        send();
        _capture = false;
        var sample = _sample;
        _sample = null;
        Messages = 0;
        Bytes = 0;
        return sample;
    }
}
