using System;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using GenLog.TestSupport;

namespace GenLog.Tests;

/// <summary>
/// The promises that hold under faults (docs/reliability.md): flushes that mean "everything before me", calls that never
/// wait where waiting could deadlock, memory per thread that does not follow MaxMessageSize, a bounded Dispose, and a
/// back-off that lets go of a server that came back.
/// </summary>
public class FaultTests
{
    private static readonly TimeSpan RealTimeout = TimeSpan.FromSeconds(10);

    private static (SyslogWriter Writer, ScriptedTransport Transport, ManualTime Time) Create(Action<SyslogWriterOptions>? configure = null) =>
        Writers.Scripted(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), configure);

    [Fact]
    public async Task FlushAsync_under_DropOldest_waits_for_what_was_logged_before_it_even_while_newer_messages_are_evicted()
    {
        const int size = 100;
        var (writer, transport, time) = Create(o =>
        {
            o.MaxMessageSize = size;
            o.QueueCapacity = 20 * (size + 4);
            o.Overflow = SyslogOverflow.DropOldest;
        });
        await using var _ = writer;
        PlainLog.Text(writer, "0");
        Assert.True(transport.AttemptMade.Wait(RealTimeout));
        for (var i = 1; i < 10; i++)
        {
            PlainLog.Text(writer, i.ToString());
        }

        // Messages 0-9 are logged before the flush; then 200 more evict all of 1-9 and most of the later ones.
        var flush = writer.FlushAsync();
        for (var i = 10; i < 210; i++)
        {
            PlainLog.Text(writer, i.ToString());
        }

        // A flush that counted the evictions as its own progress would complete now (its continuation runs within microseconds).
        await Task.WhenAny(flush, Task.Delay(300));
        Assert.False(flush.IsCompleted, "message 0 is still held by the sender while the server is down: the flush must wait for it");

        transport.Up = true;
        Assert.NotNull(time.WaitForTimer(RealTimeout));
        time.Advance(TimeSpan.FromSeconds(1));
        await flush.WaitAsync(RealTimeout);
        Assert.Contains("<14>Text: 0", transport.Delivered);
        Assert.Equal(210, writer.Statistics.Sent + writer.Statistics.Dropped + writer.Statistics.QueueLength);
    }

    [Fact]
    public async Task OnError_that_logs_into_the_same_Block_writer_never_freezes_the_sender()
    {
        const int size = 100;
        static string Padded(string text) => text + new string('.', size - "<14>Text: ".Length - text.Length);
        SyslogWriter? self = null;
        var errors = 0;
        var (writer, transport, time) = Create(o =>
        {
            o.MaxMessageSize = size;
            o.QueueCapacity = 3 * (size + 4);
            o.Overflow = SyslogOverflow.Block;
            o.OnError = _ => PlainLog.Text(self!, Padded("error " + Interlocked.Increment(ref errors)));
        });
        self = writer;
        await using var _ = writer;

        // The sender holds message 0 and fails; its OnError queues "error 1"; messages 1 and 2 fill the queue.
        PlainLog.Text(writer, Padded("0"));
        Assert.Equal(TimeSpan.FromSeconds(1), time.WaitForTimer(RealTimeout));
        PlainLog.Text(writer, Padded("1"));
        PlainLog.Text(writer, Padded("2"));

        // The next failure's OnError logs into the full queue, on the sender's own thread: it must not wait for room.
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.FromSeconds(2), time.WaitForTimer(RealTimeout));
        Assert.Equal(1, writer.Statistics.DroppedQueueFull);

        transport.Up = true;
        time.Advance(TimeSpan.FromSeconds(2));
        await writer.FlushAsync().WaitAsync(RealTimeout);
        Assert.Equal(new[] { "0", "error 1", "1", "2" }.Select(t => "<14>Text: " + Padded(t)), transport.Delivered);
    }

    [Fact]
    public void OnError_is_not_re_entered_on_a_thread()
    {
        var calls = 0;
        SyslogWriter? self = null;
        using var writer = new SyslogWriter(new FailingTransport(), new SyslogWriterOptions
        {
            Synchronous = true,
            Reconnect = new ReconnectPolicy { InitialDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero },
            OnError = _ =>
            {
                calls++;
                PlainLog.Text(self!, "logged from OnError");
            },
        });
        self = writer;
        PlainLog.Text(writer, "first");
        Assert.Equal(1, calls);
        Assert.Equal(2, writer.Statistics.Errors);
        Assert.Equal(2, writer.Statistics.DroppedSendFailure);
    }

    [Fact]
    public void A_thread_logging_short_values_keeps_a_small_buffer_whatever_MaxMessageSize_is()
    {
        var (writer, _) = Writers.Capture(o => o.MaxMessageSize = 16 * 1024 * 1024);
        var allocated = OnFreshThread(() =>
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            PlainLog.Text(writer, "ten chars!");
            return GC.GetAllocatedBytesForCurrentThread() - before;
        });

        // Before: 4 x MaxMessageSize (64 MiB) per logging thread, for good.
        Assert.True(allocated < 64 * 1024, $"the first message on a thread allocated {allocated} bytes with MaxMessageSize 16 MiB");
    }

    [Fact]
    public void A_large_value_grows_the_buffer_and_arrives_whole()
    {
        var (writer, transport) = Writers.Capture(o =>
        {
            o.MaxMessageSize = 16 * 1024 * 1024;
            o.Format = SyslogFormat.Bare;
        });
        PlainLog.Text(writer, new string('x', 1_000_000) + "\u00e9\u001b");
        Assert.Equal("<14>Text: " + new string('x', 1_000_000) + "\u00e9#033", System.Text.Encoding.UTF8.GetString(transport.Messages[0]));
        Assert.Equal(0, writer.Statistics.Truncated);
    }

    [Fact]
    public void After_a_large_message_the_thread_lets_go_of_the_large_buffer()
    {
        using var writer = new SyslogWriter(new NullTransport(), new SyslogWriterOptions { Synchronous = true, MaxMessageSize = 16 * 1024 * 1024 });
        var large = new string('x', 1_000_000);
        var (afterLarge, steady) = OnFreshThread(() =>
        {
            PlainLog.Text(writer, "small");
            PlainLog.Text(writer, large);
            var before = GC.GetAllocatedBytesForCurrentThread();
            PlainLog.Text(writer, "small");
            var between = GC.GetAllocatedBytesForCurrentThread();
            PlainLog.Text(writer, "small");
            return (between - before, GC.GetAllocatedBytesForCurrentThread() - between);
        });

        // The first small message after the large one takes a new small buffer (the large one is not kept); then none.
        Assert.InRange(afterLarge, 1, 64 * 1024);
        Assert.Equal(0, steady);
    }

    [Fact]
    public async Task Dispose_returns_within_CloseTimeout_when_the_peer_never_reads_and_counts_what_it_gave_up()
    {
        using var listener = Listen(receiveBuffer: 4096);
        var accepted = listener.AcceptAsync();
        var port = PortOf(listener);
        var writer = new SyslogWriter(new TcpTransport("127.0.0.1", port) { WriteTimeout = TimeSpan.FromMinutes(5) }, new SyslogWriterOptions { CloseTimeout = TimeSpan.FromSeconds(1) });
        var value = new string('v', 1000);
        for (var i = 0; i < 5_000; i++)
        {
            PlainLog.Text(writer, value);
        }

        using var peer = await accepted.WaitAsync(RealTimeout);
        var clock = Stopwatch.StartNew();
        var disposing = writer.DisposeAsync().AsTask();
        Assert.False(disposing.IsCompleted, "DisposeAsync returns a task at once instead of blocking its caller");
        var took = await CompletionClock.ElapsedWhenDone(disposing, clock);
        await disposing;

        Assert.True(took < TimeSpan.FromSeconds(2), $"Dispose took {took} with CloseTimeout 1 s and a write blocked for up to 5 minutes");
        Assert.True(writer.Statistics.DroppedShutdown > 0);
        Assert.Equal(5_000, writer.Statistics.Sent + writer.Statistics.Dropped);
        Assert.Equal(0, writer.Statistics.QueueLength);
    }

    [Fact]
    public async Task Dispose_returns_within_CloseTimeout_when_a_RELP_server_never_answers()
    {
        using var listener = Listen();
        var accepted = listener.AcceptAsync();
        var port = PortOf(listener);
        var writer = new SyslogWriter(new RelpTransport("127.0.0.1", port) { ResponseTimeout = TimeSpan.FromMinutes(5) }, new SyslogWriterOptions { CloseTimeout = TimeSpan.FromSeconds(1) });
        PlainLog.Text(writer, "never acknowledged");
        using var peer = await accepted.WaitAsync(RealTimeout);

        var clock = Stopwatch.StartNew();
        var disposing = writer.DisposeAsync().AsTask();
        var took = await CompletionClock.ElapsedWhenDone(disposing, clock);
        await disposing;
        Assert.True(took < TimeSpan.FromSeconds(2), $"Dispose took {took} with CloseTimeout 1 s against a RELP server that never answers");
        Assert.Equal(1, writer.Statistics.DroppedShutdown);

        // The wait for the answer was cut short, not left running: the server sees the connection end now, not after
        // the 5-minute ResponseTimeout.
        peer.ReceiveTimeout = 5_000;
        var buffer = new byte[4096];
        try
        {
            while (peer.Receive(buffer) > 0)
            {
            }
        }
        catch (SocketException exception) when (exception.SocketErrorCode == SocketError.ConnectionReset)
        {
            // Closed abortively: ended all the same.
        }
    }

    [Fact]
    public async Task A_second_concurrent_Dispose_waits_for_the_first_to_finish()
    {
        using var listener = Listen();
        var port = PortOf(listener);
        var writer = new SyslogWriter(new RelpTransport("127.0.0.1", port), new SyslogWriterOptions { CloseTimeout = TimeSpan.FromMilliseconds(500) });
        PlainLog.Text(writer, "never acknowledged");
        using var peer = await listener.AcceptAsync().WaitAsync(RealTimeout);

        var first = writer.DisposeAsync().AsTask();
        var second = writer.DisposeAsync().AsTask();
        await second.WaitAsync(RealTimeout);

        // The second returned only once the first had finished closing: what it gave up is counted, nothing is left.
        // (The first's own task completes just after it releases the second, so its IsCompleted could still be false.)
        Assert.Equal(1, writer.Statistics.DroppedShutdown);
        Assert.Equal(0, writer.Statistics.QueueLength);
        await first.WaitAsync(RealTimeout);
    }

    [Fact]
    public async Task After_a_server_comes_back_a_later_failure_waits_the_initial_delay_again()
    {
        var time = new ManualTime(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        var transport = new FailsAfterConnectTransport();
        await using var writer = new SyslogWriter(transport, new SyslogWriterOptions { TimeProvider = time, CloseTimeout = TimeSpan.FromMilliseconds(300) });
        PlainLog.Text(writer, "m");

        // Down: the back-off grows 1 s, 2 s, 4 s. The server is back before the attempt the last step starts (set after
        // the clock moved, the sender could try first and see it still down).
        foreach (var seconds in new[] { 1, 2, 4 })
        {
            Assert.Equal(TimeSpan.FromSeconds(seconds), time.WaitForTimer(RealTimeout));
            transport.Up = seconds == 4;
            time.Advance(TimeSpan.FromSeconds(seconds));
        }

        // Back up: the connection opens, but the write fails once more (a server that restarted again at once). A new
        // connection started the schedule over, as CPython's SocketHandler does: the wait is 1 s, not 8 s.
        Assert.Equal(TimeSpan.FromSeconds(1), time.WaitForTimer(RealTimeout));
        time.Advance(TimeSpan.FromSeconds(1));
        await writer.FlushAsync().WaitAsync(RealTimeout);
        Assert.Equal(1, writer.Statistics.Sent);
    }

    [Fact]
    public async Task RELPs_response_timeout_runs_on_the_transports_clock()
    {
        using var listener = Listen();
        var time = new ManualTime(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        using var transport = new RelpTransport("127.0.0.1", PortOf(listener)) { ResponseTimeout = TimeSpan.FromSeconds(30), TimeProvider = time };

        // The server accepts and never answers 'open': the wait ends when the transport's clock passes 30 s, not before.
        var connecting = Task.Run(transport.Connect);
        using var peer = await listener.AcceptAsync().WaitAsync(RealTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), time.WaitForTimer(RealTimeout));
        time.Advance(TimeSpan.FromSeconds(29));
        await Task.WhenAny(connecting, Task.Delay(200));
        Assert.False(connecting.IsCompleted, "timed out before the clock reached ResponseTimeout");
        time.Advance(TimeSpan.FromSeconds(1));
        var error = await Assert.ThrowsAsync<TimeoutException>(() => connecting.WaitAsync(RealTimeout));
        Assert.Contains("the response to open", error.Message);
    }

    [Theory]
    [InlineData("ConnectTimeout", 0.0)]
    [InlineData("ConnectTimeout", -5.0)]
    [InlineData("WriteTimeout", 0.5)]
    [InlineData("WriteTimeout", 0.0)]
    [InlineData("ResponseTimeout", 100 * 24 * 3600 * 1000.0)]
    public void A_transport_timeout_outside_1_ms_to_1_day_is_refused_at_construction_naming_the_option(string option, double milliseconds)
    {
        var value = TimeSpan.FromMilliseconds(milliseconds);
        var error = Assert.ThrowsAny<ArgumentOutOfRangeException>(() => option switch
        {
            "ConnectTimeout" => new RelpTransport("h") { ConnectTimeout = value },
            "WriteTimeout" => new RelpTransport("h") { WriteTimeout = value },
            _ => new RelpTransport("h") { ResponseTimeout = value },
        });
        Assert.Contains("RelpTransport." + option, error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new TcpTransport("h") { WriteTimeout = TimeSpan.Zero });
        Assert.Throws<ArgumentOutOfRangeException>(() => new UdpTransport("h") { ConnectTimeout = TimeSpan.FromMilliseconds(-5) });
    }

    [Fact]
    public void A_failover_list_that_mixes_TLS_and_plaintext_is_refused_unless_the_user_opts_in()
    {
        var error = Assert.Throws<ArgumentException>(() => SyslogWriter.Create("tls://a.example:6514,tcp://b.example:601"));
        Assert.Contains("tls://a.example:6514", error.Message);
        Assert.Contains("tcp://b.example:601", error.Message);
        Assert.Throws<ArgumentException>(() => SyslogWriter.Create("relp+tls://a.example,relp://b.example"));
        Assert.Throws<ArgumentException>(() => new FailoverTransport(new TlsTransport("a.example"), new TcpTransport("b.example")));

        using var optedIn = SyslogWriter.Create("tls://a.example:6514,tcp://b.example:601?allow-plaintext=true");
        Assert.Equal("tls://a.example:6514", optedIn.Statistics.ActiveEndpoint);
        using var inCode = new FailoverTransport(allowMixedSecurity: true, new TlsTransport("a.example"), new TcpTransport("b.example"));
        Assert.Equal(2, inCode.Transports.Count);
        Assert.Throws<ArgumentException>(() => SyslogWriter.Create("tls://a.example:6514,tcp://b.example:601?allow-plaintext=maybe"));
        Assert.Throws<ArgumentException>(() => SyslogWriter.Create("tcp://b.example:601?allow-plaintext=true"));
    }

    [Fact]
    public void A_NUL_in_a_host_or_path_is_refused_instead_of_cutting_it_short()
    {
        var error = Assert.Throws<ArgumentException>(() => SyslogWriter.Create("unix:///tmp/x%00zzz"));
        Assert.Contains("NUL", error.Message);
        Assert.Throws<ArgumentException>(() => new UnixSocketTransport("/tmp/x\0zzz"));
        Assert.Throws<ArgumentException>(() => new TcpTransport("a\0b"));
        Assert.Throws<ArgumentException>(() => new UdpTransport("a\0b"));
    }

    [Fact]
    public void URI_option_names_ignore_case_and_an_out_of_range_port_is_named()
    {
        using var writer = SyslogWriter.Create("TCP://h.example:601?FRAMING=LF");
        Assert.Equal("tcp://h.example:601", writer.Statistics.ActiveEndpoint);
        var error = Assert.Throws<ArgumentException>(() => SyslogWriter.Create("udp://h.example:99999"));
        Assert.Contains("port 99999", error.Message);
    }

    [Fact]
    public void An_Ident_of_a_megabyte_is_refused_naming_the_option()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new SyslogWriter(new CaptureTransport(), new SyslogWriterOptions { Ident = new string('i', 1_000_000) }));
        Assert.Contains("SyslogWriterOptions.Ident", error.Message);
    }

    /// <summary>A TCP listener on 127.0.0.1 and a port the kernel picks: a peer that accepts and then does nothing.</summary>
    private static Socket Listen(int? receiveBuffer = null)
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        if (receiveBuffer is { } size)
        {
            listener.ReceiveBufferSize = size;
        }

        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        return listener;
    }

    private static int PortOf(Socket listener) => ((IPEndPoint)listener.LocalEndPoint!).Port;

    private static T OnFreshThread<T>(Func<T> work)
    {
        T result = default!;
        var thread = new Thread(() => result = work());
        thread.Start();
        thread.Join();
        return result;
    }

    /// <summary>Down until <see cref="Up"/>; then every connect works, but the first flush after coming up fails once.</summary>
    private sealed class FailsAfterConnectTransport : ISyslogTransport
    {
        private int _flushFailures = 1;

        public volatile bool Up;

        public void Connect()
        {
            if (!Up)
            {
                throw new SocketException((int)SocketError.ConnectionRefused);
            }
        }

        public void Send(ReadOnlySpan<byte> message)
        {
        }

        public void Flush()
        {
            if (_flushFailures-- > 0)
            {
                throw new SocketException((int)SocketError.ConnectionReset);
            }
        }

        public void Disconnect()
        {
        }

        public void Dispose()
        {
        }
    }
}
