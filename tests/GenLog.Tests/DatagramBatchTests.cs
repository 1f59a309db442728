using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using GenLog.Transports;

namespace GenLog.Tests;

/// <summary>The batched datagram send the background sender uses: many datagrams per call, each its own message.</summary>
public class DatagramBatchTests
{
    [SkippableFact]
    public void One_call_sends_several_datagrams_and_each_arrives_whole()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "sendmmsg is Linux's; elsewhere the batch goes one datagram per call");
        using var pair = new LoopbackPair();
        var (receiver, sender) = (pair.Receiver, pair.Sender);

        var messages = new[] { "first", "the second one", "3" };
        var bytes = Encoding.ASCII.GetBytes(string.Concat(messages));
        var lengths = messages.Select(m => m.Length).ToArray();

        // Fewer than all three would mean sendmmsg failed and only the one-datagram fallback ran.
        Assert.Equal(3, DatagramBatch.Send(sender, bytes, lengths));
        var buffer = new byte[100];
        foreach (var expected in messages)
        {
            Assert.Equal(expected, Encoding.ASCII.GetString(buffer, 0, receiver.Receive(buffer)));
        }
    }

    [SkippableFact]
    public void More_messages_than_one_call_takes_are_sent_by_the_following_calls_in_order()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "sendmmsg is Linux's; elsewhere the batch goes one datagram per call");
        using var pair = new LoopbackPair();
        var (receiver, sender) = (pair.Receiver, pair.Sender);

        var messages = Enumerable.Range(0, 150).Select(i => $"m{i}").ToArray();
        var bytes = Encoding.ASCII.GetBytes(string.Concat(messages));
        var lengths = messages.Select(m => m.Length).ToArray();
        var offset = 0;
        var index = 0;
        var calls = 0;
        while (index < lengths.Length)
        {
            var sent = DatagramBatch.Send(sender, bytes.AsSpan(offset), lengths.AsSpan(index));
            Assert.InRange(sent, 1, lengths.Length - index);
            offset += lengths.Skip(index).Take(sent).Sum();
            index += sent;
            calls++;
        }

        Assert.InRange(calls, 2, 10);
        var buffer = new byte[100];
        foreach (var expected in messages)
        {
            Assert.Equal(expected, Encoding.ASCII.GetString(buffer, 0, receiver.Receive(buffer)));
        }
    }

    /// <summary>A UDP receiver on 127.0.0.1 and a sender connected to it.</summary>
    private sealed class LoopbackPair : IDisposable
    {
        public LoopbackPair()
        {
            Receiver.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            Receiver.ReceiveTimeout = 10_000;

            // Every datagram is read after the whole batch was sent: room for all of them (the kernel caps it at rmem_max).
            Receiver.ReceiveBufferSize = 4 * 1024 * 1024;
            Sender.Connect(Receiver.LocalEndPoint!);
        }

        public Socket Receiver { get; } = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);

        public Socket Sender { get; } = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);

        public void Dispose()
        {
            Sender.Dispose();
            Receiver.Dispose();
        }
    }
}
