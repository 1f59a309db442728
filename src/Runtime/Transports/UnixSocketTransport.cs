using System;
using System.Net.Sockets;
using GenLog.Transports;

namespace GenLog;

/// <summary>
/// Syslog to a local daemon over a Unix socket, <c>/dev/log</c> by default. Like CPython's
/// <c>SysLogHandler</c>, it connects a datagram socket (one message per datagram) and falls back to a
/// stream socket when the path is one; on a stream, messages end with LF (RFC 6587 §3.4.2, CR and LF
/// inside escaped). After the daemon restarts, the next attempt connects to the new socket. Datagrams from the
/// background sender go out many per <c>sendmmsg</c> call on Linux.
/// </summary>
public sealed class UnixSocketTransport : ISyslogTransport, IAbortableTransport, IDatagramBatchTransport, IDescribedTransport
{
    private readonly AbortSignal _abort = new();
    private Socket? _datagram;
    private System.Threading.CancellationTokenRegistration _datagramAbort;
    private StreamConnection? _stream;

    /// <summary>Sends to the socket at <paramref name="path"/>.</summary>
    /// <exception cref="ArgumentException">An empty path.</exception>
    public UnixSocketTransport(string path = "/dev/log")
    {
        Path = TransportChecks.Path(path);
    }

    /// <summary>The socket's path.</summary>
    public string Path { get; }

    /// <summary>Whether the connected socket is a stream socket (the fall-back); false before the first connect.</summary>
    public bool IsStream => _stream is not null;

    /// <summary>How long a connect may take. Default 10 s.</summary>
    public TimeSpan ConnectTimeout
    {
        get;
        init => field = TransportChecks.Timeout(value, "UnixSocketTransport.ConnectTimeout");
    } = TransportChecks.DefaultConnectTimeout;

    /// <summary>How long one send may block (a daemon that stopped reading). Default 30 s.</summary>
    public TimeSpan WriteTimeout
    {
        get;
        init => field = TransportChecks.Timeout(value, "UnixSocketTransport.WriteTimeout");
    } = TransportChecks.DefaultWriteTimeout;

    /// <inheritdoc />
    public void Connect()
    {
        if (_datagram is not null || _stream is not null)
        {
            return;
        }

        var endPoint = new UnixDomainSocketEndPoint(Path);
        var datagram = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified) { SendTimeout = (int)WriteTimeout.TotalMilliseconds };
        try
        {
            datagram.Connect(endPoint);
            _datagramAbort = _abort.Watch(datagram);
            _datagram = datagram;
            return;
        }
        catch (SocketException exception) when (exception.SocketErrorCode == SocketError.ProtocolType)
        {
            // EPROTOTYPE: the path is a stream socket (CPython tries SOCK_DGRAM, then SOCK_STREAM).
            datagram.Dispose();
        }
        catch
        {
            datagram.Dispose();
            throw;
        }

        var stream = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _stream = StreamConnection.OpenUnix(stream, endPoint, new FrameBuffer(FrameKind.LineFeed), ConnectTimeout, WriteTimeout, _abort);
    }

    /// <inheritdoc />
    public void Send(ReadOnlySpan<byte> message)
    {
        if (_datagram is not null)
        {
            _datagram.Send(message, SocketFlags.None);
        }
        else
        {
            (_stream ?? throw new InvalidOperationException("Connect() first.")).Send(message);
        }
    }

    /// <inheritdoc />
    int IDatagramBatchTransport.SendBatch(ReadOnlySpan<byte> messages, ReadOnlySpan<int> lengths)
    {
        if (_datagram is not null)
        {
            return DatagramBatch.Send(_datagram, messages, lengths);
        }

        // The stream fall-back buffers until Flush anyway.
        Send(messages[..lengths[0]]);
        return 1;
    }

    /// <inheritdoc />
    public void Flush() => _stream?.Flush();

    /// <inheritdoc />
    public void Disconnect()
    {
        _datagramAbort.Dispose();
        _datagram?.Dispose();
        _datagram = null;
        _stream?.Dispose();
        _stream = null;
    }

    /// <summary>The transport as a URI, for <see cref="SyslogStatistics.ActiveEndpoint"/> and the metrics.</summary>
    public string Endpoint => "unix://" + Path;

    /// <inheritdoc />
    bool IDescribedTransport.IsEncrypted => false;

    /// <inheritdoc />
    int IDescribedTransport.MaxMessageSize => int.MaxValue;

    /// <inheritdoc />
    public void Abort() => _abort.Abort();

    /// <summary>Closes the socket (a stream in order: the daemon reads everything before the close).</summary>
    public void Dispose()
    {
        _stream?.Close();
        _stream = null;
        Disconnect();
    }
}
