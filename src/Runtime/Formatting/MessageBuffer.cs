using System;

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

    /// <summary>Takes this thread's buffer when it is free and large enough, else makes one.</summary>
    public static MessageBuffer Rent(int size)
    {
        var buffer = s_cached;
        if (buffer is not null && buffer.Bytes.Length >= size)
        {
            s_cached = null;
            return buffer;
        }

        return new MessageBuffer(size);
    }

    /// <summary>Gives the buffer back to this thread for the next message.</summary>
    public static void Return(MessageBuffer buffer)
    {
        if (s_cached is null || s_cached.Bytes.Length < buffer.Bytes.Length)
        {
            s_cached = buffer;
        }
    }
}
