using System;

namespace GenLog.Benchmarks.Contenders;

/// <summary>Keeps the last message GenLog sent: the sample line only, never timed.</summary>
public sealed class CapturingTransport : ISyslogTransport
{
    public byte[]? Last { get; private set; }

    public void Connect()
    {
    }

    public void Send(ReadOnlySpan<byte> message) => Last = message.ToArray();

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
