using System;
using System.Net;
using System.Net.Sockets;

namespace GenLog.Benchmarks.Throughput;

/// <summary>
/// A counting TCP receiver for RFC 6587 octet counting ("LEN SP MSG"): it accepts connections one after
/// another, reads big chunks and splits them into frames, frames that straddle two reads included. A frame
/// whose length is not digits and a space makes the rest of that connection unreadable (counted once).
/// </summary>
public sealed class TcpOctetCountingSink : LoopbackSink
{
    private const int ChunkBytes = 1024 * 1024;

    private readonly Socket _listener;

    public TcpOctetCountingSink(int expected, int producers = 1)
        : base(expected, producers, "TCP sink")
    {
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(4);
        EndPoint = (IPEndPoint)_listener.LocalEndPoint!;
        Start();
    }

    public override IPEndPoint EndPoint { get; }

    protected override void Receive(SequenceCheck check)
    {
        var buffer = new byte[ChunkBytes];
        while (!Stopped)
        {
            if (!_listener.Poll(StopPoll, SelectMode.SelectRead))
            {
                continue;
            }

            using var connection = _listener.Accept();
            connection.ReceiveTimeout = (int)StopPoll.TotalMilliseconds;
            ReadFrames(connection, buffer, check);
        }
    }

    protected override void CloseSockets() => _listener.Dispose();

    private void ReadFrames(Socket connection, byte[] buffer, SequenceCheck check)
    {
        var filled = 0;
        while (!Stopped)
        {
            int read;
            try
            {
                read = connection.Receive(buffer, filled, buffer.Length - filled, SocketFlags.None);
            }
            catch (SocketException exception) when (exception.SocketErrorCode == SocketError.TimedOut)
            {
                continue;
            }

            if (read == 0)
            {
                return;
            }

            filled += read;
            var used = SplitFrames(buffer.AsSpan(0, filled), check);
            if (used < 0)
            {
                check.Add([]);
                return;
            }

            // Keep the incomplete frame at the end for the next read.
            buffer.AsSpan(used, filled - used).CopyTo(buffer);
            filled -= used;
        }
    }

    /// <summary>Counts every complete frame in <paramref name="data"/>; returns the bytes consumed, or -1 for a malformed frame.</summary>
    private static int SplitFrames(ReadOnlySpan<byte> data, SequenceCheck check)
    {
        var position = 0;
        while (true)
        {
            var length = 0;
            var digits = position;
            while (digits < data.Length && (uint)(data[digits] - '0') <= 9 && digits - position < 9)
            {
                length = (length * 10) + (data[digits] - '0');
                digits++;
            }

            if (digits == data.Length)
            {
                return position;
            }

            if (digits == position || data[digits] != (byte)' ' || length > ChunkBytes / 2)
            {
                return -1;
            }

            var start = digits + 1;
            if (data.Length - start < length)
            {
                return position;
            }

            check.Add(data.Slice(start, length));
            position = start + length;
        }
    }
}
