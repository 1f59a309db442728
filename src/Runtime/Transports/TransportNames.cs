using System.Globalization;

namespace GenLog.Transports;

/// <summary>Transports written as the URI that <see cref="SyslogWriter.Create"/> would take for them.</summary>
internal static class TransportNames
{
    /// <summary>What a transport says of itself (<see cref="IDescribedTransport.Endpoint"/>), else its type's name.</summary>
    public static string Describe(ISyslogTransport transport) =>
        transport is IDescribedTransport described ? described.Endpoint : transport.GetType().Name;

    public static string Network(string scheme, string host, int port) =>
        string.Create(CultureInfo.InvariantCulture, $"{scheme}://{(host.Contains(':') ? "[" + host + "]" : host)}:{port}");
}
