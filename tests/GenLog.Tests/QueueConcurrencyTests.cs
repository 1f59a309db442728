using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using CsCheck;
using GenLog.Delivery;

namespace GenLog.Tests;

/// <summary>
/// The queue under many producers and its one consumer, as the writer uses it: every message accepted arrives once,
/// in its producer's order, byte for byte; what an overflow policy refuses or evicts is counted exactly.
/// </summary>
public class QueueConcurrencyTests
{
    private static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan IdleWait = TimeSpan.FromMilliseconds(20);

    [Theory]
    [InlineData(SyslogOverflow.Block)]
    [InlineData(SyslogOverflow.DropNewest)]
    [InlineData(SyslogOverflow.DropOldest)]
    public void Four_producers_into_a_small_ring_every_accepted_message_arrives_once_in_order_and_intact(SyslogOverflow overflow) =>
        new QueueRun(Producers: 4, PerProducer: 20_000, Capacity: 4096, MaxLength: 300, overflow).Check(mustOverflow: true);

    [Fact]
    public void Random_producer_counts_sizes_capacities_and_policies_keep_every_promise() =>
        Gen.Select(Gen.Int[1, 6], Gen.Int[1, 3_000], Gen.Int[0, 8_192], Gen.Int[8, 600], Gen.Enum<SyslogOverflow>())
            .Sample(
                (producers, perProducer, extraCapacity, maxLength, overflow) =>
                    new QueueRun(producers, perProducer, maxLength + sizeof(int) + extraCapacity, maxLength, overflow).Check(mustOverflow: false),
                iter: 25,
                threads: 1);

    [Fact]
    public void After_Abandon_a_late_Take_reads_nothing_even_where_the_abandoned_slots_were_left_unzeroed()
    {
        // A full ring whose capacity is its array: Abandon moves the head a whole lap, onto the first message's header.
        var queue = new MessageQueue(4096, SyslogOverflow.DropNewest);
        var message = new byte[60];
        var added = 0;
        while (queue.Enqueue(message, out _))
        {
            added++;
        }

        Assert.Equal(4096 / 64, added);
        Assert.Equal(added, queue.Abandon());

        // A sender that passed its stop check just before the Abandon must not take (and resend) a dropped message.
        Assert.Equal(0, queue.Take(new byte[8192], new int[1024], TimeSpan.Zero, TimeSpan.Zero));
        Assert.Equal(0, queue.Pending);
    }

    [Fact]
    public async Task FlushAsync_covers_everything_logged_before_it_while_other_threads_keep_logging()
    {
        var transport = new RecordingTransport(producers: 4);
        await using var writer = new SyslogWriter(transport, new SyslogWriterOptions
        {
            Format = SyslogFormat.Bare, MaxMessageSize = 1024, QueueCapacity = 8 * 1024, Overflow = SyslogOverflow.Block,
        });
        const int perProducer = 20_000;
        var lastLogged = Enumerable.Repeat(-1, 4).ToArray();
        var producers = Enumerable.Range(0, 4).Select(p => Task.Factory.StartNew(
            () =>
            {
                for (var i = 0; i < perProducer; i++)
                {
                    PlainLog.Text(writer, $"{p} {i}");
                    Volatile.Write(ref lastLogged[p], i);
                }
            },
            TaskCreationOptions.LongRunning)).ToArray();

        // Each flush must cover what every producer had logged when it started, whatever they log meanwhile.
        var flushes = 0;
        while (!producers.All(t => t.IsCompleted))
        {
            var before = new int[4];
            for (var p = 0; p < 4; p++)
            {
                before[p] = Volatile.Read(ref lastLogged[p]);
            }

            await writer.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));
            var delivered = transport.Highest();
            for (var p = 0; p < 4; p++)
            {
                Assert.True(delivered[p] >= before[p], $"flush {flushes}: producer {p} had logged {before[p]}, {delivered[p]} delivered");
            }

