using System;

namespace GenLog;

/// <summary>
/// Puts finished messages onto a socket, framed as the transport frames them; transports know nothing
/// of formats. The writer calls a transport from one thread at a time: the background sender, or the
/// caller's thread in <see cref="SyslogWriterOptions.Synchronous"/> mode. Any method may throw on a
/// failure; the writer then calls <see cref="Disconnect"/>, waits its back-off, and sends again every
/// message since the last successful <see cref="Flush"/> that the transport did not confirm (a transport
/// with acknowledgements, RELP, confirms some; the others none). A datagram refused as too large
/// (EMSGSIZE) is dropped instead.
/// </summary>
/// <remarks>
/// What else a transport can do is said by public capability interfaces, the same for the built-in transports and a
/// user's own: <see cref="IDatagramBatchTransport"/> (many datagrams per call), <see cref="IAcknowledgingTransport"/>
/// (what the peer confirmed before a failure), <see cref="IAbortableTransport"/> (blocking work cut short when Dispose
/// runs out of time), <see cref="IDescribedTransport"/> (endpoint, encryption, size limit), <see cref="IRoutingTransport"/>
/// (failover) and <see cref="IPythonTransport"/> (CPython logging records). <see cref="IDisposable.Dispose"/> is the
/// orderly close, called on the sender's thread as the last call. See docs/transports.md.
/// </remarks>
public interface ISyslogTransport : IDisposable
{
    /// <summary>Opens the connection when there is none; returns at once when there is. Bounded by the transport's connect timeout.</summary>
    void Connect();

    /// <summary>Sends one message, or buffers it until <see cref="Flush"/> (stream transports coalesce many into one write).</summary>
    /// <param name="message">The bytes of one message, valid only during the call.</param>
    void Send(ReadOnlySpan<byte> message);

    /// <summary>Writes everything buffered since the last flush; when it returns, the bytes are with the operating system.</summary>
    void Flush();

    /// <summary>Drops the connection and anything buffered, after a failure; the next <see cref="Connect"/> opens a new one.</summary>
    void Disconnect();
}
