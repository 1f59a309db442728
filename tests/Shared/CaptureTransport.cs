using System;
using System.Collections.Generic;
using System.Text;

namespace GenLog.TestSupport;

/// <summary>Keeps a copy of every message, as a receiver would see it.</summary>
public sealed class CaptureTransport : ISyslogTransport
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public List<byte[]> Messages { get; } = new();

    public byte[] Last => Messages[^1];

    /// <summary>The last message as text; throws if it is not valid UTF-8.</summary>
    public string LastText => StrictUtf8.GetString(Last);

    public void Connect()
    {
    }

    public void Send(ReadOnlySpan<byte> message) => Messages.Add(message.ToArray());

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
