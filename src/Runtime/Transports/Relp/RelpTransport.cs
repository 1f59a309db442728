using System;
using System.Net.Security;
using GenLog.Transports;

namespace GenLog;

/// <summary>
/// rsyslog's RELP (the Reliable Event Logging Protocol, as librelp and rsyslog's imrelp speak it): every message is a
/// <c>syslog</c> command the server acknowledges, so a message leaves the writer's queue only when the server has it.
/// Up to <see cref="WindowSize"/> messages may be unacknowledged at once; a flush returns when all are acknowledged.
/// A negative or malformed response, a <c>serverclose</c>, a closed connection or no response within
/// <see cref="ResponseTimeout"/> is an error: the writer reconnects and sends again, in order and with new transaction
/// numbers, every message that was not acknowledged — at most the window arrives twice per reconnect.
/// With TLS (<c>relp+tls://</c>) the server's chain and host name are checked as by <see cref="TlsTransport"/>.
/// </summary>
public sealed class RelpTransport : ISyslogTransport, IAbortableTransport, IAcknowledgingTransport, IDescribedTransport
{
    /// <summary>librelp's default window: 128 unacknowledged commands.</summary>
    public const int DefaultWindowSize = 128;

    private readonly SslClientAuthenticationOptions? _tls;
    private readonly AbortSignal _abort = new();
    private RelpSession? _session;
    private int _carried;

    /// <summary>Plain RELP to <paramref name="host"/>:<paramref name="port"/> (2514, the port rsyslog's documentation uses, by default).</summary>
    /// <exception cref="ArgumentException">An empty host.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A port outside 1–65535.</exception>
    public RelpTransport(string host, int port = 2514)
    {
        Host = TransportChecks.Host(host);
        Port = TransportChecks.Port(port);
    }

    /// <summary>
    /// RELP over TLS, as imrelp's <c>tls="on"</c> listener speaks it (TLS from the first byte). The server's chain and
    /// host name are always checked, unless <paramref name="tls"/> carries your own
    /// <see cref="SslClientAuthenticationOptions.RemoteCertificateValidationCallback"/>; client certificates (for imrelp's
    /// <c>tls.authMode</c>) go in <see cref="SslClientAuthenticationOptions.ClientCertificates"/>.
    /// </summary>
    /// <param name="host">The server; also the name its certificate must carry, unless <paramref name="tls"/> sets <c>TargetHost</c>.</param>
    /// <param name="port">The server's port.</param>
    /// <param name="tls">TLS options (client certificates, protocols, a validation callback).</param>
    public RelpTransport(string host, int port, SslClientAuthenticationOptions tls)
        : this(host, port)
    {
        ArgumentNullException.ThrowIfNull(tls);
        _tls = TlsOptions.Copy(host, tls);
    }

    /// <summary>The server's host name or address.</summary>
    public string Host { get; }

    /// <summary>The server's port.</summary>
    public int Port { get; }

    /// <summary>True when the session runs over TLS.</summary>
    public bool UseTls => _tls is not null;

    /// <summary>How many messages may be unacknowledged at once (1 to 65,536); sending waits while the window is full. Default 128, as librelp.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside 1–65,536.</exception>
    public int WindowSize
    {
        get;
        init => field = value is >= 1 and <= 65_536 ? value : throw new ArgumentOutOfRangeException(nameof(WindowSize), value, "RelpTransport.WindowSize is 1 to 65536.");
    } = DefaultWindowSize;

    /// <summary>How long a connect, and then a TLS handshake, may each take. Default 10 s.</summary>
    public TimeSpan ConnectTimeout
    {
        get;
        init => field = TransportChecks.Timeout(value, "RelpTransport.ConnectTimeout");
    } = TransportChecks.DefaultConnectTimeout;

    /// <summary>How long one write may block (a server that stopped reading). Default 30 s.</summary>
    public TimeSpan WriteTimeout
    {
        get;
        init => field = TransportChecks.Timeout(value, "RelpTransport.WriteTimeout");
    } = TransportChecks.DefaultWriteTimeout;

