using System;
using System.IO;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Threading;

namespace GenLog.Transports;

/// <summary>One open stream socket (TCP, optionally TLS, or Unix) with its framing buffer.</summary>
internal sealed class StreamConnection : IDisposable
{
    private readonly Socket _socket;
    private readonly Stream _stream;
    private readonly FrameBuffer _frames;
    private readonly System.Threading.Tasks.Task _watch;
    private readonly CancellationTokenRegistration _abortRegistration;
    private volatile bool _peerClosed;

    private StreamConnection(Socket socket, Stream stream, FrameBuffer frames, CancellationTokenRegistration abortRegistration)
    {
        _socket = socket;
        _stream = stream;
        _frames = frames;
        _abortRegistration = abortRegistration;
        _watch = WatchForCloseAsync();
    }

    /// <summary>How long a graceful close waits for the server to close its side.</summary>
    private static readonly TimeSpan CloseWait = TimeSpan.FromSeconds(2);

    /// <summary>Connects a TCP socket (and authenticates TLS when <paramref name="tls"/> is given), each step within its timeout.</summary>
    public static StreamConnection OpenTcp(string host, int port, FrameBuffer frames, TimeSpan connectTimeout, TimeSpan writeTimeout, SslClientAuthenticationOptions? tls, AbortSignal abort)
    {
        var address = HostResolver.Resolve(host, connectTimeout, abort);
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        return Open(socket, new IPEndPoint(address, port), frames, connectTimeout, writeTimeout, tls, abort);
    }

    /// <summary>Connects a Unix stream socket.</summary>
    public static StreamConnection OpenUnix(Socket socket, EndPoint endPoint, FrameBuffer frames, TimeSpan connectTimeout, TimeSpan writeTimeout, AbortSignal abort) =>
        Open(socket, endPoint, frames, connectTimeout, writeTimeout, tls: null, abort);

    /// <summary>Frames a message into the buffer (writing out a full buffer first).</summary>
    public void Send(ReadOnlySpan<byte> message) => _frames.Append(message, _stream);

    /// <summary>Writes the buffer; fails at once when the peer has closed the connection.</summary>
    public void Flush()
    {
        if (_peerClosed)
        {
            throw new IOException("The syslog server closed the connection.");
        }

        _frames.WriteTo(_stream);
        _stream.Flush();
    }

    /// <summary>
    /// Closes after a failure. The socket is closed at once; with the watcher's read still pending that is
    /// an abortive close (RST), which is right for a connection that already failed.
    /// </summary>
    public void Dispose()
    {
        _abortRegistration.Dispose();
        _frames.Clear();
        _stream.Dispose();
        _socket.Dispose();
    }

    /// <summary>
    /// Closes when the writer is done: TLS close_notify, then FIN after the last byte, then a bounded wait for
    /// the server to close its side, so that the close is orderly and nothing it has not read yet is reset away.
    /// </summary>
    public void Close()
    {
        try
        {
            if (_stream is SslStream ssl)
            {
                ssl.ShutdownAsync().Wait(CloseWait);
            }

            _socket.Shutdown(SocketShutdown.Send);
            _watch.Wait(CloseWait);
        }
        catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException or AggregateException)
        {
            // The peer is gone already: nothing more to close politely.
        }

        Dispose();
    }

    /// <summary>
    /// Syslog over TCP and TLS is one-way (RFC 6587, RFC 5425): the server sends no data, so a read that
    /// ends means it closed the connection (EOF, a TLS alert, a reset), and a write would vanish. Reading
    /// all the time also consumes what TLS 1.3 sends after the handshake (session tickets).
    /// </summary>
    private async System.Threading.Tasks.Task WatchForCloseAsync()
    {
        var buffer = new byte[512];
        try
        {
            while (await _stream.ReadAsync(buffer).ConfigureAwait(false) > 0)
            {
            }
        }
        catch (Exception)
        {
            // A reset or a disposed stream: closed either way.
        }

        _peerClosed = true;
    }

    private static StreamConnection Open(Socket socket, EndPoint endPoint, FrameBuffer frames, TimeSpan connectTimeout, TimeSpan writeTimeout, SslClientAuthenticationOptions? tls, AbortSignal abort)
    {
        // From here on an abort closes the socket: a blocked connect, handshake, write or orderly close ends at once.
        var registration = abort.Watch(socket);
        try
        {
            return new StreamConnection(socket, SocketStreams.Open(socket, endPoint, connectTimeout, writeTimeout, tls, abort), frames, registration);
        }
        catch
        {
            registration.Dispose();
            socket.Dispose();
            throw;
        }
    }
}
