using System;
using System.Buffers.Binary;
using System.Threading;

namespace GenLog.Delivery;

/// <summary>
/// A bounded queue of messages in one ring of bytes (each a 4-byte length and the message), so its
/// memory is fixed at construction and a logging call only copies bytes under a short lock. Many
/// producers, one consumer (the background sender).
/// </summary>
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
    private bool _consumerWaiting;

    public MessageQueue(int capacity, SyslogOverflow overflow)
    {
        _ring = new byte[capacity];
        _overflow = overflow;
    }

    /// <summary>Messages waiting.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>
    /// Adds a message, applying the overflow policy when it does not fit. Returns whether it was added
    /// (not when the queue is full under DropNewest, or closed) and, in <paramref name="evicted"/>, how
    /// many old messages DropOldest removed for it.
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

                if (size > _ring.Length || _overflow == SyslogOverflow.DropNewest || (_overflow == SyslogOverflow.DropOldest && _count == 0))
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
    public int Take(byte[] batch, int[] lengths, TimeSpan linger, TimeSpan idleWait)
    {
        lock (_gate)
        {
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

            if (taken > 0 && _overflow == SyslogOverflow.Block)
            {
                Monitor.PulseAll(_gate);
            }

            return taken;
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

    /// <summary>Drops every waiting message; returns how many.</summary>
    public int Clear()
    {
        lock (_gate)
        {
            var count = _count;
            _head = 0;
            _used = 0;
            _count = 0;
            Monitor.PulseAll(_gate);
            return count;
        }
    }

    /// <summary>Wakes the consumer if it waits for messages (used to stop it).</summary>
    public void Wake()
    {
        lock (_gate)
        {
            Monitor.PulseAll(_gate);
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
