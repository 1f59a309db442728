using System;
using System.Net.Security;
using GenLog.Transports;

namespace GenLog;

/// <summary>
/// Syslog over TLS (RFC 5425): octet-counted frames in a TLS stream. The server's certificate chain and
/// host name are always checked, unless the options carry the user's own
/// <see cref="SslClientAuthenticationOptions.RemoteCertificateValidationCallback"/>; a client certificate
/// (mutual TLS) goes in <see cref="SslClientAuthenticationOptions.ClientCertificates"/>. A failed
/// handshake is an error like any other (reported, retried with back-off); there is never a fall-back to
/// plain text.
/// </summary>
public sealed class TlsTransport : ISyslogTransport, IAbortableTransport, IDescribedTransport
{
    private readonly SslClientAuthenticationOptions _tls;
    private readonly ConnectionSlot _connection;

    /// <summary>Sends to <paramref name="host"/>:<paramref name="port"/> (6514, RFC 5425's port, by default).</summary>
    /// <param name="host">The server; also the name its certificate must carry, unless <paramref name="tls"/> sets <c>TargetHost</c>.</param>
    /// <param name="port">The server's port.</param>
    /// <param name="tls">TLS options (client certificates, protocols, a validation callback); null for the defaults.</param>
    public TlsTransport(string host, int port = 6514, SslClientAuthenticationOptions? tls = null)
    {
        Host = TransportChecks.Host(host);
        Port = TransportChecks.Port(port);
        _tls = TlsOptions.Copy(host, tls);
        _connection = new ConnectionSlot(abort => StreamConnection.OpenTcp(Host, Port, new FrameBuffer(FrameKind.OctetCounting), ConnectTimeout, WriteTimeout, _tls, abort));
    }

    /// <summary>The server's host name or address.</summary>
    public string Host { get; }

    /// <summary>The server's port.</summary>
    public int Port { get; }

    /// <summary>How long the connect, and then the handshake, may each take. Default 10 s.</summary>
    public TimeSpan ConnectTimeout
    {
        get;
        init => field = TransportChecks.Timeout(value, "TlsTransport.ConnectTimeout");
    } = TransportChecks.DefaultConnectTimeout;

    /// <summary>How long one write may block. Default 30 s.</summary>
    public TimeSpan WriteTimeout
    {
        get;
        init => field = TransportChecks.Timeout(value, "TlsTransport.WriteTimeout");
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
    public string Endpoint => TransportNames.Network("tls", Host, Port);

    /// <inheritdoc />
    bool IDescribedTransport.IsEncrypted => true;

    /// <inheritdoc />
    int IDescribedTransport.MaxMessageSize => int.MaxValue;

    /// <inheritdoc />
    public void Abort() => _connection.Abort();

    /// <summary>Closes the connection in order: the server reads everything before the close.</summary>
    public void Dispose() => _connection.Close();
}
