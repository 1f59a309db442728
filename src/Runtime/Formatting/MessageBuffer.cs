using System;
using System.Runtime.CompilerServices;

namespace GenLog.Formatting;

/// <summary>
/// The per-thread memory one message is formatted in: the message bytes and scratch areas for values
/// that must be formatted before they are escaped. Rented for one message and returned, so a value whose
/// formatting logs again on the same thread gets its own buffer instead of overwriting the one in use.
/// </summary>
/// <remarks>
/// Sized to what is written, not to <see cref="SyslogWriterOptions.MaxMessageSize"/>: it starts at the writer's
/// <see cref="MessageLayout.InitialBufferSize"/> (a few KiB) and grows while a message needs it, up to the maximum.
/// A buffer that grew beyond <see cref="RetainLimit"/> is not kept for the thread's next message, so each logging thread
/// holds a few KiB however large the maximum is (many threads with a 16 MiB maximum must not hold 64 MiB each).
/// </remarks>
internal sealed class MessageBuffer
{
    /// <summary>Scratch for values formatted before they are escaped, to start with.</summary>
    private const int InitialScratch = 256;

    /// <summary>The largest buffer a thread keeps between messages.</summary>
    private const int RetainLimit = 64 * 1024;

    [ThreadStatic]
    private static MessageBuffer? s_cached;

    private MessageBuffer(int size)
    {
        Bytes = new byte[size];
        Scratch = new byte[InitialScratch];
        Chars = new char[InitialScratch];
    }

    private MessageBuffer()
    {
        Bytes = [];
        Scratch = [];
        Chars = [];
        IsUnavailable = true;
    }

    /// <summary>
    /// What a message gets when not even a new small buffer could be allocated: empty and never grown, so nothing is
    /// written into it (it is shared by every thread); the builder counts the message as dropped.
    /// </summary>
    public static MessageBuffer Unavailable { get; } = new();

    /// <summary>True for <see cref="Unavailable"/>.</summary>
    public bool IsUnavailable { get; }

    /// <summary>The message being built.</summary>
    public byte[] Bytes { get; private set; }

    /// <summary>A value's UTF-8 bytes before they are escaped into <see cref="Bytes"/>.</summary>
    public byte[] Scratch { get; private set; }

    /// <summary>A value's UTF-16 text before it is transcoded.</summary>
    public char[] Chars { get; private set; }

    /// <summary>This thread's timestamp text, formatted once a second.</summary>
    public TimestampCache Clock { get; } = new();

    /// <summary>Whether a message is being built in this buffer (a value whose formatting logs again gets another).</summary>
    private bool _inUse;

    /// <summary>Made while the thread's buffer was busy: offered to the thread when it is given back.</summary>
    private bool _spare;

    /// <summary>Takes this thread's buffer when it is free and at least <paramref name="size"/> bytes, else makes one (or, with no memory for it, <see cref="Unavailable"/>).</summary>
    public static MessageBuffer Rent(int size)
    {
        // One thread-static read per message: Return only clears the flag.
        var buffer = s_cached;
        if (buffer is null || buffer._inUse || buffer.Bytes.Length < size)
        {
            return RentNew(size);
        }

        buffer._inUse = true;
        return buffer;
    }

    /// <summary>Gives the buffer back for the next message on its thread; one that grew large is let go.</summary>
    public static void Return(MessageBuffer buffer)
    {
        if (buffer.IsUnavailable)
        {
            return;
        }

        buffer._inUse = false;
        if (buffer.Bytes.Length > RetainLimit || buffer.Scratch.Length > RetainLimit || buffer.Chars.Length > RetainLimit)
        {
            Release(buffer);
        }
        else if (buffer._spare)
        {
            Adopt(buffer);
        }
    }

    /// <summary>
    /// Grows <see cref="Bytes"/> to at least <paramref name="needed"/> bytes (doubling, at most <paramref name="max"/>),
    /// keeping the first <paramref name="used"/>. False, with the buffer unchanged, when there is no memory for it.
    /// </summary>
    public bool TryGrowBytes(int needed, int used, int max)
    {
        var grown = TryAllocate<byte>(Bytes.Length, needed, max);
        if (grown is null)
        {
            return false;
        }

        Bytes.AsSpan(0, used).CopyTo(grown);
        Bytes = grown;
        return true;
    }

    /// <summary>Grows <see cref="Scratch"/> to at least <paramref name="needed"/> bytes (at most <paramref name="max"/>); its content is not kept.</summary>
    public bool TryGrowScratch(int needed, int max)
    {
        var grown = TryAllocate<byte>(Scratch.Length, needed, max);
        Scratch = grown ?? Scratch;
        return grown is not null;
    }

    /// <summary>Grows <see cref="Chars"/> to at least <paramref name="needed"/> characters (at most <paramref name="max"/>); its content is not kept.</summary>
    public bool TryGrowChars(int needed, int max)
    {
        var grown = TryAllocate<char>(Chars.Length, needed, max);
        Chars = grown ?? Chars;
        return grown is not null;
    }

    private T[]? TryAllocate<T>(int current, int needed, int max)
    {
        if (IsUnavailable)
        {
            return null;
        }

        var size = (int)Math.Min(Math.Max((long)current * 2, needed), Math.Max(max, needed));
        try
        {
            return new T[size];
        }
        catch (OutOfMemoryException)
        {
            return null;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static MessageBuffer RentNew(int size)
    {
        MessageBuffer buffer;
        try
        {
            buffer = new MessageBuffer(size) { _inUse = true };
        }
        catch (OutOfMemoryException)
        {
            return Unavailable;
        }

        if (s_cached is null || (!s_cached._inUse && s_cached.Bytes.Length < size))
        {
            s_cached = buffer;
        }
        else
        {
            buffer._spare = true;
        }

        return buffer;
    }

    /// <summary>
    /// A spare comes back. It replaces the thread's buffer when that one is smaller, or still busy: busy because the
    /// spare was a nested message's (the outer one is fine without it), or because a message was begun and never sent
    /// — then without this every later message on the thread would allocate.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Adopt(MessageBuffer buffer)
    {
        var cached = s_cached;
        if (cached is null || cached._inUse || cached.Bytes.Length < buffer.Bytes.Length)
        {
            buffer._spare = false;
            s_cached = buffer;
        }
    }

    /// <summary>A buffer that grew large: the thread's next message starts with a new, small one.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Release(MessageBuffer buffer)
    {
        if (ReferenceEquals(s_cached, buffer))
        {
            s_cached = null;
        }
    }
}
