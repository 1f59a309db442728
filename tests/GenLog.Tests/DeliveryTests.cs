using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GenLog.TestSupport;

namespace GenLog.Tests;

public class DeliveryTests
{
    private static readonly TimeSpan RealTimeout = TimeSpan.FromSeconds(10);

    private static (SyslogWriter Writer, ScriptedTransport Transport, ManualTime Time) Create(Action<SyslogWriterOptions>? configure = null) =>
        Writers.Scripted(new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero), configure);

    [Fact]
    public async Task Reconnect_waits_cpythons_back_off_on_the_writers_clock_and_delivers_when_the_server_is_back()
    {
        var (writer, transport, time) = Create();
        await using var _ = writer;
        PlainLog.Text(writer, "queued while down");
        Assert.True(transport.AttemptMade.Wait(RealTimeout));

        // CPython SocketHandler: 1 s, then doubling, capped at 30 s. The clock moves only here, and each attempt
        // records the clock's time: an early retry shows as a shorter gap below, with no real-time wait for it.
        var expected = new[] { 1, 2, 4, 8, 16, 30, 30 }.Select(s => TimeSpan.FromSeconds(s)).ToArray();
        foreach (var delay in expected)
        {
            Assert.Equal(delay, time.WaitForTimer(RealTimeout));
            time.Advance(delay);
            Assert.True(transport.AttemptMade.Wait(RealTimeout), $"no retry after {delay}");
        }

        var gaps = transport.Attempts.Zip(transport.Attempts.Skip(1), (a, b) => b - a).ToArray();
        Assert.Equal(expected, gaps);

        // Back up: the next attempt delivers, and counts one reconnect.
        transport.Up = true;
        Assert.Equal(TimeSpan.FromSeconds(30), time.WaitForTimer(RealTimeout));
        time.Advance(TimeSpan.FromSeconds(30));
        await writer.FlushAsync().WaitAsync(RealTimeout);
        Assert.Equal(new[] { "<14>Text: queued while down" }, transport.Delivered);
        Assert.Equal(1, writer.Statistics.Reconnects);
        Assert.Equal(8, writer.Statistics.Errors);
        Assert.Equal(0, writer.Statistics.QueueLength);

        // A success resets the schedule: the next failure waits 1 s again.
        transport.Up = false;
        transport.Disconnect();
        PlainLog.Text(writer, "again");
        Assert.True(transport.AttemptMade.Wait(RealTimeout));
        Assert.True(transport.AttemptMade.Wait(RealTimeout));
        Assert.Equal(TimeSpan.FromSeconds(1), time.WaitForTimer(RealTimeout));
    }

    [Fact]
    public async Task Server_down_at_start_up_logging_stays_non_blocking_and_the_queue_delivers_in_order_later()
    {
        var (writer, transport, time) = Create();
        await using var _ = writer;

        // The server hangs the connect: a logging call that waited on the transport would never return.
        transport.ConnectGate.Reset();
        try
        {
            var logging = Task.Run(() =>
            {
                for (var i = 0; i < 2_000; i++)
                {
                    PlainLog.Text(writer, i.ToString());
                }
            });
            await logging.WaitAsync(RealTimeout);
            Assert.True(transport.AttemptMade.Wait(RealTimeout));
            Assert.Empty(transport.Delivered);
        }
        finally
        {
            // The connect then fails; the sender waits out the back-off.
            transport.ConnectGate.Set();
        }

        Assert.NotNull(time.WaitForTimer(RealTimeout));
        transport.Up = true;
        time.Advance(TimeSpan.FromSeconds(1));
        await writer.FlushAsync().WaitAsync(RealTimeout);

        Assert.Equal(Enumerable.Range(0, 2_000).Select(i => $"<14>Text: {i}"), transport.Delivered);
        Assert.True(transport.Flushes < 100, $"{transport.Flushes} flushes for 2,000 messages: the sender should coalesce them");
        Assert.Equal(2_000, writer.Statistics.Sent);
        Assert.Equal(0, writer.Statistics.Dropped);
    }

    [Theory]
    [InlineData(SyslogOverflow.DropNewest)]
    [InlineData(SyslogOverflow.DropOldest)]
    public async Task A_full_queue_drops_exactly_as_the_policy_says(SyslogOverflow overflow)
    {
        // Every message "<14>Text: NNNN" is 14 bytes, 18 in the queue: 10 fit in 180 bytes... but the queue must hold
        // MaxMessageSize + 4, so messages are padded to 1000 bytes and the queue holds exactly 10 of them.
        const int size = 1000;
        var (writer, transport, time) = Create(o =>
        {
            o.MaxMessageSize = size;
            o.QueueCapacity = 10 * (size + 4);
            o.Overflow = overflow;
        });
        await using var _ = writer;

        // The first message goes to the sender, which holds it while the server is down.
        PlainLog.Text(writer, Padded(0, size));
        Assert.True(transport.AttemptMade.Wait(RealTimeout));
        for (var i = 1; i <= 25; i++)
        {
            PlainLog.Text(writer, Padded(i, size));
        }

        Assert.Equal(15, writer.Statistics.DroppedQueueFull);
        Assert.Equal(11, writer.Statistics.QueueLength);

        transport.Up = true;
        Assert.NotNull(time.WaitForTimer(RealTimeout));
        time.Advance(TimeSpan.FromSeconds(1));
        await writer.FlushAsync().WaitAsync(RealTimeout);

        var delivered = transport.Delivered.Select(m => int.Parse(m.Substring("<14>Text: ".Length, 4))).ToArray();
        var kept = overflow == SyslogOverflow.DropNewest ? Enumerable.Range(1, 10) : Enumerable.Range(16, 10);
        Assert.Equal(new[] { 0 }.Concat(kept), delivered);
        Assert.Equal(11, writer.Statistics.Sent);
    }

    [Fact]
    public async Task Block_waits_for_room_and_loses_nothing()
    {
        const int size = 1000;
        var (writer, transport, time) = Create(o =>
        {
            o.MaxMessageSize = size;
            o.QueueCapacity = 2 * (size + 4);
            o.Overflow = SyslogOverflow.Block;
        });
        await using var _ = writer;
        PlainLog.Text(writer, Padded(0, size));
        Assert.True(transport.AttemptMade.Wait(RealTimeout));

        var logged = 0;
        var producer = new Thread(() =>
        {
            for (var i = 1; i <= 6; i++)
            {
                PlainLog.Text(writer, Padded(i, size));
                Interlocked.Increment(ref logged);
            }
        });
        producer.Start();

        // Two messages fill the queue; the third call waits for room (the producer thread sleeps in the queue).
        await Eventually.HoldsAsync(() => Volatile.Read(ref logged) == 2 && (producer.ThreadState & ThreadState.WaitSleepJoin) != 0, "the producer waiting in its third call");
        Assert.Equal(3, writer.Statistics.QueueLength);
        Assert.Equal(2, Volatile.Read(ref logged));

        transport.Up = true;
        Assert.NotNull(time.WaitForTimer(RealTimeout));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(producer.Join(RealTimeout), "the producer never got room");
        await writer.FlushAsync().WaitAsync(RealTimeout);
        Assert.Equal(7, transport.Delivered.Count);
        Assert.Equal(0, writer.Statistics.Dropped);
    }

    [Fact]
    public async Task Flush_waits_for_delivery_and_dispose_counts_what_it_could_not_send()
    {
        var (writer, transport, _) = Create();
        for (var i = 0; i < 5; i++)
        {
            PlainLog.Text(writer, i.ToString());
        }

        Assert.True(transport.AttemptMade.Wait(RealTimeout));
        using (var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => writer.FlushAsync(cancel.Token));
        }

        // The server never comes back: dispose waits CloseTimeout, then counts all five.
        await writer.DisposeAsync();
        Assert.Equal(5, writer.Statistics.DroppedShutdown);
        PlainLog.Text(writer, "after dispose");
        Assert.Equal(6, writer.Statistics.DroppedShutdown);
        Assert.Empty(transport.Delivered);
    }

    [Fact]
    public async Task Dispose_sends_what_is_queued_when_the_server_is_up()
    {
        var (writer, transport, _) = Create();
        transport.Up = true;
        for (var i = 0; i < 100; i++)
        {
            PlainLog.Text(writer, i.ToString());
        }

        await writer.DisposeAsync();
        Assert.Equal(100, transport.Delivered.Count);
        Assert.Equal(0, writer.Statistics.Dropped);
    }

    [Fact]
    public async Task Flush_is_not_left_waiting_for_messages_drop_oldest_evicted()
    {
        const int size = 1000;
        var (writer, transport, time) = Create(o =>
        {
            o.MaxMessageSize = size;
            o.QueueCapacity = 3 * (size + 4);
            o.Overflow = SyslogOverflow.DropOldest;
        });
        await using var _ = writer;
        PlainLog.Text(writer, "held by the sender");
        Assert.True(transport.AttemptMade.Wait(RealTimeout));
        for (var i = 1; i <= 28; i++)
        {
            PlainLog.Text(writer, Padded(i, 100));
        }

        // One large message evicts several small ones the flush is waiting for.
        var flush = writer.FlushAsync();
        PlainLog.Text(writer, Padded(29, size));
        var evicted = writer.Statistics.DroppedQueueFull;
        Assert.True(evicted > 1);

        transport.Up = true;
        Assert.NotNull(time.WaitForTimer(RealTimeout));
        time.Advance(TimeSpan.FromSeconds(1));
        await flush.WaitAsync(RealTimeout);
        Assert.Equal(30 - evicted, writer.Statistics.Sent);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(100)]
    public void Queue_capacity_is_checked_at_construction(int capacity)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new SyslogWriter(new CaptureTransport(), new SyslogWriterOptions { QueueCapacity = capacity }));
        Assert.Contains("SyslogWriterOptions.QueueCapacity", error.Message);
    }

    [Fact]
    public void Reconnect_policy_is_checked_at_construction()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new SyslogWriter(new CaptureTransport(), new SyslogWriterOptions { Reconnect = new ReconnectPolicy { Factor = 0.5 } }));
        Assert.Contains("SyslogWriterOptions.Reconnect", error.Message);
    }

    private static string Padded(int number, int size) => number.ToString("D4") + new string('.', size - "<14>Text: ".Length - 4);
}
