using System;
using System.Net.Sockets;
using System.Threading;

namespace GenLog.Transports;

/// <summary>
/// The abort switch of one built-in transport (<see cref="IAbortableTransport"/>): a token that name resolution,
/// connects and TLS handshakes wait with, and a way to close the sockets it watches, which ends a blocked write or read
/// at once. Once thrown it stays thrown: the transport is being given up.
/// </summary>
internal sealed class AbortSignal
{
    private readonly CancellationTokenSource _source = new();

    /// <summary>Cancelled when the transport is aborted.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>Aborts: cancels the token, which closes every watched socket.</summary>
    public void Abort()
    {
        try
        {
            _source.Cancel();
        }
        catch (AggregateException)
        {
            // A socket that failed to close while being aborted is closed enough.
        }
    }

    /// <summary>Closes <paramref name="socket"/> when the transport is aborted (at once if it already was), until the registration is disposed.</summary>
    public CancellationTokenRegistration Watch(Socket socket) => _source.Token.Register(static state => ((Socket)state!).Dispose(), socket);

    /// <summary>A token cancelled by an abort or after <paramref name="timeout"/>, whichever comes first.</summary>
    public CancellationTokenSource Within(TimeSpan timeout)
    {
        var linked = CancellationTokenSource.CreateLinkedTokenSource(_source.Token);
        linked.CancelAfter(timeout);
        return linked;
    }
}
