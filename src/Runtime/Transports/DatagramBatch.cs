using System;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace GenLog.Transports;

/// <summary>
/// Sends a batch of datagrams on a connected socket with Linux's <c>sendmmsg(2)</c>: one system call for up
/// to <see cref="MaxPerCall"/> datagrams, each still its own message (RFC 5426 §3.1). Elsewhere, and for the
/// one datagram the kernel refused, it sends one at a time with <see cref="Socket.Send(ReadOnlySpan{byte}, SocketFlags)"/>,
/// so errors surface exactly as they do without batching.
/// </summary>
internal static unsafe partial class DatagramBatch
{
    /// <summary>Datagrams per system call: the headers live on the stack (64 × 80 bytes).</summary>
    private const int MaxPerCall = 64;

    /// <summary>Sends as many of the messages as one call takes, at least one, and returns how many; see <see cref="IDatagramBatchTransport.SendBatch"/>.</summary>
    public static int Send(Socket socket, ReadOnlySpan<byte> messages, ReadOnlySpan<int> lengths)
    {
        if (lengths.Length == 1 || !OperatingSystem.IsLinux())
        {
            socket.Send(messages[..lengths[0]], SocketFlags.None);
            return 1;
        }

        var count = Math.Min(lengths.Length, MaxPerCall);
        var headers = stackalloc MultiMessageHeader[count];
        var vectors = stackalloc IoVector[count];
        int sent;
        var handle = socket.SafeHandle;
        var added = false;
        fixed (byte* start = messages)
        {
            var offset = 0;
            for (var i = 0; i < count; i++)
            {
                vectors[i] = new IoVector { Base = start + offset, Length = (nuint)lengths[i] };
                headers[i] = new MultiMessageHeader { Header = new MessageHeader { Vectors = &vectors[i], VectorCount = 1 } };
                offset += lengths[i];
            }

            try
            {
                handle.DangerousAddRef(ref added);
                sent = SendMultiple((int)handle.DangerousGetHandle(), headers, (uint)count, 0);
            }
            finally
            {
                if (added)
                {
                    handle.DangerousRelease();
                }
            }
        }

        if (sent > 0)
        {
            return sent;
        }

        // The first datagram failed (or the socket would block): Socket.Send retries or throws the SocketException
        // the engine handles (EMSGSIZE drops that one datagram; anything else reconnects).
        socket.Send(messages[..lengths[0]], SocketFlags.None);
        return 1;
    }

    [LibraryImport("libc", EntryPoint = "sendmmsg", SetLastError = true)]
    private static partial int SendMultiple(int socket, MultiMessageHeader* messages, uint count, int flags);
}
