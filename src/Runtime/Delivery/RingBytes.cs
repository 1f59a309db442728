using System;

namespace GenLog.Delivery;

/// <summary>Copies into, out of and zeroes a range of a ring of bytes that may wrap around its end.</summary>
internal static class RingBytes
{
    public static void Write(byte[] ring, int offset, ReadOnlySpan<byte> bytes)
    {
        var first = Math.Min(bytes.Length, ring.Length - offset);
        bytes[..first].CopyTo(ring.AsSpan(offset));
        bytes[first..].CopyTo(ring);
    }

    public static void Read(byte[] ring, int offset, Span<byte> destination)
    {
        var first = Math.Min(destination.Length, ring.Length - offset);
        ring.AsSpan(offset, first).CopyTo(destination);
        ring.AsSpan(0, destination.Length - first).CopyTo(destination[first..]);
    }

    public static void Clear(byte[] ring, int offset, int length)
    {
        var first = Math.Min(length, ring.Length - offset);
        ring.AsSpan(offset, first).Clear();
        ring.AsSpan(0, length - first).Clear();
    }
}
