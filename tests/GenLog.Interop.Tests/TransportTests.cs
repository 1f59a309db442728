using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using GenLog.Interop.Tests.Support;
using Xunit.Abstractions;

namespace GenLog.Interop.Tests;

/// <summary>Sequence-numbered messages for the transport and peer tests.</summary>
public static partial class SequenceLog
{
    [SyslogMessage(SyslogFacility.Local4, SyslogSeverity.Notice, "seq={Seq} {Text}", MsgId = "SEQ")]
    public static partial void Numbered(SyslogWriter writer, int seq, string text);
}

/// <summary>Each transport's bytes on the wire, read by loopback servers of the test's own, byte for byte.</summary>
public sealed class TransportTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private static SyslogWriterOptions Options(Action<SyslogWriterOptions>? configure = null)
    {
        var options = new SyslogWriterOptions
        {
            HostName = "h",
            AppName = "app",
            ProcId = "7",
            Utf8Bom = false,
            Reconnect = new ReconnectPolicy { InitialDelay = TimeSpan.FromMilliseconds(20), MaxDelay = TimeSpan.FromMilliseconds(200) },
        };
        configure?.Invoke(options);
        return options;
    }

    /// <summary>A daemon's datagram socket at <paramref name="path"/>, as rsyslog's imuxsock or journald opens it.</summary>
    private static Socket UnixDatagramReceiver(string path)
    {
        var receiver = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        receiver.Bind(new UnixDomainSocketEndPoint(path));
        receiver.ReceiveTimeout = (int)Timeout.TotalMilliseconds;
        return receiver;
    }

    [Fact]
    public async Task Tcp_octet_counting_frames_are_len_sp_msg_with_any_byte_inside()
    {
        using var server = new TcpListener(IPAddress.Loopback, 0);
        server.Start();
        var port = ((IPEndPoint)server.LocalEndpoint).Port;
        await using (var writer = new SyslogWriter(new TcpTransport("127.0.0.1", port), Options(o => o.EscapeControlCharacters = false)))
        {
            SequenceLog.Numbered(writer, 1, "plain");
            SequenceLog.Numbered(writer, 2, "line\nbreak é");
            await writer.FlushAsync().WaitAsync(Timeout);
        }

        using var client = await server.AcceptTcpClientAsync().WaitAsync(Timeout);
        var bytes = await ReadToEndAsync(client.GetStream());
        var frames = OctetCountedFrames(bytes);
        Assert.Equal(2, frames.Count);
        Assert.EndsWith(" SEQ - seq=1 plain", frames[0]);
        Assert.EndsWith(" SEQ - seq=2 line\nbreak é", frames[1]);
        Assert.StartsWith("<165>1 ", frames[0]);
    }

    [Fact]
    public async Task Tcp_lf_framing_ends_each_record_with_lf_and_escapes_cr_and_lf_inside()
    {
        using var server = new TcpListener(IPAddress.Loopback, 0);
        server.Start();
        var port = ((IPEndPoint)server.LocalEndpoint).Port;
        await using (var writer = SyslogWriter.Create($"tcp://127.0.0.1:{port}?framing=lf", Options(o => o.EscapeControlCharacters = false)))
        {
            SequenceLog.Numbered(writer, 1, "injected\n<13>1 - forged - - - - fake\r\nrecord");
            SequenceLog.Numbered(writer, 2, "next");
            await writer.FlushAsync().WaitAsync(Timeout);
        }

        using var client = await server.AcceptTcpClientAsync().WaitAsync(Timeout);
        var text = Encoding.UTF8.GetString(await ReadToEndAsync(client.GetStream()));
        var records = text.Split('\n');
        Assert.Equal(3, records.Length); // two records and the empty rest after the last LF
        Assert.EndsWith("seq=1 injected#012<13>1 - forged - - - - fake#015#012record", records[0]);
        Assert.EndsWith("seq=2 next", records[1]);
        Assert.Equal(string.Empty, records[2]);
    }

    [Fact]
    public async Task Many_messages_are_coalesced_into_few_writes_and_arrive_in_order()
    {
        using var server = new TcpListener(IPAddress.Loopback, 0);
        server.Start();
        var port = ((IPEndPoint)server.LocalEndpoint).Port;
        var accept = server.AcceptTcpClientAsync();
        await using (var writer = new SyslogWriter(new TcpTransport("127.0.0.1", port), Options()))
        {
            for (var i = 0; i < 20_000; i++)
            {
                SequenceLog.Numbered(writer, i, "x");
            }

            using var client = await accept.WaitAsync(Timeout);
            var reading = ReadToEndAsync(client.GetStream());
            await writer.FlushAsync().WaitAsync(Timeout);
            await writer.DisposeAsync();
            var frames = OctetCountedFrames(await reading.WaitAsync(Timeout));
            Assert.Equal(Enumerable.Range(0, 20_000).Select(i => $"seq={i} x"), frames.Select(f => f[(f.IndexOf("seq=", StringComparison.Ordinal))..]));
            Assert.Equal(20_000, writer.Statistics.Sent);
        }
    }

    [Fact]
    public async Task A_server_that_closes_the_connection_is_noticed_and_the_writer_reconnects_by_itself()
    {
        using var server = new TcpListener(IPAddress.Loopback, 0);
        server.Start();
        var port = ((IPEndPoint)server.LocalEndpoint).Port;
        await using var writer = new SyslogWriter(new TcpTransport("127.0.0.1", port), Options());
        SequenceLog.Numbered(writer, 1, "first connection");
        await writer.FlushAsync().WaitAsync(Timeout);
        using (var first = await server.AcceptTcpClientAsync().WaitAsync(Timeout))
        {
            var frame = OctetCountedFrames(await ReadSomeAsync(first.GetStream(), 1));
            Assert.EndsWith("seq=1 first connection", Assert.Single(frame));
        }

        // The server closed its side. Keep logging until the writer, having seen the close, connects again.
        var accept = server.AcceptTcpClientAsync();
        var deadline = DateTime.UtcNow + Timeout;
        for (var seq = 2; !accept.IsCompleted && DateTime.UtcNow < deadline; seq++)
        {
            SequenceLog.Numbered(writer, seq, "second connection");
            await Task.WhenAny(accept, Task.Delay(100));
        }

        using var second = await accept.WaitAsync(Timeout);
        var frames = OctetCountedFrames(await ReadSomeAsync(second.GetStream(), 1));
        Assert.EndsWith("second connection", frames[0]);
        await writer.FlushAsync().WaitAsync(Timeout);
        Assert.Equal(1, writer.Statistics.Reconnects);
    }

    [Fact]
    public async Task A_peer_that_accepts_but_never_reads_never_blocks_a_logging_call()
    {
        using var server = new TcpListener(IPAddress.Loopback, 0);
        server.Start();
        var port = ((IPEndPoint)server.LocalEndpoint).Port;
        var transport = new TcpTransport("127.0.0.1", port) { WriteTimeout = TimeSpan.FromSeconds(2) };
        await using var writer = new SyslogWriter(transport, Options(o =>
        {
            o.QueueCapacity = 1024 * 1024;
            o.CloseTimeout = TimeSpan.FromMilliseconds(200);
        }));
        var accepting = server.AcceptTcpClientAsync();
        var took = new double[20_000];
        var text = new string('x', 900);
        for (var i = 0; i < took.Length; i++)
        {
            var started = Stopwatch.GetTimestamp();
            SequenceLog.Numbered(writer, i, text);
            took[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
        }

        Array.Sort(took);

        using var silent = await accepting.WaitAsync(Timeout);
        output.WriteLine($"20,000 logging calls into a full TCP window: median {took[10_000]:0.0} µs, p99 {took[19_800]:0.0} µs, max {took[^1]:0.0} µs; dropped {writer.Statistics.DroppedQueueFull}");

        // A call that waited on the stalled socket would take the 2 s write timeout; half of it is a bound no
        // scheduling hiccup reaches. (How fast a call is, is measured in benchmarks/.)
        Assert.True(took[^1] < TimeSpan.FromSeconds(1).TotalMicroseconds, $"the slowest logging call took {took[^1]:0} µs: it blocked");
        Assert.True(writer.Statistics.DroppedQueueFull > 0, "20 MB into a 1 MB queue behind a stalled peer must drop");
        Assert.Equal(20_000, writer.Statistics.DroppedQueueFull + writer.Statistics.QueueLength + writer.Statistics.Sent);
    }

    [Fact]
    public async Task Udp_batches_from_the_sender_arrive_as_one_datagram_per_message_in_order()
    {
        using var capture = new UdpCapture();
        await using var writer = new SyslogWriter(new UdpTransport("127.0.0.1", capture.Port), Options(o =>
        {
            o.Format = SyslogFormat.Bare;
            o.Overflow = SyslogOverflow.Block;
        }));

        // Rounds of 200, each flushed before it is read, so the receiver's buffer never overflows (UDP would drop),
        // while every round is sent by the background sender in batches of many datagrams.
        for (var round = 0; round < 10; round++)
        {
            for (var i = 0; i < 200; i++)
            {
                SequenceLog.Numbered(writer, (round * 200) + i, "batched");
            }

            await writer.FlushAsync().WaitAsync(Timeout);
            for (var i = 0; i < 200; i++)
            {
                Assert.Equal($"<165>seq={(round * 200) + i} batched", Encoding.UTF8.GetString(await capture.ReceiveAsync("GenLog")));
            }
        }

        Assert.False(await capture.HasMoreAsync(), "more datagrams than messages");
        Assert.Equal(2000, writer.Statistics.Sent);
    }

    [Fact]
    public async Task A_datagram_too_large_for_the_socket_is_dropped_and_counted_and_the_ones_around_it_in_its_batch_are_sent()
    {
        using var folder = new TempDirectory("genlog-unix-");
        var path = folder.Combine("log");
        using var receiver = UnixDatagramReceiver(path);

        // UdpTransport refuses a MaxMessageSize over 65,507 at construction; a Unix datagram socket has a larger,
        // configurable limit, so the kernel's EMSGSIZE (over 300 KB here) is met inside a batch of the sender.
        await using var writer = new SyslogWriter(new UnixSocketTransport(path), Options(o =>
        {
            o.Format = SyslogFormat.Bare;
            o.MaxMessageSize = 400_000;
        }));
        SequenceLog.Numbered(writer, 1, "before");
        SequenceLog.Numbered(writer, 2, new string('x', 300_000));
        SequenceLog.Numbered(writer, 3, "after");
        await writer.FlushAsync().WaitAsync(Timeout);
        var buffer = new byte[4096];
        Assert.Equal("<165>seq=1 before", Encoding.UTF8.GetString(buffer, 0, receiver.Receive(buffer)));
        Assert.Equal("<165>seq=3 after", Encoding.UTF8.GetString(buffer, 0, receiver.Receive(buffer)));
        Assert.Equal(0, receiver.Available);
        Assert.Equal(1, writer.Statistics.DroppedSendFailure);
        Assert.Equal(2, writer.Statistics.Sent);
    }

    [Fact]
    public async Task Unix_datagram_socket_gets_one_datagram_per_message()
    {
        using var folder = new TempDirectory("genlog-unix-");
        var path = folder.Combine("log");
        using var receiver = UnixDatagramReceiver(path);

        var transport = new UnixSocketTransport(path);
        await using var writer = new SyslogWriter(transport, Options(o => o.Format = SyslogFormat.Bare));
        SequenceLog.Numbered(writer, 1, "a");
        SequenceLog.Numbered(writer, 2, "b");
        var buffer = new byte[4096];
        Assert.Equal("<165>seq=1 a", Encoding.UTF8.GetString(buffer, 0, receiver.Receive(buffer)));
        Assert.Equal("<165>seq=2 b", Encoding.UTF8.GetString(buffer, 0, receiver.Receive(buffer)));
        Assert.False(transport.IsStream);
    }

    [Fact]
    public async Task Unix_socket_reconnects_after_the_daemon_recreates_it()
    {
        using var folder = new TempDirectory("genlog-unix-");
        var path = folder.Combine("log");
        var buffer = new byte[4096];
        await using var writer = new SyslogWriter(new UnixSocketTransport(path), Options(o => o.Format = SyslogFormat.Bare));
        using (var first = UnixDatagramReceiver(path))
        {
            SequenceLog.Numbered(writer, 1, "before restart");
            Assert.Equal("<165>seq=1 before restart", Encoding.UTF8.GetString(buffer, 0, first.Receive(buffer)));
        }

        // The daemon restarts: the old socket file is gone and a new one takes its path.
        File.Delete(path);
        using var second = UnixDatagramReceiver(path);
        SequenceLog.Numbered(writer, 2, "after restart");
        Assert.Equal("<165>seq=2 after restart", Encoding.UTF8.GetString(buffer, 0, second.Receive(buffer)));
        Assert.True(writer.Statistics.Errors >= 1);
    }

    [Fact]
    public async Task Unix_stream_socket_is_used_when_the_path_is_one_with_lf_framing()
    {
        using var folder = new TempDirectory("genlog-unix-");
        var path = folder.Combine("log");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen();

        var transport = new UnixSocketTransport(path);
        await using (var writer = new SyslogWriter(transport, Options(o => o.Format = SyslogFormat.Bare)))
        {
            SequenceLog.Numbered(writer, 1, "a");
            SequenceLog.Numbered(writer, 2, "b\nc");
            await writer.FlushAsync().WaitAsync(Timeout);
            Assert.True(transport.IsStream);
        }

        using var connection = await listener.AcceptAsync().WaitAsync(Timeout);
        var text = Encoding.UTF8.GetString(await ReadToEndAsync(new NetworkStream(connection)));
        Assert.Equal("<165>seq=1 a\n<165>seq=2 b#012c\n", text);
    }

    internal static List<string> OctetCountedFrames(byte[] bytes)
    {
        // RFC 6587 §3.4.1: MSG-LEN SP SYSLOG-MSG, one after another.
        var frames = new List<string>();
        var position = 0;
        while (position < bytes.Length)
        {
            var space = Array.IndexOf(bytes, (byte)' ', position);
            var length = int.Parse(Encoding.ASCII.GetString(bytes, position, space - position));
            frames.Add(new UTF8Encoding(false, true).GetString(bytes, space + 1, length));
            position = space + 1 + length;
        }

        return frames;
    }

    private static async Task<byte[]> ReadToEndAsync(Stream stream)
    {
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy).WaitAsync(Timeout);
        return copy.ToArray();
    }

    /// <summary>Reads until <paramref name="frames"/> whole octet-counted frames have arrived.</summary>
    private static async Task<byte[]> ReadSomeAsync(Stream stream, int frames)
    {
        using var copy = new MemoryStream();
        var buffer = new byte[4096];
        using var cancel = new CancellationTokenSource(Timeout);
        while (true)
        {
            var read = await stream.ReadAsync(buffer, cancel.Token);
            if (read == 0)
            {
                return copy.ToArray();
            }

            copy.Write(buffer, 0, read);
            try
            {
                if (OctetCountedFrames(copy.ToArray()).Count >= frames)
                {
                    return copy.ToArray();
                }
            }
            catch (Exception exception) when (exception is FormatException or ArgumentException or DecoderFallbackException)
            {
                // An incomplete frame: read on.
            }
        }
    }
}
