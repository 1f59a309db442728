using System;
using GenLog.Transports;

namespace GenLog;

/// <summary>
/// CPython <c>logging.handlers.DatagramHandler</c>: the frames of <see cref="PythonSocketTransport"/>
/// (length and pickle), one per UDP datagram. URI <c>python+udp://host:9021</c>.
/// </summary>
public sealed class PythonDatagramTransport : ISyslogTransport, IAbortableTransport, IPythonTransport, IDescribedTransport
{
    private readonly UdpTransport _udp;
    private readonly byte[]? _hmacKey;
    private readonly byte[] _frame = new byte[UdpTransport.MaxDatagramSize];

    /// <summary>Sends to <paramref name="host"/>:<paramref name="port"/> (9021, <c>logging.handlers.DEFAULT_UDP_LOGGING_PORT</c>).</summary>
    /// <exception cref="ArgumentException">An empty host.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A port outside 1–65535.</exception>
    public PythonDatagramTransport(string host = "localhost", int port = 9021, PythonSocketOptions? options = null)
    {
        _udp = new UdpTransport(host, port);
        _hmacKey = options?.HmacKey;
    }

    /// <summary>The receiver's host name or address.</summary>
    public string Host => _udp.Host;

    /// <summary>The receiver's UDP port.</summary>
    public int Port => _udp.Port;

    int IPythonTransport.MaxPickleSize => UdpTransport.MaxDatagramSize - PythonFrame.Overhead;

    /// <inheritdoc />
    public void Connect() => _udp.Connect();

    /// <inheritdoc />
    public void Send(ReadOnlySpan<byte> message)
    {
        var length = PythonFrame.Write(_frame, message, _hmacKey);
        _udp.Send(_frame.AsSpan(0, length));
    }

    /// <inheritdoc />
    public void Flush() => _udp.Flush();

    /// <inheritdoc />
    public void Disconnect() => _udp.Disconnect();

    /// <summary>Closes the socket.</summary>
    public void Dispose() => _udp.Dispose();

    /// <summary>The transport as a URI, for <see cref="SyslogStatistics.ActiveEndpoint"/> and the metrics.</summary>
    public string Endpoint => TransportNames.Network("python+udp", Host, Port);

    /// <inheritdoc />
    bool IDescribedTransport.IsEncrypted => false;

    /// <inheritdoc />
    int IDescribedTransport.MaxMessageSize => UdpTransport.MaxDatagramSize;

    /// <inheritdoc />
    public void Abort() => _udp.Abort();
}
