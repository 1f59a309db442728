using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace GenLog.Interop.Tests.Support;

/// <summary>A UDP socket on 127.0.0.1 (a free port) that hands back the datagrams sent to it.</summary>
public sealed class UdpCapture : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);

    public UdpCapture()
    {
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));

        // Tests send a burst before they read it: room for hundreds of datagrams (the kernel caps it at rmem_max).
        _socket.ReceiveBufferSize = 4 * 1024 * 1024;
    }

    public int Port => ((IPEndPoint)_socket.LocalEndPoint!).Port;

    /// <summary>The next datagram, or a failure naming <paramref name="what"/> when none comes within the timeout.</summary>
    public async Task<byte[]> ReceiveAsync(string what, TimeSpan? timeout = null)
    {
        var buffer = new byte[65536];
        using var cancellation = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        try
        {
            var length = await _socket.ReceiveAsync(buffer, SocketFlags.None, cancellation.Token);
            return buffer.AsSpan(0, length).ToArray();
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No datagram from {what} arrived on 127.0.0.1:{Port} within {(timeout ?? TimeSpan.FromSeconds(10)).TotalSeconds:F0} s.");
        }
    }

    /// <summary>True when another datagram is waiting (checked after a short grace period).</summary>
    public async Task<bool> HasMoreAsync()
    {
        await Task.Delay(50);
        return _socket.Available > 0;
    }

    public void Dispose() => _socket.Dispose();
}
