using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;

namespace GenLog.Benchmarks.Throughput;

/// <summary>One way of getting messages 0..count-1 to a fresh loopback receiver, timed.</summary>
public interface IThroughputContender
{
    string Name { get; }

    Trial Run(int count);
}

/// <summary>
/// GenLog's generated method into a <see cref="SyslogWriter"/>: N calls, then FlushAsync. With several producers,
/// this thread and producers-1 others each make their block of the calls (see <see cref="SequenceCheck"/>) into the
/// one shared writer, all released at once when the clock starts.
/// </summary>
public sealed class GenLogContender(string name, Func<int, LoopbackSink> sink, Func<IPEndPoint, ISyslogTransport> transport, bool synchronous, int producers = 1) : IThroughputContender
{
    public string Name => name;

    public Trial Run(int count)
    {
        using var receiver = sink(count);
        if (receiver.Check.Producers != producers)
        {
            throw new InvalidOperationException($"{name}: the sink checks {receiver.Check.Producers} producers' sequences, the contender runs {producers}.");
        }

        using var writer = new SyslogWriter(transport(receiver.EndPoint), MessageBatch.WriterOptions(synchronous));
        using var go = new ManualResetEventSlim();
        var perProducer = receiver.Check.PerProducer;
        var threads = new Thread[producers - 1];
        for (var t = 0; t < threads.Length; t++)
        {
            // Producer 0 is this thread; the others wait here so that thread start-up stays off the clock.
            var first = (t + 1) * perProducer;
            threads[t] = new Thread(() =>
            {
                go.Wait();
                LogAll(writer, first, perProducer);
            }) { IsBackground = true, Name = $"producer {t + 1}" };
            threads[t].Start();
        }

        return Trial.Measure(
            receiver,
            () =>
            {
                go.Set();
                LogAll(writer, 0, perProducer);
                foreach (var thread in threads)
                {
                    thread.Join();
                }

                writer.FlushAsync().GetAwaiter().GetResult();
            },
            () => Problems(writer.Statistics));
    }

    private static void LogAll(SyslogWriter writer, int first, int count)
    {
        for (var i = first; i < first + count; i++)
        {
            MessageBatch.Log(writer, i);
        }
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
