using System;
using System.Runtime.CompilerServices;
using System.Threading;

namespace GenLog.Delivery;

/// <summary>
/// A bounded queue of messages in one ring of bytes, many producers and one consumer (the background sender). Its
/// memory is fixed at construction. A logging call takes no lock: it reserves a slot with one compare-and-swap on the
/// tail, copies its message in and commits it with a release store of the slot's header; the consumer reads the
/// slots in order. Locks are taken only on the rare paths: a full queue under DropOldest or Block, waking a sleeping
/// consumer, and the consumer's own batches. docs/performance.md ("The queue") gives the memory-model argument.
/// </summary>
/// <remarks>
/// A slot is a 4-byte header (0 while reserved, the length + 1 once committed) and the message, rounded up to 4
/// bytes: a header is one aligned int and never crosses the ring's end. The consumer zeroes every slot it removes
/// before it publishes the new head, once per batch; it learns a message is there from its header alone, so in a
/// busy stream neither side reads a line the other writes per message, except the slots themselves. The tail is
/// one 64-bit word — messages ever reserved (29 bits), the byte position (34 bits: 16 GiB before it wraps, so a head
/// read long before is never mistaken for a newer one), a closed bit — so one CAS gives a message its room and its
/// index. The array is the capacity rounded up to a power of two (an
/// offset is a mask); the capacity, not the array, bounds what is queued. Messages leave in index order (taken, or
/// evicted by DropOldest) and the consumer finishes them in order, so "everything before index N is finished"
/// (<see cref="IsFinishedBefore"/>, what <c>FlushAsync</c> waits for) is one comparison, exact whatever was evicted.
/// </remarks>
internal sealed partial class MessageQueue
{
    private const int HeaderSize = sizeof(int);
    private const int CountShift = 34;
    private const ulong PositionMask = (1UL << CountShift) - 1;
    private const ulong CountMask = (1UL << 29) - 1;
    private const ulong ClosedBit = 1UL << 63;

    private readonly byte[] _ring;
    private readonly int _capacity;
    private readonly SyslogOverflow _overflow;
    private readonly object _gate = new();
    private RingCursors _cursors;


    /// <summary>The messages the consumer took and has not finished: indices [_takenFirst, _takenEnd). Under the gate.</summary>
    private long _takenFirst;

    private long _takenEnd;
    private int _blockedProducers;
    private bool _abandoned;
    private bool _consumerLingering;

    public MessageQueue(int capacity, SyslogOverflow overflow)
    {
        _capacity = (capacity + HeaderSize - 1) & ~(HeaderSize - 1);
        _ring = new byte[System.Numerics.BitOperations.RoundUpToPowerOf2((uint)_capacity)];
        _overflow = overflow;
    }

    private enum Reservation
    {
        Reserved,
        Full,
        Closed,
    }

    /// <summary>Messages added so far; FlushAsync waits until every one before this index is finished.</summary>
    public long Added
    {
        get
        {
            // The head first: the tail read after it counts at least as many, and fewer than 2³² more.
            var removed = Volatile.Read(ref _cursors.HeadIndex);
            return removed + (long)((ReservedCount(Volatile.Read(ref _cursors.Tail)) - (ulong)removed) & CountMask);
        }
    }

    /// <summary>Messages not finished: reserved or waiting in the ring, or taken by the consumer and not yet finished.</summary>
    public long Pending
    {
        get
        {
            lock (_gate)
            {
                return InRing() + (_takenEnd - _takenFirst);
            }
        }
    }

    /// <summary>
    /// Adds a message, applying the overflow policy when it does not fit. Returns whether it was added
    /// (not when the queue is full under DropNewest, or closed) and, in <paramref name="evicted"/>, how
    /// many old messages DropOldest removed for it. On a thread that must not wait (<see cref="LoggingThread.MayWait"/>:
    /// the sender's own, or inside OnError), <see cref="SyslogOverflow.Block"/> drops the message instead of waiting:
    /// waiting there could wait for the very thread that must make room. (Asked only when the queue is full.)
    /// </summary>
    public bool Enqueue(ReadOnlySpan<byte> message, out int evicted)
    {
        evicted = 0;
        var slot = SlotSize(message.Length);
        var reservation = TryReserve(slot, out var position, out var wake);
        if (reservation == Reservation.Full && _overflow != SyslogOverflow.DropNewest && slot <= _capacity)
        {
            reservation = ReserveWhenFull(slot, out position, out wake, out evicted);
        }

        if (reservation != Reservation.Reserved)
        {
            return false;
        }

        var offset = Offset(position);
        RingBytes.Write(_ring, Wrap(offset + HeaderSize), message);

        // Release: whoever reads the header with acquire semantics also sees the bytes written above.
        Volatile.Write(ref HeaderAt(offset), message.Length + 1);
        if (wake)
        {
            lock (_gate)
            {
                Monitor.PulseAll(_gate);
            }
        }

        return true;
    }

