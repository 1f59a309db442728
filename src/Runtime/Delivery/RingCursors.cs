using System.Runtime.InteropServices;

namespace GenLog.Delivery;

/// <summary>
/// The queue's cursors, each group on cache lines of its own: the tail, which every call writes; the head and the
/// consumer's flag, which every call reads and which change once per batch; and the consumer's own place, which it
/// moves per message and the producers do not read (on the object's first line it would share a line every call reads).
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 4 * CacheLine)]
internal struct RingCursors
{
    /// <summary>Two cache lines (adjacent-line prefetch moves them in pairs).</summary>
    private const int CacheLine = 128;

    /// <summary>Reserved messages (bits 34–62), the byte position (bits 0–33, modulo 2³⁴) and the closed bit (63).</summary>
    [FieldOffset(CacheLine)]
    public ulong Tail;

    /// <summary>The byte position of the oldest slot as the producers see it: published once per batch, after the slots are zeroed.</summary>
    [FieldOffset(2 * CacheLine)]
    public ulong Head;

    /// <summary>1 while the consumer waits to be woken: the producer that sees it wakes it after its commit.</summary>
    [FieldOffset((2 * CacheLine) + sizeof(ulong))]
    public int ConsumerAsleep;

    /// <summary>The byte position of the oldest slot, under the queue's gate; <see cref="Head"/> follows it once per batch.</summary>
    [FieldOffset(3 * CacheLine)]
    public ulong HeadPosition;

    /// <summary>Messages removed from the ring so far (taken or evicted): the index of the oldest still in it. Written under the gate.</summary>
    [FieldOffset((3 * CacheLine) + sizeof(ulong))]
    public long HeadIndex;
}
