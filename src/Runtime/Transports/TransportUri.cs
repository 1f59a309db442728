using System;
using System.Collections.Generic;
using System.Linq;

namespace GenLog.Transports;

/// <summary>Turns the URIs of <see cref="SyslogWriter.Create"/> into transports; every unknown part is an error, never ignored.</summary>
internal static class TransportUri
{
    private const string AllowPlaintextOption = "allow-plaintext";

    private const string Expected = "Expected udp://host[:514], tcp://host[:601][?framing=octet-counting|lf], tls://host[:6514], relp://host[:2514], relp+tls://host[:2514], unix:///path/to/socket, python://host[:9020], python+udp://host[:9021], or a comma-separated list of tcp, tls, relp and relp+tls URIs to fail over along.";

    /// <summary>One transport, or for a comma-separated list a <see cref="FailoverTransport"/> probing on the writer's reconnect schedule and clock.</summary>
    public static ISyslogTransport Parse(string uri, SyslogWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var time = options?.TimeProvider ?? TimeProvider.System;
        if (!uri.Contains(','))
        {
            return ParseOne(uri, inList: false, time, out _);
        }

        var parts = uri.Split(',');
        var transports = new ISyslogTransport[parts.Length];
        var allowPlaintext = false;
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

            transports[i] = ParseOne(part, inList: true, time, out var allowed);
            allowPlaintext |= allowed;
        }

        try
        {
            return new FailoverTransport(allowPlaintext, transports)
            {
                Reconnect = options?.Reconnect ?? ReconnectPolicy.Default,
                TimeProvider = time,
            };
        }
        catch (ArgumentException exception)
        {
            throw Error(uri, exception.Message);
        }
    }

    /// <summary>
    /// One URI. In a failover list, a plaintext entry may carry <c>allow-plaintext=true</c>: the user accepts that traffic
    /// meant for a TLS entry moves to it (see <see cref="FailoverTransport"/>); <paramref name="allowPlaintext"/> says so.
    /// RELP's response timeout runs on <paramref name="time"/>, the writer's clock.
    /// </summary>
    private static ISyslogTransport ParseOne(string uri, bool inList, TimeProvider time, out bool allowPlaintext)
    {
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed))
        {
            throw Error(uri, PortOutOfRange(uri) is { } port ? $"has the port {port}, outside 1-65535" : "is not a syslog URI");
        }

        if (!string.IsNullOrEmpty(parsed.Fragment) || !string.IsNullOrEmpty(parsed.UserInfo))
        {
            throw Error(uri, "has a fragment or user part, which no transport takes");
        }

        var query = Query(uri, parsed.Query);
        allowPlaintext = inList && parsed.Scheme is "tcp" or "relp" && AllowPlaintext(uri, query);
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
                return new RelpTransport(Host(parsed), PortOr(parsed, 2514)) { TimeProvider = time };
            case "relp+tls":
                Network(uri, parsed, query, allowed: Array.Empty<string>());
                return new RelpTransport(Host(parsed), PortOr(parsed, 2514), new System.Net.Security.SslClientAuthenticationOptions()) { TimeProvider = time };
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

                var path = Uri.UnescapeDataString(parsed.AbsolutePath);
                return path.Contains('\0')
                    ? throw Error(uri, "has a NUL character (%00) in its path, which would cut the path short")
                    : new UnixSocketTransport(path);
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
            // Option names ignore case, as schemes do.
            if (Array.FindIndex(allowed, name => string.Equals(name, key, StringComparison.OrdinalIgnoreCase)) < 0)
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

    /// <summary>Whether a list entry says <c>allow-plaintext=true</c>; any other value is an error.</summary>
    private static bool AllowPlaintext(string uri, Dictionary<string, string> query)
    {
        if (!query.Remove(AllowPlaintextOption, out var value))
        {
            return false;
        }

        return value.Equals("true", StringComparison.OrdinalIgnoreCase)
            ? true
            : throw Error(uri, $"has {AllowPlaintextOption}={value}; the option takes only true");
    }

    /// <summary>The port of a URI that <see cref="Uri"/> refused, when that port is a number outside 1–65535.</summary>
    private static string? PortOutOfRange(string uri)
    {
        var authority = uri.IndexOf("://", StringComparison.Ordinal);
        if (authority < 0)
        {
            return null;
        }

        var rest = uri[(authority + 3)..];
        var end = rest.IndexOfAny(['/', '?', '#']);
        var hostAndPort = end < 0 ? rest : rest[..end];
        var colon = hostAndPort.LastIndexOf(':');
        var port = colon < 0 || hostAndPort.EndsWith(']') ? string.Empty : hostAndPort[(colon + 1)..];
        return port.Length > 0 && port.All(char.IsAsciiDigit) && (port.Length > 5 || int.Parse(port, System.Globalization.CultureInfo.InvariantCulture) > 65535)
            ? port
            : null;
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
