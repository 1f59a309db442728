using System;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using GenLog.Transports;

namespace GenLog.Benchmarks.Throughput;

/// <summary>
/// A UDP receiver that keeps up with loopback senders on a small machine: a receive buffer forced large
/// (SO_RCVBUFFORCE, as root; else the largest ReceiveBufferSize the kernel allows), a dedicated thread, and on
/// Linux recvmmsg, many datagrams per system call. A datagram the kernel dropped because the buffer was full
/// shows up as missing in the trial's <see cref="SequenceCheck"/>.
/// </summary>
public sealed unsafe class UdpSink : LoopbackSink
{
    /// <summary>Asked of the kernel (which doubles it): room for several hundred thousand small datagrams.</summary>
    private const int RequestedBuffer = 256 * 1024 * 1024;

    private const int SolSocket = 1;
    private const int SoRcvBufForce = 33;
    private const int MsgWaitForOne = 0x10000;
    private const int Slots = 256;
    private const int SlotBytes = 4096;
    private const int EAgain = 11;
    private const int EIntr = 4;

    private readonly Socket _socket;

    public UdpSink(int expected, int producers = 1)
        : base(expected, producers, "UDP sink")
    {
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        ReceiveBuffer = EnlargeReceiveBuffer(_socket);
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _socket.ReceiveTimeout = (int)StopPoll.TotalMilliseconds;
        EndPoint = (IPEndPoint)_socket.LocalEndPoint!;
        Start();
    }

    public override IPEndPoint EndPoint { get; }

    /// <summary>The receive buffer the kernel granted, in bytes, and how it was obtained.</summary>
    public (int Bytes, string How) ReceiveBuffer { get; }

    protected override void Receive(SequenceCheck check)
    {
        if (OperatingSystem.IsLinux())
        {
            ReceiveMany(check);
        }
        else
        {
            ReceiveOneByOne(check);
        }
    }

    protected override void CloseSockets() => _socket.Dispose();

    private static (int Bytes, string How) EnlargeReceiveBuffer(Socket socket)
    {
        try
        {
            socket.SetRawSocketOption(SolSocket, SoRcvBufForce, BitConverter.GetBytes(RequestedBuffer));
            return (socket.ReceiveBufferSize, "SO_RCVBUFFORCE");
        }
        catch (SocketException)
        {
            // Not root (or not Linux): the kernel caps this at net.core.rmem_max.
            socket.ReceiveBufferSize = RequestedBuffer;
            return (socket.ReceiveBufferSize, "ReceiveBufferSize, capped by the kernel");
        }
    }

    private void ReceiveMany(SequenceCheck check)
    {
        var buffers = (byte*)NativeMemory.Alloc(Slots * SlotBytes);
        var vectors = (IoVector*)NativeMemory.AllocZeroed(Slots, (nuint)sizeof(IoVector));
        var headers = (MultiMessageHeader*)NativeMemory.AllocZeroed(Slots, (nuint)sizeof(MultiMessageHeader));
        try
        {
            for (var i = 0; i < Slots; i++)
            {
                vectors[i] = new IoVector { Base = buffers + (i * SlotBytes), Length = SlotBytes };
                headers[i].Header.Vectors = vectors + i;
                headers[i].Header.VectorCount = 1;
            }

            var descriptor = (int)_socket.SafeHandle.DangerousGetHandle();
            while (!Stopped)
            {
                // Blocks for the first datagram (at most SO_RCVTIMEO), then takes whatever else is queued.
                var count = recvmmsg(descriptor, headers, Slots, MsgWaitForOne, null);
                if (count < 0)
                {
                    var error = Marshal.GetLastPInvokeError();
                    if (error is EAgain or EIntr)
                    {
                        continue;
                    }

                    throw new SocketException(error);
                }

                for (var i = 0; i < count; i++)
                {
                    check.Add(new ReadOnlySpan<byte>(buffers + (i * SlotBytes), (int)headers[i].Length));
                }
            }
        }
        finally
        {
            NativeMemory.Free(headers);
            NativeMemory.Free(vectors);
            NativeMemory.Free(buffers);
        }
    }

    private void ReceiveOneByOne(SequenceCheck check)
    {
        var buffer = new byte[SlotBytes];
        while (!Stopped)
        {
            try
            {
                check.Add(buffer.AsSpan(0, _socket.Receive(buffer)));
            }
            catch (SocketException exception) when (exception.SocketErrorCode == SocketError.TimedOut)
            {
            }
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int recvmmsg(int socket, MultiMessageHeader* messages, uint count, int flags, void* timeout);
}
