using System;
using System.Buffers.Binary;
using System.Threading;

namespace GenLog.Delivery;

/// <summary>
/// A bounded queue of messages in one ring of bytes (each a 4-byte length and the message), so its
/// memory is fixed at construction and a logging call only copies bytes under a short lock. Many
/// producers, one consumer (the background sender).
/// </summary>
/// <remarks>
/// Every message gets an index, in the order it was added. Messages leave in that order — taken by the consumer, or
/// evicted by <see cref="SyslogOverflow.DropOldest"/> — and the consumer finishes the ones it took in order too, so
/// "everything logged before index N is finished" is one comparison (<see cref="IsFinishedBefore"/>): what
/// <c>FlushAsync</c> waits for, exact whatever was evicted meanwhile.
/// </remarks>
internal sealed class MessageQueue
{
    private const int HeaderSize = sizeof(int);

    private readonly byte[] _ring;
    private readonly SyslogOverflow _overflow;
    private readonly object _gate = new();
    private int _head;
    private int _used;
    private int _count;
    private bool _closed;
    private bool _abandoned;
    private bool _consumerWaiting;

    /// <summary>Messages added so far: the index the next one gets.</summary>
    private long _added;

    /// <summary>The index of the oldest message in the ring: every older one was taken or evicted.</summary>
    private long _headIndex;

    /// <summary>The messages the consumer took and has not finished: indices [_takenFirst, _takenEnd).</summary>
    private long _takenFirst;

    private long _takenEnd;

    public MessageQueue(int capacity, SyslogOverflow overflow)
    {
        _ring = new byte[capacity];
        _overflow = overflow;
    }

    /// <summary>Messages added so far; FlushAsync waits until every one before this index is finished.</summary>
    public long Added => Volatile.Read(ref _added);

    /// <summary>Messages not finished: waiting in the queue, or taken by the consumer and not yet finished.</summary>
    public long Pending
    {
        get
        {
            lock (_gate)
            {
                return _count + (_takenEnd - _takenFirst);
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
        var size = HeaderSize + message.Length;
        evicted = 0;
        lock (_gate)
        {
            while (true)
            {
                if (_closed)
                {
                    return false;
                }

                if (_ring.Length - _used >= size)
                {
                    break;
                }

                if (size > _ring.Length || _overflow == SyslogOverflow.DropNewest || (_overflow == SyslogOverflow.DropOldest && _count == 0)
                    || (_overflow == SyslogOverflow.Block && !LoggingThread.MayWait))
                {
                    return false;
                }

                if (_overflow == SyslogOverflow.DropOldest)
                {
                    Skip();
                    evicted++;
                }
                else
                {
                    Monitor.Wait(_gate);
                }
            }

            Span<byte> header = stackalloc byte[HeaderSize];
            BinaryPrimitives.WriteInt32LittleEndian(header, message.Length);
            var tail = (_head + _used) % _ring.Length;
            tail = Write(tail, header);
            Write(tail, message);
            _used += size;
            _count++;
            _added++;
            if (_consumerWaiting)
            {
                Monitor.PulseAll(_gate);
            }
        }

        return true;
    }

    /// <summary>
    /// Moves the oldest messages into <paramref name="batch"/> (as many as fit, at least one when any
    /// waits), their lengths into <paramref name="lengths"/>. When the queue is empty it first lingers up to
    /// <paramref name="linger"/> without asking to be woken, so that a busy producer fills the next batch
    /// instead of paying a wake-up (a futex call, microseconds) for every message; only then does it wait up to
    /// <paramref name="idleWait"/> for the next message to wake it. Returns the number of messages taken.
    /// </summary>
    /// <remarks>The consumer finishes what it took (<see cref="Finish"/>) before it takes again.</remarks>
    public int Take(byte[] batch, int[] lengths, TimeSpan linger, TimeSpan idleWait)
    {
        lock (_gate)
        {
            _takenFirst = _takenEnd = _headIndex;
            if (_count == 0 && !_closed && linger > TimeSpan.Zero)
            {
                Monitor.Wait(_gate, linger);
            }

            if (_count == 0 && !_closed && idleWait > TimeSpan.Zero)
            {
                _consumerWaiting = true;
                Monitor.Wait(_gate, idleWait);
                _consumerWaiting = false;
            }

            // Waiting released the lock: DropOldest may have moved the head meanwhile.
            _takenFirst = _headIndex;
            var taken = 0;
            var offset = 0;
            Span<byte> header = stackalloc byte[HeaderSize];
            while (_count > 0 && taken < lengths.Length)
            {
                Read(_head, header);
                var length = BinaryPrimitives.ReadInt32LittleEndian(header);
                if (offset + length > batch.Length)
                {
                    break;
                }

                Read((_head + HeaderSize) % _ring.Length, batch.AsSpan(offset, length));
                Remove(HeaderSize + length);
                lengths[taken++] = length;
                offset += length;
            }

            _takenEnd = _headIndex;

            if (taken > 0 && _overflow == SyslogOverflow.Block)
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
            var oldestUnfinished = _takenFirst < _takenEnd ? _takenFirst : _headIndex;
            return oldestUnfinished >= index;
        }
    }

    /// <summary>Wakes the consumer and blocked producers; later messages are refused.</summary>
    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>
    /// At the end: drops everything not finished — waiting, or taken and never finished (a consumer stopped, or given up
    /// on while stuck) — and returns how many; later <see cref="Finish"/> calls count nothing.
    /// </summary>
    public int Abandon()
    {
        lock (_gate)
        {
            var count = _count + (int)(_takenEnd - _takenFirst);
            _closed = true;
            _abandoned = true;
            _headIndex += _count;
            _takenFirst = _takenEnd;
            _head = 0;
            _used = 0;
            _count = 0;
            Monitor.PulseAll(_gate);
            return count;
        }
    }

    private void Skip()
    {
        Span<byte> header = stackalloc byte[HeaderSize];
        Read(_head, header);
        Remove(HeaderSize + BinaryPrimitives.ReadInt32LittleEndian(header));
    }

    private void Remove(int size)
    {
        _head = (_head + size) % _ring.Length;
        _used -= size;
        _count--;
        _headIndex++;
        if (_count == 0)
        {
            _head = 0;
        }
    }

    private int Write(int position, ReadOnlySpan<byte> bytes)
    {
        var first = Math.Min(bytes.Length, _ring.Length - position);
        bytes[..first].CopyTo(_ring.AsSpan(position));
        bytes[first..].CopyTo(_ring);
        return (position + bytes.Length) % _ring.Length;
    }

    private void Read(int position, Span<byte> destination)
    {
        var first = Math.Min(destination.Length, _ring.Length - position);
        _ring.AsSpan(position, first).CopyTo(destination);
        _ring.AsSpan(0, destination.Length - first).CopyTo(destination[first..]);
    }
}
