using System;
using System.Net;
using System.Net.Sockets;

namespace GenLog;

/// <summary>
/// Syslog over UDP (RFC 5426): one datagram per message, on a connected socket. The host is
/// resolved on the first send, not at construction, so a writer can be built while DNS or the
/// server is down; a failed resolution is retried on the next send.
/// </summary>
public sealed class UdpTransport : ISyslogTransport
{
    /// <summary>The largest UDP payload over IPv4 (65,535 − 8 − 20).</summary>
    public const int MaxDatagramSize = 65507;

    private readonly object _connectLock = new();
    private Socket? _socket;
    private bool _disposed;

    /// <summary>Sends to <paramref name="host"/>:<paramref name="port"/>; the defaults are CPython <c>SysLogHandler</c>'s (localhost, 514).</summary>
    /// <exception cref="ArgumentException">An empty host.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A port outside 1–65535.</exception>
    public UdpTransport(string host = "localhost", int port = 514)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        if (port is < IPEndPoint.MinPort + 1 or > IPEndPoint.MaxPort)
        {
            throw new ArgumentOutOfRangeException(nameof(port), port, "A UDP port is 1 to 65535.");
        }

        Host = host;
        Port = port;
    }

    /// <summary>The host name or address messages are sent to.</summary>
    public string Host { get; }

    /// <summary>The UDP port messages are sent to.</summary>
    public int Port { get; }

    /// <inheritdoc />
    public void Send(ReadOnlySpan<byte> message)
    {
        var socket = _socket ?? Connect();
        socket.Send(message, SocketFlags.None);
    }

    /// <summary>Closes the socket.</summary>
    public void Dispose()
    {
        lock (_connectLock)
        {
            _disposed = true;
            _socket?.Dispose();
            _socket = null;
        }
    }

    private Socket Connect()
    {
        lock (_connectLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_socket is not null)
            {
                return _socket;
            }

            var address = Resolve(Host);
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
            return socket;
        }
    }

    /// <summary>An address literal as it is; a name resolved with IPv4 first, which is where most syslog daemons listen.</summary>
    private static IPAddress Resolve(string host)
    {
        if (IPAddress.TryParse(host, out var literal))
        {
            return literal;
        }

        var addresses = Dns.GetHostAddresses(host);
        foreach (var address in addresses)
        {
            if (address.AddressFamily == AddressFamily.InterNetwork)
            {
                return address;
            }
        }

        return addresses.Length > 0 ? addresses[0] : throw new SocketException((int)SocketError.HostNotFound);
    }
}
