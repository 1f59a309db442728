using System;
using System.Net;
using System.Net.Sockets;

namespace GenLog.Transports;

/// <summary>Turns a host into the address the transports connect to.</summary>
internal static class HostResolver
{
    /// <summary>
    /// An address literal as it is; a name resolved with IPv4 first, which is where most syslog daemons listen. The
    /// lookup is bounded by <paramref name="timeout"/> (the transport's connect timeout: a DNS server that never answers
    /// must not hold the sender for the resolver's own minutes) and ends at once when <paramref name="abort"/> is thrown.
    /// </summary>
    public static IPAddress Resolve(string host, TimeSpan timeout, AbortSignal abort)
    {
        if (IPAddress.TryParse(host, out var literal))
        {
            return literal;
        }

        IPAddress[] addresses;
        using (var bound = abort.Within(timeout))
        {
            try
            {
                // WaitAsync as well: the lookup itself may not stop when cancelled, but the sender does not wait for it.
                addresses = Dns.GetHostAddressesAsync(host, bound.Token).WaitAsync(bound.Token).GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (!abort.Token.IsCancellationRequested)
            {
                throw new TimeoutException($"Resolving '{host}' took longer than {timeout.TotalSeconds:0.###} s (the connect timeout).");
            }
        }

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
