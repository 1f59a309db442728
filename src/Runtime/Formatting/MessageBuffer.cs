using System;
using System.Runtime.CompilerServices;

namespace GenLog.Formatting;

/// <summary>
/// The per-thread memory one message is formatted in: the message bytes and a scratch area for
/// values that must be formatted before they are escaped. Rented for one message and returned,
/// so a value whose formatting logs again on the same thread gets its own buffer instead of
/// overwriting the one in use.
/// </summary>
internal sealed class MessageBuffer
{
    /// <summary>Scratch for values formatted to UTF-16 first; larger values are cut anyway.</summary>
    private const int MinimumScratch = 256;

    [ThreadStatic]
    private static MessageBuffer? s_cached;

    private MessageBuffer(int size)
    {
        Bytes = new byte[size];
        Scratch = new byte[Math.Max(size, MinimumScratch)];
        Chars = new char[Math.Max(size, MinimumScratch)];
    }

    /// <summary>The message being built.</summary>
    public byte[] Bytes { get; }

    /// <summary>A value's UTF-8 bytes before they are escaped into <see cref="Bytes"/>.</summary>
    public byte[] Scratch { get; }

    /// <summary>A value's UTF-16 text before it is transcoded.</summary>
    public char[] Chars { get; }

    /// <summary>This thread's timestamp text, formatted once a second.</summary>
    public TimestampCache Clock { get; } = new();

    /// <summary>Whether a message is being built in this buffer (a value whose formatting logs again gets another).</summary>
    private bool _inUse;

    /// <summary>Made while the thread's buffer was busy: offered to the thread when it is given back.</summary>
    private bool _spare;

    /// <summary>Takes this thread's buffer when it is free and large enough, else makes one.</summary>
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

    /// <summary>Gives the buffer back for the next message on its thread.</summary>
    public static void Return(MessageBuffer buffer)
    {
        buffer._inUse = false;
        if (buffer._spare)
        {
            Adopt(buffer);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static MessageBuffer RentNew(int size)
    {
        var buffer = new MessageBuffer(size) { _inUse = true };
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
}
