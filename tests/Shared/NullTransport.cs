using System;

namespace GenLog.TestSupport;

/// <summary>Discards every message: measures formatting alone.</summary>
public class NullTransport : ISyslogTransport
{
    public long Count { get; private set; }

    public void Connect()
    {
    }

    public void Send(ReadOnlySpan<byte> message) => Count++;

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
