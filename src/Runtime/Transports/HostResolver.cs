using System.Net;
using System.Net.Sockets;

namespace GenLog.Transports;

/// <summary>Turns a host into the address the transports connect to.</summary>
internal static class HostResolver
{
    /// <summary>An address literal as it is; a name resolved with IPv4 first, which is where most syslog daemons listen.</summary>
    public static IPAddress Resolve(string host)
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
