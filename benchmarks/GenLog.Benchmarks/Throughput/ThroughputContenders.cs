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

/// <summary>The limit: one <c>Socket.Send</c> per message of bytes GenLog formatted beforehand; only the sends are timed.</summary>
public sealed class RawSendContender(string name, Func<int, LoopbackSink> sink, SocketType socketType, ProtocolType protocol, MessageBatch messages) : IThroughputContender
{
    public string Name => name;

    public Trial Run(int count)
    {
        using var receiver = sink(count);
        using var socket = new Socket(AddressFamily.InterNetwork, socketType, protocol);
        socket.Connect(receiver.EndPoint);
        return Trial.Measure(receiver, () =>
        {
            for (var i = 0; i < count; i++)
            {
                socket.Send(messages[i]);
            }
        });
    }
}

/// <summary>
/// The batching limit: GenLog's preformatted datagrams handed to the kernel with <c>sendmmsg</c>, as many per call as
/// GenLog's sender puts in one (its own batch code), still one message per datagram; only the sends are timed.
/// </summary>
public sealed class RawBatchSendContender(MessageBatch messages) : IThroughputContender
{
    private readonly int[] _lengths = messages.Lengths();

    public string Name => "raw sendmmsg of GenLog's bytes (the batching limit)";

    public Trial Run(int count)
    {
        using var receiver = new UdpSink(count);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Connect(receiver.EndPoint);
        return Trial.Measure(receiver, () =>
        {
            for (var i = 0; i < count;)
            {
                i += GenLog.Transports.DatagramBatch.Send(socket, messages.From(i), _lengths.AsSpan(i, count - i));
            }
        });
    }
}

/// <summary>What a hand-written sender does: an interpolated string per message, UTF-8 bytes, one <c>Socket.Send</c>.</summary>
public sealed class NaiveUdpContender : IThroughputContender
{
    public string Name => "naive: interpolated string + Encoding.UTF8.GetBytes + Socket.Send";

    public Trial Run(int count)
    {
        using var receiver = new UdpSink(count);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Connect(receiver.EndPoint);
        return Trial.Measure(receiver, () =>
        {
            for (var i = 0; i < count; i++)
            {
                socket.Send(Encoding.UTF8.GetBytes(MessageBatch.NaiveLine(i)));
            }
        });
    }
}
