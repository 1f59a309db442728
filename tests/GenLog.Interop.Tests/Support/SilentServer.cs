using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace GenLog.Interop.Tests.Support;

/// <summary>
/// A TCP server on 127.0.0.1 that accepts every connection and then neither reads nor answers: a peer that hangs
/// (a stuck syslog daemon, a RELP server that never acknowledges, a TLS server that never finishes the handshake).
/// </summary>
public sealed class SilentServer : IDisposable
{
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly ConcurrentBag<Socket> _accepted = [];
    private readonly Task _accepting;

    /// <param name="receiveBufferSize">
    /// SO_RCVBUF of the accepted connections (set on the listener, which they inherit), or null for the system's: a
    /// small one makes a client's writes block after a few KiB instead of after megabytes.
    /// </param>
    public SilentServer(int? receiveBufferSize = null)
    {
        if (receiveBufferSize is { } size)
        {
            _listener.ReceiveBufferSize = size;
        }

        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndPoint!).Port;

    /// <summary>Connections accepted so far.</summary>
    public int Accepted => _accepted.Count;

    public void Dispose()
    {
        _listener.Dispose();
        foreach (var socket in _accepted)
        {
            socket.Dispose();
        }

        _accepting.Wait(TimeSpan.FromSeconds(5));
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                _accepted.Add(await _listener.AcceptAsync());
            }
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }
}
