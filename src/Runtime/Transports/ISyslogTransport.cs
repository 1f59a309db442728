using System;

namespace GenLog;

/// <summary>Puts finished message bytes onto a socket. Transports know nothing of formats.</summary>
public interface ISyslogTransport : IDisposable
{
    /// <summary>Sends one complete message (for datagram transports, one datagram). May be called from several threads at once.</summary>
    /// <param name="message">The bytes of one message, valid only during the call.</param>
    void Send(ReadOnlySpan<byte> message);
}
