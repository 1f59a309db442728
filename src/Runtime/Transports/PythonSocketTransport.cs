using System;
using GenLog.Transports;

namespace GenLog;

/// <summary>
/// CPython <c>logging.handlers.SocketHandler</c>'s wire format over TCP: each record is a 4-byte
/// big-endian length and a pickle of the record's attribute dict, which a stock Python receiver
/// (<c>logging.makeLogRecord(pickle.loads(frame))</c>, the logging cookbook's socket server) accepts.
/// A writer over this transport builds Python records instead of syslog lines; it reconnects with
/// the same back-off as SocketHandler (1 s, ×2, 30 s), and keeps records queued meanwhile.
/// </summary>
public sealed class PythonSocketTransport : ISyslogTransport, IAbortableTransport, IPythonTransport, IDescribedTransport
{
    private readonly ConnectionSlot _connection;

    /// <summary>Sends to <paramref name="host"/>:<paramref name="port"/> (9020, <c>logging.handlers.DEFAULT_TCP_LOGGING_PORT</c>).</summary>
    /// <exception cref="ArgumentException">An empty host.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A port outside 1–65535.</exception>
    public PythonSocketTransport(string host, int port = 9020, PythonSocketOptions? options = null)
    {
        Host = TransportChecks.Host(host);
        Port = TransportChecks.Port(port);
        var key = options?.HmacKey;
        _connection = new ConnectionSlot(abort => StreamConnection.OpenTcp(Host, Port, new FrameBuffer(FrameKind.LengthPrefixed, key), ConnectTimeout, WriteTimeout, tls: null, abort));
    }

    /// <summary>The receiver's host name or address.</summary>
    public string Host { get; }

    /// <summary>The receiver's port.</summary>
    public int Port { get; }

    /// <summary>How long a connect may take. Default 10 s.</summary>
    public TimeSpan ConnectTimeout
    {
        get;
        init => field = TransportChecks.Timeout(value, "PythonSocketTransport.ConnectTimeout");
    } = TransportChecks.DefaultConnectTimeout;

    /// <summary>How long one write may block. Default 30 s.</summary>
    public TimeSpan WriteTimeout
    {
        get;
        init => field = TransportChecks.Timeout(value, "PythonSocketTransport.WriteTimeout");
    } = TransportChecks.DefaultWriteTimeout;

    int IPythonTransport.MaxPickleSize => int.MaxValue - PythonFrame.Overhead;

    /// <inheritdoc />
    public void Connect() => _connection.Connect();

    /// <inheritdoc />
    public void Send(ReadOnlySpan<byte> message) => _connection.Send(message);

    /// <inheritdoc />
    public void Flush() => _connection.Flush();

    /// <inheritdoc />
    public void Disconnect() => _connection.Disconnect();

    /// <summary>The transport as a URI, for <see cref="SyslogStatistics.ActiveEndpoint"/> and the metrics.</summary>
    public string Endpoint => TransportNames.Network("python", Host, Port);

    /// <inheritdoc />
    bool IDescribedTransport.IsEncrypted => false;

    /// <inheritdoc />
    int IDescribedTransport.MaxMessageSize => int.MaxValue;

    /// <inheritdoc />
    public void Abort() => _connection.Abort();

    /// <summary>Closes the connection in order: the receiver reads everything before the close.</summary>
    public void Dispose() => _connection.Close();
}
