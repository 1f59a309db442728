using System;
using System.Collections.Generic;

namespace GenLog.Transports;

/// <summary>Turns the URIs of <see cref="SyslogWriter.Create"/> into transports; every unknown part is an error, never ignored.</summary>
internal static class TransportUri
{
    private const string Expected = "Expected udp://host[:514], tcp://host[:601][?framing=octet-counting|lf], tls://host[:6514], relp://host[:2514], relp+tls://host[:2514], unix:///path/to/socket, python://host[:9020], python+udp://host[:9021], or a comma-separated list of tcp, tls, relp and relp+tls URIs to fail over along.";

    /// <summary>One transport, or for a comma-separated list a <see cref="FailoverTransport"/> probing on the writer's reconnect schedule and clock.</summary>
    public static ISyslogTransport Parse(string uri, SyslogWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.Contains(','))
        {
            return ParseOne(uri);
        }

        var parts = uri.Split(',');
        var transports = new ISyslogTransport[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i].Trim();
            if (part.Length == 0)
            {
                throw Error(uri, "has an empty entry in its list");
            }

            if (!(part.StartsWith("tcp://", StringComparison.OrdinalIgnoreCase) || part.StartsWith("tls://", StringComparison.OrdinalIgnoreCase)
                || part.StartsWith("relp://", StringComparison.OrdinalIgnoreCase) || part.StartsWith("relp+tls://", StringComparison.OrdinalIgnoreCase)))
            {
                throw Error(uri, $"lists '{part}'; a failover list takes only tcp://, tls://, relp:// and relp+tls:// URIs");
            }

            transports[i] = ParseOne(part);
        }

        return new FailoverTransport(transports)
        {
            Reconnect = options?.Reconnect ?? ReconnectPolicy.Default,
            TimeProvider = options?.TimeProvider ?? TimeProvider.System,
        };
    }

    private static ISyslogTransport ParseOne(string uri)
    {
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed))
        {
            throw Error(uri, "is not a syslog URI");
        }

        if (!string.IsNullOrEmpty(parsed.Fragment) || !string.IsNullOrEmpty(parsed.UserInfo))
        {
            throw Error(uri, "has a fragment or user part, which no transport takes");
        }

        var query = Query(uri, parsed.Query);
        switch (parsed.Scheme)
        {
            case "udp":
                Network(uri, parsed, query, allowed: Array.Empty<string>());
                return new UdpTransport(Host(parsed), PortOr(parsed, 514));
            case "tcp":
                Network(uri, parsed, query, allowed: new[] { "framing" });
                return new TcpTransport(Host(parsed), PortOr(parsed, 601), Framing(uri, query));
            case "tls":
                Network(uri, parsed, query, allowed: Array.Empty<string>());
                return new TlsTransport(Host(parsed), PortOr(parsed, 6514));
            case "relp":
                Network(uri, parsed, query, allowed: Array.Empty<string>());
                return new RelpTransport(Host(parsed), PortOr(parsed, 2514));
            case "relp+tls":
                Network(uri, parsed, query, allowed: Array.Empty<string>());
                return new RelpTransport(Host(parsed), PortOr(parsed, 2514), new System.Net.Security.SslClientAuthenticationOptions());
            case "python":
                Network(uri, parsed, query, allowed: Array.Empty<string>());
                return new PythonSocketTransport(Host(parsed), PortOr(parsed, 9020));
            case "python+udp":
                Network(uri, parsed, query, allowed: Array.Empty<string>());
                return new PythonDatagramTransport(Host(parsed), PortOr(parsed, 9021));
            case "unix":
                if (!string.IsNullOrEmpty(parsed.Host) || query.Count > 0 || parsed.AbsolutePath.Length <= 1)
                {
                    throw Error(uri, "must be unix:// and an absolute socket path, with no host or query");
                }

                return new UnixSocketTransport(Uri.UnescapeDataString(parsed.AbsolutePath));
            default:
                throw Error(uri, $"has the scheme '{parsed.Scheme}', which is not supported");
        }
    }

    private static void Network(string uri, Uri parsed, Dictionary<string, string> query, string[] allowed)
    {
        if (string.IsNullOrEmpty(parsed.Host))
        {
            throw Error(uri, "has no host");
        }

        if (parsed.AbsolutePath != "/")
        {
            throw Error(uri, "has a path, which network transports do not take");
        }

        foreach (var key in query.Keys)
        {
            if (Array.IndexOf(allowed, key) < 0)
            {
                throw Error(uri, $"has the query option '{key}', which {parsed.Scheme}:// does not know");
            }
        }
    }

    private static SyslogFraming Framing(string uri, Dictionary<string, string> query)
    {
        if (!query.TryGetValue("framing", out var framing))
        {
            return SyslogFraming.OctetCounting;
        }

        return framing.ToLowerInvariant() switch
        {
            "octet-counting" or "octet" => SyslogFraming.OctetCounting,
            "lf" or "non-transparent" => SyslogFraming.NonTransparent,
            _ => throw Error(uri, $"has framing={framing}; framing is octet-counting or lf"),
        };
    }

    /// <summary>The host as the transports take it: an IPv6 zone (<c>[fe80::1%25eth0]</c>) unescaped, so it is kept.</summary>
    private static string Host(Uri parsed) => Uri.UnescapeDataString(parsed.IdnHost);

    private static int PortOr(Uri parsed, int fallback) => parsed.IsDefaultPort || parsed.Port < 0 ? fallback : parsed.Port;

    private static Dictionary<string, string> Query(string uri, string query)
    {
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            var key = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            if (!options.TryAdd(key, equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..])))
            {
                throw Error(uri, $"repeats the query option '{key}'");
            }
        }

        return options;
    }

    private static ArgumentException Error(string uri, string problem) => new($"'{uri}' {problem}. {Expected}", nameof(uri));
}
