using System.Globalization;

namespace GenLog.Transports;

/// <summary>A transport written as the URI that <see cref="SyslogWriter.Create"/> would take for it, for <see cref="SyslogStatistics.ActiveEndpoint"/>.</summary>
internal static class TransportNames
{
    public static string Describe(ISyslogTransport transport) => transport switch
    {
        UdpTransport udp => Network("udp", udp.Host, udp.Port),
        TcpTransport tcp => Network("tcp", tcp.Host, tcp.Port),
        TlsTransport tls => Network("tls", tls.Host, tls.Port),
        RelpTransport relp => Network(relp.UseTls ? "relp+tls" : "relp", relp.Host, relp.Port),
        UnixSocketTransport unix => "unix://" + unix.Path,
        PythonSocketTransport python => Network("python", python.Host, python.Port),
        PythonDatagramTransport python => Network("python+udp", python.Host, python.Port),
        FailoverTransport failover => Describe(failover.Active),
        _ => transport.GetType().Name,
    };

    public static string Network(string scheme, string host, int port) =>
        string.Create(CultureInfo.InvariantCulture, $"{scheme}://{(host.Contains(':') ? "[" + host + "]" : host)}:{port}");
}
