using System;
using System.Net;
using System.Net.Sockets;
using GenLog.Transports;

namespace GenLog;

/// <summary>
/// Syslog over UDP (RFC 5426): one datagram per message, on a connected socket. The host is resolved
/// when the first message is sent, not at construction, so a writer can be built while DNS or the
/// server is down. The background sender hands it whole batches, sent with one <c>sendmmsg</c> call on Linux.
/// </summary>
public sealed class UdpTransport : ISyslogTransport, IAbortableTransport, IDatagramBatchTransport, IDescribedTransport
{
    /// <summary>The largest UDP payload over IPv4 (65,535 − 8 − 20).</summary>
    public const int MaxDatagramSize = 65507;

    private readonly AbortSignal _abort = new();
    private Socket? _socket;

    /// <summary>Sends to <paramref name="host"/>:<paramref name="port"/>; the defaults are CPython <c>SysLogHandler</c>'s (localhost, 514).</summary>
    /// <exception cref="ArgumentException">An empty host.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A port outside 1–65535.</exception>
    public UdpTransport(string host = "localhost", int port = 514)
    {
        Host = TransportChecks.Host(host);
        Port = TransportChecks.Port(port);
    }

    /// <summary>The host name or address messages are sent to.</summary>
    public string Host { get; }

    /// <summary>The UDP port messages are sent to.</summary>
    public int Port { get; }

    /// <summary>How long resolving <see cref="Host"/> may take (a DNS server that never answers). Default 10 s.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Under 1 ms or over 1 day.</exception>
    public TimeSpan ConnectTimeout
    {
        get;
        init => field = TransportChecks.Timeout(value, "UdpTransport.ConnectTimeout");
    } = TransportChecks.DefaultConnectTimeout;

    /// <inheritdoc />
    public void Connect()
    {
        if (_socket is not null)
        {
            return;
        }

        var address = HostResolver.Resolve(Host, ConnectTimeout, _abort);
        var socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Connect(new IPEndPoint(address, Port));
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        _socket = socket;
    }

    /// <inheritdoc />
    public void Send(ReadOnlySpan<byte> message)
    {
        var socket = _socket ?? throw new InvalidOperationException("Connect() first.");
        socket.Send(message, SocketFlags.None);
    }

    /// <inheritdoc />
    int IDatagramBatchTransport.SendBatch(ReadOnlySpan<byte> messages, ReadOnlySpan<int> lengths) =>
        DatagramBatch.Send(_socket ?? throw new InvalidOperationException("Connect() first."), messages, lengths);

    /// <summary>Nothing to do: every datagram was sent by <see cref="Send"/>.</summary>
    public void Flush()
    {
    }

    /// <inheritdoc />
    public void Disconnect()
    {
        _socket?.Dispose();
        _socket = null;
    }

    /// <summary>The transport as a URI, for <see cref="SyslogStatistics.ActiveEndpoint"/> and the metrics.</summary>
    public string Endpoint => TransportNames.Network("udp", Host, Port);

    /// <inheritdoc />
    bool IDescribedTransport.IsEncrypted => false;

    /// <inheritdoc />
    int IDescribedTransport.MaxMessageSize => MaxDatagramSize;

    /// <inheritdoc />
    public void Abort() => _abort.Abort();

    /// <summary>Closes the socket.</summary>
    public void Dispose() => Disconnect();
}
