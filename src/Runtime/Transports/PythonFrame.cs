using System;
using System.Buffers.Binary;
using System.Security.Cryptography;

namespace GenLog.Transports;

/// <summary>
/// The frame of CPython's <c>SocketHandler</c> and <c>DatagramHandler</c> (<c>makePickle</c>): a 4-byte
/// big-endian length, then the pickle. Signed (a key is set): the length covers a 32-byte HMAC-SHA256 tag
/// of the pickle, then the pickle, so a receiver checks the tag before it unpickles anything (docs/python.md).
/// </summary>
internal static class PythonFrame
{
    public const int TagSize = HMACSHA256.HashSizeInBytes;

    /// <summary>The most bytes a frame adds to a pickle.</summary>
    public const int Overhead = 4 + TagSize;

    public static int Write(Span<byte> destination, ReadOnlySpan<byte> pickle, byte[]? hmacKey)
    {
        var tag = hmacKey is null ? 0 : TagSize;
        BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)(tag + pickle.Length));
        if (hmacKey is not null)
        {
            HMACSHA256.HashData(hmacKey, pickle, destination.Slice(4, TagSize));
        }

        pickle.CopyTo(destination[(4 + tag)..]);
        return 4 + tag + pickle.Length;
    }
}
