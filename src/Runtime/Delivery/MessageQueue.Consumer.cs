using System;
using System.Threading;

namespace GenLog.Delivery;

/// <summary>The consumer's side of the queue (the background sender): taking batches, finishing them, and the end.</summary>
internal sealed partial class MessageQueue
{
    /// <summary>
    /// Moves the oldest messages into <paramref name="batch"/> (as many as fit, at least one when any waits), their
    /// lengths into <paramref name="lengths"/>; returns how many. On an empty queue it first lingers up to
    /// <paramref name="linger"/> unannounced, so that busy producers fill the next batch instead of paying a wake-up
    /// (a futex call) per message; only then does it wait up to <paramref name="idleWait"/> to be woken.
    /// </summary>
    /// <remarks>The consumer finishes what it took (<see cref="Finish"/>) before it takes again.</remarks>
    public int Take(byte[] batch, int[] lengths, TimeSpan linger, TimeSpan idleWait)
    {
        lock (_gate)
        {
            if (_abandoned)
            {
                // Abandon moved the head past slots it did not zero: nothing may be read any more.
                return 0;
            }

            _takenFirst = _takenEnd = _cursors.HeadIndex;
            if (IsIdle() && linger > TimeSpan.Zero)
            {
                _consumerLingering = true;
                Monitor.Wait(_gate, linger);
                _consumerLingering = false;
            }

            if (IsIdle() && idleWait > TimeSpan.Zero)
            {
                // Full fences: here between the flag and the last look at the tail, a producer's CAS before it reads
                // the flag. Either this sees its message, or it sees the flag.
                Interlocked.Exchange(ref _cursors.ConsumerAsleep, 1);
                if (IsIdle())
                {
                    Monitor.Wait(_gate, idleWait);
                }

                Volatile.Write(ref _cursors.ConsumerAsleep, 0);
            }

            // Waiting released the gate: DropOldest may have moved the head meanwhile.
            _takenFirst = _cursors.HeadIndex;
            var taken = 0;
            var offset = 0;
            while (taken < lengths.Length)
            {
                var length = WaitForCommit(mayGiveUp: taken > 0);
                if (length < 0 || offset + length > batch.Length)
                {
                    break;
                }

                RingBytes.Read(_ring, Wrap(Offset(_cursors.HeadPosition) + HeaderSize), batch.AsSpan(offset, length));
                RemoveHead(length);
                lengths[taken++] = length;
                offset += length;
            }

            if (taken > 0)
            {
                // Release, after the zeroes of every slot taken: a producer that sees this head reserves zeroed bytes.
                Volatile.Write(ref _cursors.Head, _cursors.HeadPosition);
            }

            _takenEnd = _cursors.HeadIndex;
            if (taken > 0 && _blockedProducers > 0)
            {
                Monitor.PulseAll(_gate);
            }

            return taken;
        }
    }

    /// <summary>
    /// The consumer finished the next <paramref name="count"/> messages it took (sent them, or dropped them). False when
    /// <see cref="Abandon"/> already counted them: the caller then counts nothing.
    /// </summary>
    public bool Finish(int count)
    {
        lock (_gate)
        {
            _takenFirst = Math.Min(_takenFirst + count, _takenEnd);
            return !_abandoned;
        }
    }

    /// <summary>True when every message with an index below <paramref name="index"/> is finished: sent, evicted or dropped.</summary>
    public bool IsFinishedBefore(long index)
    {
        lock (_gate)
        {
            var oldestUnfinished = _takenFirst < _takenEnd ? _takenFirst : _cursors.HeadIndex;
            return oldestUnfinished >= index;
        }
    }

    /// <summary>
    /// At the end: drops everything not finished — waiting, reserved, or taken and never finished (a consumer stopped,
    /// or given up on while stuck) — and returns how many; later <see cref="Finish"/> calls count nothing.
    /// </summary>
    public int Abandon()
    {
        lock (_gate)
        {
            // Closed first: no reservation follows the count (one before it is counted here, and commits unread).
            MarkClosed();
            var inRing = InRing();
            var count = (int)(inRing + (_takenEnd - _takenFirst));
            _abandoned = true;
            Volatile.Write(ref _cursors.HeadIndex, _cursors.HeadIndex + inRing);
            _cursors.HeadPosition = Volatile.Read(ref _cursors.Tail) & PositionMask;
            Volatile.Write(ref _cursors.Head, _cursors.HeadPosition);
            _takenFirst = _takenEnd;
            Monitor.PulseAll(_gate);
            return count;
        }
    }

    /// <summary>
    /// Under the gate: the length of the message at the head once its producer committed it, or -1 when the ring is
    /// empty. A reserved slot is committed within a copy; when <paramref name="mayGiveUp"/> the caller stops there instead.
    /// </summary>
    /// <remarks>
    /// The header alone says a message is there: every byte outside the reserved slots is zero (until Abandon, after
    /// which nothing is taken), so a header that is not is a committed one (read with acquire: its bytes are visible). Only a zero header needs the tail, the line
    /// every producer writes, to tell "empty" from "reserved, not yet committed".
    /// </remarks>
    private int WaitForCommit(bool mayGiveUp)
    {
        var spin = default(SpinWait);
        while (true)
        {
            var header = Volatile.Read(ref HeaderAt(Offset(_cursors.HeadPosition)));
            if (header != 0)
            {
                return header - 1;
            }

            if (mayGiveUp || InRing() == 0)
            {
                return -1;
            }

            // Yield to the copying thread, never a 1 ms sleep: the commit is usually nanoseconds away.
            spin.SpinOnce(sleep1Threshold: -1);
        }
    }

    /// <summary>
    /// Under the gate: zeroes the head slot and moves the head past it; the caller publishes the head to the producers
    /// (<see cref="RingCursors.Head"/>, a release store after the zeroes).
    /// </summary>
    private void RemoveHead(int length)
    {
        var slot = SlotSize(length);
        RingBytes.Clear(_ring, Offset(_cursors.HeadPosition), slot);
        _cursors.HeadPosition = (_cursors.HeadPosition + (ulong)slot) & PositionMask;
        Volatile.Write(ref _cursors.HeadIndex, _cursors.HeadIndex + 1);
    }

    /// <summary>Under the gate: nothing to take and not closed.</summary>
    private bool IsIdle()
    {
        var tail = Volatile.Read(ref _cursors.Tail);
        return (tail & ClosedBit) == 0 && (tail & PositionMask) == _cursors.HeadPosition;
    }
}
