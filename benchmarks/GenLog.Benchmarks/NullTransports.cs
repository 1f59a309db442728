using System;
using GenLog.Transports;

namespace GenLog.Benchmarks;

/// <summary>Discards every message: formatting alone is measured.</summary>
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

/// <summary>A null transport whose writer builds Python records (pickles), as over PythonSocketTransport.</summary>
public sealed class NullPythonTransport : NullTransport, IPythonTransport
{
    public int MaxPickleSize => 65_000;
}
