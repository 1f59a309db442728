using System;
using GenLog.Transports;

namespace GenLog;

/// <summary>
/// Syslog over TCP (RFC 6587), octet-counted by default. Connects lazily, on the sender's thread, within
/// <see cref="ConnectTimeout"/>; a server that closed the connection is noticed before the next write.
/// Plain TCP is at-most-once around a crash: what the kernel had accepted when the peer died may be
/// lost (see docs/transports.md); RELP is the acknowledged choice.
/// </summary>
public sealed class TcpTransport : ISyslogTransport, IAbortableTransport, IDescribedTransport
{
    private readonly ConnectionSlot _connection;

    /// <summary>Sends to <paramref name="host"/>:<paramref name="port"/> (601, RFC 6587's port, by default).</summary>
    /// <exception cref="ArgumentException">An empty host.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A port outside 1–65535 or an unknown framing.</exception>
    public TcpTransport(string host, int port = 601, SyslogFraming framing = SyslogFraming.OctetCounting)
    {
        Host = TransportChecks.Host(host);
        Port = TransportChecks.Port(port);
        Framing = TransportChecks.Framing(framing);
        _connection = new ConnectionSlot(abort => StreamConnection.OpenTcp(Host, Port, new FrameBuffer(FrameBuffer.Of(Framing)), ConnectTimeout, WriteTimeout, tls: null, abort));
    }

    /// <summary>The server's host name or address.</summary>
    public string Host { get; }

    /// <summary>The server's port.</summary>
    public int Port { get; }

    /// <summary>How messages are delimited on the stream.</summary>
    public SyslogFraming Framing { get; }

    /// <summary>How long a connect may take. Default 10 s.</summary>
    public TimeSpan ConnectTimeout
    {
        get;
        init => field = TransportChecks.Timeout(value, "TcpTransport.ConnectTimeout");
    } = TransportChecks.DefaultConnectTimeout;

    /// <summary>How long one write may block (a peer that stopped reading). Default 30 s.</summary>
    public TimeSpan WriteTimeout
    {
        get;
        init => field = TransportChecks.Timeout(value, "TcpTransport.WriteTimeout");
    } = TransportChecks.DefaultWriteTimeout;

    /// <inheritdoc />
    public void Connect() => _connection.Connect();

    /// <inheritdoc />
    public void Send(ReadOnlySpan<byte> message) => _connection.Send(message);

    /// <inheritdoc />
    public void Flush() => _connection.Flush();

    /// <inheritdoc />
    public void Disconnect() => _connection.Disconnect();

    /// <summary>The transport as a URI, for <see cref="SyslogStatistics.ActiveEndpoint"/> and the metrics.</summary>
    public string Endpoint => TransportNames.Network("tcp", Host, Port);

    /// <inheritdoc />
    bool IDescribedTransport.IsEncrypted => false;

    /// <inheritdoc />
    int IDescribedTransport.MaxMessageSize => int.MaxValue;

    /// <inheritdoc />
    public void Abort() => _connection.Abort();

    /// <summary>Closes the connection in order: the server reads everything before the close.</summary>
    public void Dispose() => _connection.Close();
}
