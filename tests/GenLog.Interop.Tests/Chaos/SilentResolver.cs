using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;

namespace GenLog.Interop.Tests.Chaos;

/// <summary>
/// A DNS "resolver" on a random 127.x.y.z, UDP port 53, that reads every query and never answers: the name server that
/// does not respond. Only a process whose /etc/resolv.conf names it (a child in its own mount namespace) ever asks it;
/// the machine's resolver is never touched.
/// </summary>
internal sealed class SilentResolver : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly ConcurrentQueue<string> _questions = new();
    private readonly Task _reading;

    public SilentResolver()
    {
        // 127.0.0.0/8 is loopback as a whole on Linux: a random address in it collides with no other test's resolver.
        var random = Random.Shared;
        Address = new IPAddress([127, (byte)random.Next(1, 255), (byte)random.Next(1, 255), (byte)random.Next(2, 255)]);
        _socket.Bind(new IPEndPoint(Address, 53));
        _reading = ReadAsync();
    }

    /// <summary>Where the resolver listens (port 53).</summary>
    public IPAddress Address { get; }

    /// <summary>The names asked so far, with the query type ("never.genlog.test A").</summary>
    public IReadOnlyCollection<string> Questions => _questions;

    /// <summary>A resolv.conf that sends every lookup here and waits long for each (glibc: 30 s per try, 5 tries).</summary>
    public string ResolvConf => $"nameserver {Address}\noptions timeout:30 attempts:5\n";

    public void Dispose()
    {
        _socket.Dispose();
        _reading.Wait(TimeSpan.FromSeconds(5));
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[1500];
        try
        {
            while (true)
            {
                var received = await _socket.ReceiveFromAsync(buffer, new IPEndPoint(IPAddress.Any, 0));
                _questions.Enqueue(Question(buffer.AsSpan(0, received.ReceivedBytes)));
            }
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
            // Disposed.
        }
    }

    /// <summary>The first question of a DNS query (RFC 1035 §4.1.2): the name's labels and the type.</summary>
    private static string Question(ReadOnlySpan<byte> query)
    {
        var labels = new List<string>();
        var at = 12;
        while (at < query.Length && query[at] != 0 && at + 1 + query[at] <= query.Length)
        {
            labels.Add(Encoding.ASCII.GetString(query.Slice(at + 1, query[at])));
            at += 1 + query[at];
        }

        var type = at + 3 <= query.Length ? (query[at + 1] << 8) | query[at + 2] : -1;
        return string.Join('.', labels) + " " + type switch { 1 => "A", 28 => "AAAA", _ => type.ToString(System.Globalization.CultureInfo.InvariantCulture) };
    }
}