    /// <summary>
    /// How long the transport waits for a response while it needs one (the <c>open</c> answer, a free slot in a full
    /// window, the acknowledgements a flush waits for) with none arriving; each response starts it over. A server that
    /// accepts and never answers is detected this way. Default 30 s.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Under 1 ms or over 1 day.</exception>
    public TimeSpan ResponseTimeout
    {
        get;
        init => field = TransportChecks.Timeout(value, "RelpTransport.ResponseTimeout");
    } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The clock <see cref="ResponseTimeout"/> runs on. Default <see cref="TimeProvider.System"/>; a <c>relp://</c> URI's
    /// transport gets the writer's <see cref="SyslogWriterOptions.TimeProvider"/>, as the back-off does.
    /// </summary>
    public TimeProvider TimeProvider
    {
        get;
        init => field = value ?? throw new ArgumentNullException(nameof(TimeProvider));
    } = TimeProvider.System;

    /// <summary>The highest transaction number a session uses before it is closed and a new one opened; the specification's 999,999,999 (tests lower it).</summary>
    internal int MaxTransactionNumber { get; init; } = RelpSession.MaxTransactionNumber;

    /// <summary>Opens a session (connect, TLS, <c>open</c>) when there is none; a session the server closed while idle is replaced.</summary>
    public void Connect()
    {
        if (_session is { Failed: true })
        {
            // Closed by the server (serverclose, a restart) between batches: everything was acknowledged before.
            _session.Dispose();
            _session = null;
        }

        _session ??= Open();
    }

    /// <inheritdoc />
    public void Send(ReadOnlySpan<byte> message)
    {
        var session = _session ?? throw new InvalidOperationException("Connect() first.");
        if (session.Exhausted)
        {
            // "RELP FRAME": TXNR has at most 9 digits. Rather than wrapping (librelp's server counts past 999,999,999), a
            // session that used them all is closed, once everything is acknowledged, and a new one starts at 1.
            session.Flush();
            _carried += session.TakeAcknowledged();
            session.Close();
            _session = null;
            session = _session = Open();
        }

        session.Send(message);
    }

    /// <summary>Writes what is buffered and returns when the server acknowledged every message sent since the last flush.</summary>
    public void Flush()
    {
        var session = _session ?? throw new InvalidOperationException("Connect() first.");
        session.Flush();
        session.TakeAcknowledged();
        _carried = 0;
    }

    /// <inheritdoc />
    public void Disconnect()
    {
        _session?.Dispose();
        _session = null;
        _carried = 0;
    }

    /// <summary>The transport as a URI, for <see cref="SyslogStatistics.ActiveEndpoint"/> and the metrics.</summary>
    public string Endpoint => TransportNames.Network(UseTls ? "relp+tls" : "relp", Host, Port);

    /// <inheritdoc />
    bool IDescribedTransport.IsEncrypted => UseTls;

    /// <inheritdoc />
    int IDescribedTransport.MaxMessageSize => int.MaxValue;

    /// <inheritdoc />
    public void Abort() => _abort.Abort();

    /// <summary>Sends <c>close</c> and closes the connection in order.</summary>
    public void Dispose()
    {
        _session?.Close();
        _session = null;
    }

    /// <inheritdoc />
    int IAcknowledgingTransport.TakeAcknowledged()
    {
        var acknowledged = _carried + (_session?.Abandon() ?? 0);
        _session = null;
        _carried = 0;
        return acknowledged;
    }

    /// <summary>The transport as a URI, for <see cref="SyslogStatistics.ActiveEndpoint"/>.</summary>
    public override string ToString() => Endpoint;

    private RelpSession Open() =>
        RelpSession.Open(Host, Port, _tls, ConnectTimeout, WriteTimeout, new RelpResponseClock(ResponseTimeout, TimeProvider), WindowSize, MaxTransactionNumber, _abort);
}
