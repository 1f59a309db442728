using System;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace GenLog.Benchmarks.Throughput;

/// <summary>One way of getting messages 0..count-1 to a fresh loopback receiver, timed.</summary>
public interface IThroughputContender
{
    string Name { get; }

    Trial Run(int count);
}

/// <summary>GenLog's generated method into a <see cref="SyslogWriter"/>: N calls on this thread, then FlushAsync.</summary>
public sealed class GenLogContender(string name, Func<int, LoopbackSink> sink, Func<IPEndPoint, ISyslogTransport> transport, bool synchronous) : IThroughputContender
{
    public string Name => name;

    public Trial Run(int count)
    {
        using var receiver = sink(count);
        using var writer = new SyslogWriter(transport(receiver.EndPoint), MessageBatch.WriterOptions(synchronous));
        return Trial.Measure(
            receiver,
            () =>
            {
                for (var i = 0; i < count; i++)
                {
                    MessageBatch.Log(writer, i);
                }

                writer.FlushAsync().GetAwaiter().GetResult();
            },
            () => Problems(writer.Statistics));
    }

    /// <summary>What the writer itself counted as going wrong, so a loss can be placed on the sending or the receiving side.</summary>
    private static string? Problems(SyslogStatistics statistics) =>
        statistics.Dropped + statistics.Errors + statistics.Reconnects == 0
            ? null
            : $"writer: {statistics.Dropped} dropped, {statistics.Errors} errors, {statistics.Reconnects} reconnects";
}

/// <summary>
/// A sender without GenLog: a connected socket to a fresh receiver, and <paramref name="sendAll"/> sending messages
/// 0..count-1 on it; only that is timed.
/// </summary>
public sealed class SocketContender(string name, Func<int, LoopbackSink> sink, SocketType socketType, ProtocolType protocol, Action<Socket, int> sendAll) : IThroughputContender
{
    public string Name => name;

    /// <summary>The limit: one <c>Socket.Send</c> per message of bytes GenLog formatted beforehand.</summary>
    public static SocketContender Raw(string name, Func<int, LoopbackSink> sink, SocketType socketType, ProtocolType protocol, MessageBatch messages) =>
        new(name, sink, socketType, protocol, (socket, count) =>
        {
            for (var i = 0; i < count; i++)
            {
                socket.Send(messages[i]);
            }
        });

    /// <summary>
    /// The batching limit: GenLog's preformatted datagrams handed to the kernel with <c>sendmmsg</c>, as many per call
    /// as GenLog's sender puts in one (its own batch code), still one message per datagram.
    /// </summary>
    public static SocketContender RawBatched(MessageBatch messages)
    {
        var lengths = messages.Lengths();
        return new("raw sendmmsg of GenLog's bytes (the batching limit)", n => new UdpSink(n), SocketType.Dgram, ProtocolType.Udp, (socket, count) =>
        {
            for (var i = 0; i < count;)
            {
                i += GenLog.Transports.DatagramBatch.Send(socket, messages.From(i), lengths.AsSpan(i, count - i));
            }
        });
    }

    /// <summary>What a hand-written sender does: an interpolated string per message, UTF-8 bytes, one <c>Socket.Send</c>.</summary>
    public static SocketContender Naive() =>
        new("naive: interpolated string + Encoding.UTF8.GetBytes + Socket.Send", n => new UdpSink(n), SocketType.Dgram, ProtocolType.Udp, (socket, count) =>
        {
            for (var i = 0; i < count; i++)
            {
                socket.Send(Encoding.UTF8.GetBytes(MessageBatch.NaiveLine(i)));
            }
        });

    public Trial Run(int count)
    {
        using var receiver = sink(count);
        using var socket = new Socket(AddressFamily.InterNetwork, socketType, protocol);
        socket.Connect(receiver.EndPoint);
        return Trial.Measure(receiver, () => sendAll(socket, count));
    }
}