            flushes++;
        }

        await Task.WhenAll(producers);
        await writer.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(Enumerable.Repeat(perProducer - 1, 4), transport.Highest());
        Assert.Empty(transport.Violations);
        Assert.Equal(4 * perProducer, writer.Statistics.Sent);
        Assert.Equal(0, writer.Statistics.QueueLength);
        Assert.True(flushes > 0);
    }

    /// <summary>One run: producers enqueue numbered messages whose bytes derive from (producer, number); one consumer takes.</summary>
    private sealed record QueueRun(int Producers, int PerProducer, int Capacity, int MaxLength, SyslogOverflow Overflow)
    {
        /// <param name="mustOverflow">The run is sized so that a drop policy must drop (half the calls come before the consumer starts).</param>
        public void Check(bool mustOverflow)
        {
            var queue = new MessageQueue(Capacity, Overflow);
            var accepted = new bool[Producers][];
            var received = Enumerable.Range(0, Producers).Select(_ => new List<int>()).ToArray();
            var evicted = 0L;
            var calls = 0L;

            // Under a drop policy the consumer starts once half the calls are made, so the small ring overflows for sure;
            // under Block it starts at once (the producers wait for it).
            using var consumerMayStart = new ManualResetEventSlim(Overflow == SyslogOverflow.Block);
            var total = (long)Producers * PerProducer;
            var producersDone = 0;
            var errors = new List<string>();
            var consumer = new Thread(() =>
            {
                try
                {
                    Consume();
                }
                catch (Exception exception)
                {
                    // Garbage read as a message: recorded, and the queue closed so that waiting producers return.
                    lock (errors)
                    {
                        errors.Add(exception.ToString());
                    }

                    queue.Abandon();
                }
            });

            void Consume()
            {
                consumerMayStart.Wait();
                var batch = new byte[Math.Max(64 * 1024, MaxLength)];
                var lengths = new int[1024];
                while (true)
                {
                    var count = queue.Take(batch, lengths, Linger, IdleWait);
                    var offset = 0;
                    for (var i = 0; i < count; i++)
                    {
                        var message = batch.AsSpan(offset, lengths[i]);
                        offset += lengths[i];
                        var (producer, number) = (BinaryPrimitives.ReadInt32LittleEndian(message), BinaryPrimitives.ReadInt32LittleEndian(message[4..]));
                        if (!message.SequenceEqual(Message(producer, number)))
                        {
                            lock (errors)
                            {
                                errors.Add($"producer {producer} message {number}: bytes differ");
                            }
                        }

                        received[producer].Add(number);
                    }

                    queue.Finish(count);
                    if (count == 0 && Volatile.Read(ref producersDone) == Producers && queue.Pending == 0)
                    {
                        return;
                    }
                }
            }

            consumer.Start();
            var threads = Enumerable.Range(0, Producers).Select(p => new Thread(() =>
            {
                accepted[p] = new bool[PerProducer];
                for (var i = 0; i < PerProducer; i++)
                {
                    accepted[p][i] = queue.Enqueue(Message(p, i), out var gone);
                    Interlocked.Add(ref evicted, gone);
                    if (Interlocked.Increment(ref calls) == total / 2)
                    {
                        consumerMayStart.Set();
                    }
                }

                Interlocked.Increment(ref producersDone);
            })).ToArray();
            foreach (var thread in threads)
            {
                thread.Start();
            }

            foreach (var thread in threads)
            {
                Assert.True(thread.Join(TimeSpan.FromSeconds(60)), $"{this}: a producer never finished");
            }

            consumerMayStart.Set();
            Assert.True(consumer.Join(TimeSpan.FromSeconds(60)), $"{this}: the consumer never drained the queue");

            Assert.Empty(errors);
            var acceptedCount = accepted.Sum(a => a.Count(x => x));
            Assert.Equal(acceptedCount, queue.Added);
            Assert.True(queue.IsFinishedBefore(queue.Added));
            Assert.Equal(0, queue.Pending);
            for (var p = 0; p < Producers; p++)
            {
                var acceptedNumbers = Enumerable.Range(0, PerProducer).Where(i => accepted[p][i]).ToList();
                var numbers = received[p];
                Assert.True(numbers.Zip(numbers.Skip(1), (a, b) => a < b).All(x => x), $"{this}: producer {p}'s messages arrived out of order or twice");
                switch (Overflow)
                {
                    case SyslogOverflow.Block:
                        Assert.Equal(Enumerable.Range(0, PerProducer), numbers);
                        break;
                    case SyslogOverflow.DropNewest:
                        // Exactly the accepted ones: a refused message never arrives, an accepted one always does.
                        Assert.Equal(acceptedNumbers, numbers);
                        break;
                    default:
                        // DropOldest never refuses (no message is larger than the ring) and evicts only accepted ones.
                        Assert.Equal(PerProducer, acceptedNumbers.Count);
                        Assert.Empty(numbers.Except(acceptedNumbers));
                        break;
                }
            }

            // Every accepted message either arrived or was evicted and counted: calls = received + refused + evicted.
            Assert.Equal(acceptedCount, received.Sum(r => r.Count) + evicted);
            if (Overflow != SyslogOverflow.DropOldest)
            {
                Assert.Equal(0, evicted);
            }

            if (mustOverflow && Overflow != SyslogOverflow.Block)
            {
                Assert.True(Overflow == SyslogOverflow.DropOldest ? evicted > 0 : acceptedCount < total, $"{this}: nothing was dropped");
            }
        }

        /// <summary>8 to MaxLength bytes: the producer, the number, then bytes that depend on both.</summary>
        private byte[] Message(int producer, int number)
        {
            var length = 8 + (int)((uint)((producer * 7919) + (number * 104729)) % (uint)(MaxLength - 7));
            var message = new byte[length];
            BinaryPrimitives.WriteInt32LittleEndian(message, producer);
            BinaryPrimitives.WriteInt32LittleEndian(message.AsSpan(4), number);
            for (var i = 8; i < length; i++)
            {
                message[i] = (byte)((producer * 31) + (number * 7) + i);
            }

            return message;
        }
    }

    /// <summary>Records, per producer, the highest number delivered ("&lt;14&gt;Text: P N"), and any that arrives out of order.</summary>
    private sealed class RecordingTransport(int producers) : ISyslogTransport
    {
        private readonly int[] _highest = Enumerable.Repeat(-1, producers).ToArray();

        public List<string> Violations { get; } = new();

        public int[] Highest()
        {
            lock (_highest)
            {
                return (int[])_highest.Clone();
            }
        }

        public void Send(ReadOnlySpan<byte> message)
        {
            var text = Encoding.UTF8.GetString(message);
            var parts = text[(text.IndexOf(": ", StringComparison.Ordinal) + 2)..].Split(' ');
            var (producer, number) = (int.Parse(parts[0]), int.Parse(parts[1]));
            lock (_highest)
            {
                if (number != _highest[producer] + 1)
                {
                    Violations.Add($"producer {producer}: {number} after {_highest[producer]}");
                }

                _highest[producer] = number;
            }
        }

        public void Connect()
        {
        }

        public void Flush()
        {
        }

        public void Disconnect()
        {
        }

        public void Dispose()
        {
        }
    }
}
