using System.Runtime.InteropServices;

namespace GenLog.Transports;

/// <summary><c>struct iovec</c>: one buffer of a message.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct IoVector
{
    public byte* Base;
    public nuint Length;
}

/// <summary><c>struct msghdr</c> (glibc's layout; musl's padded one is the same on little-endian when zeroed).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct MessageHeader
{
    public void* Name;
    public uint NameLength;
    public IoVector* Vectors;
    public nuint VectorCount;
    public void* Control;
    public nuint ControlLength;
    public int Flags;
}

/// <summary><c>struct mmsghdr</c> of <c>sendmmsg(2)</c> / <c>recvmmsg(2)</c>: the header and, on return, the bytes sent or received.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct MultiMessageHeader
{
    public MessageHeader Header;
    public uint Length;
}
