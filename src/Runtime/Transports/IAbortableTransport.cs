namespace GenLog;

/// <summary>
/// A transport whose blocking work can be cut short from another thread. When disposing a writer runs out of
/// <see cref="SyslogWriterOptions.CloseTimeout"/> while its sender is still inside the transport — resolving a name
/// that never resolves, connecting, a TLS handshake, a write to a peer that stopped reading, waiting for an
/// acknowledgement that never comes, or the orderly close itself — the writer calls <see cref="Abort"/>, so that
/// <c>Dispose</c> returns within <c>CloseTimeout</c> + 1 s. All built-in transports implement it. A transport that does
/// not is waited for until then, and then left to finish on its own thread (which still closes it).
/// </summary>
public interface IAbortableTransport : ISyslogTransport
{
    /// <summary>
    /// Makes the call under way on the sender's thread fail soon, and every later one at once. Called from another
    /// thread than the transport's other methods, at most a few times, possibly after the transport was disposed; must
    /// not block and must not throw.
    /// </summary>
    void Abort();
}