    /// <summary>Wakes the consumer and blocked producers; later messages are refused.</summary>
    public void Close()
    {
        lock (_gate)
        {
            MarkClosed();
            Monitor.PulseAll(_gate);
        }
    }

    private static int SlotSize(int length) => (HeaderSize + length + HeaderSize - 1) & ~(HeaderSize - 1);

    private static ulong ReservedCount(ulong tail) => (tail >> CountShift) & CountMask;

    /// <summary>
    /// The lock-free path: one CAS on the tail when the slot fits. "Full" is only said when the head did not move
    /// between the two reads of it, so the ring was truly that full at one moment (a stale head would drop early).
    /// </summary>
    private Reservation TryReserve(int slot, out ulong position, out bool wake)
    {
        while (true)
        {
            // The head before the tail: the tail read after it is at or past it.
            var head = Volatile.Read(ref _cursors.Head);
            var tail = Volatile.Read(ref _cursors.Tail);
            (position, wake) = (tail & PositionMask, false);
            if ((tail & ClosedBit) != 0)
            {
                return Reservation.Closed;
            }

            if (((position - head) & PositionMask) + (ulong)slot > (ulong)_capacity)
            {
                if (Volatile.Read(ref _cursors.Head) == head)
                {
                    return Reservation.Full;
                }

                continue;
            }

            var claimed = (((ReservedCount(tail) + 1) & CountMask) << CountShift) | ((position + (ulong)slot) & PositionMask);
            if (Interlocked.CompareExchange(ref _cursors.Tail, claimed, tail) == tail)
            {
                // After the CAS (a full fence): pairs with the consumer's fence between its flag and its last look.
                wake = Volatile.Read(ref _cursors.ConsumerAsleep) != 0;
                return Reservation.Reserved;
            }
        }
    }

    /// <summary>The rare path, under the gate: DropOldest evicts from the head until the slot fits; Block waits for room.</summary>
    private Reservation ReserveWhenFull(int slot, out ulong position, out bool wake, out int evicted)
    {
        evicted = 0;
        var blocked = false;
        lock (_gate)
        {
            try
            {
                while (true)
                {
                    var reservation = TryReserve(slot, out position, out wake);
                    if (reservation != Reservation.Full)
                    {
                        return reservation;
                    }

                    if (_overflow == SyslogOverflow.DropOldest)
                    {
                        if (InRing() == 0)
                        {
                            return Reservation.Full;
                        }

                        RemoveHead(WaitForCommit(mayGiveUp: false));
                        Volatile.Write(ref _cursors.Head, _cursors.HeadPosition);
                        evicted++;
                        continue;
                    }

                    if (!LoggingThread.MayWait)
                    {
                        return Reservation.Full;
                    }

                    if (!blocked)
                    {
                        blocked = true;
                        _blockedProducers++;
                    }

                    if (_consumerLingering)
                    {
                        // Full while the sender lingers (a small ring): wake it now, not when its linger ends.
                        Monitor.PulseAll(_gate);
                    }

                    Monitor.Wait(_gate);
                }
            }
            finally
            {
                _blockedProducers -= blocked ? 1 : 0;
            }
        }
    }

    /// <summary>Under the gate: messages reserved and not yet removed (committed or not).</summary>
    private long InRing() => (long)((ReservedCount(Volatile.Read(ref _cursors.Tail)) - (ulong)_cursors.HeadIndex) & CountMask);

    private void MarkClosed() => Interlocked.Or(ref _cursors.Tail, ClosedBit);

    private int Offset(ulong position) => (int)(position & (ulong)(_ring.Length - 1));

    private int Wrap(int offset) => offset >= _ring.Length ? offset - _ring.Length : offset;

    private ref int HeaderAt(int offset) => ref Unsafe.As<byte, int>(ref _ring[offset]);
}
