using System;
using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace GenLog.Formatting;

/// <summary>
/// The pickle opcodes GenLog writes (protocol 2, which every Python 3 reads; CPython's
/// <c>Lib/pickletools.py</c> documents each). A record is a dict: PROTO 2, EMPTY_DICT, MARK, then
/// key/value pairs, SETITEMS, STOP — what <c>logging.handlers.SocketHandler.makePickle</c> sends,
/// minus its memo, which a reader does not need.
/// </summary>
internal static class Pickle
{
    public const byte Proto = 0x80;
    public const byte EmptyDict = (byte)'}';
    public const byte Mark = (byte)'(';
    public const byte SetItems = (byte)'u';
    public const byte Stop = (byte)'.';
    public const byte BinUnicode = (byte)'X';
    public const byte BinInt = (byte)'J';
    public const byte BinFloat = (byte)'G';
    public const byte None = (byte)'N';
    public const byte NewTrue = 0x88;
    public const byte NewFalse = 0x89;
    public const byte Long1 = 0x8a;

    /// <summary>The bytes before the first key: PROTO 2, EMPTY_DICT, MARK.</summary>
    public static ReadOnlySpan<byte> Start => [Proto, 2, EmptyDict, Mark];

    /// <summary>The bytes after the last value: SETITEMS, STOP.</summary>
    public static ReadOnlySpan<byte> End => [SetItems, Stop];

    /// <summary>The most bytes one number takes: LONG1 of a 128-bit value, or BINFLOAT.</summary>
    public const int MaxNumberSize = 2 + 17;

    /// <summary>The head of a str: BINUNICODE and its 4-byte little-endian length, before the UTF-8.</summary>
    public const int StringHeaderSize = 5;

    /// <summary>The most bytes of a thread's name a record carries (CPython's threadName).</summary>
    public const int MaxThreadName = 256;

    /// <summary>BINUNICODE of UTF-8 text: 'X', its length (4 bytes, little-endian), the text.</summary>
    public static int WriteString(Span<byte> destination, ReadOnlySpan<byte> utf8)
    {
        destination[0] = BinUnicode;
        BinaryPrimitives.WriteInt32LittleEndian(destination[1..], utf8.Length);
        utf8.CopyTo(destination[5..]);
        return 5 + utf8.Length;
    }

    /// <summary>A key and a string value, as one constant: what the runtime precomputes.</summary>
    public static byte[] Entry(string key, string value)
    {
        var k = Encoding.UTF8.GetBytes(key);
        var v = Encoding.UTF8.GetBytes(value);
        var bytes = new byte[10 + k.Length + v.Length];
        var length = WriteString(bytes, k);
        WriteString(bytes.AsSpan(length), v);
        return bytes;
    }

    /// <summary>A key and an int value, as one constant.</summary>
    public static byte[] Entry(string key, long value)
    {
        var k = Encoding.UTF8.GetBytes(key);
        Span<byte> number = stackalloc byte[MaxNumberSize];
        var numberLength = WriteInteger(number, value);
        var bytes = new byte[5 + k.Length + numberLength];
        var length = WriteString(bytes, k);
        number[..numberLength].CopyTo(bytes.AsSpan(length));
        return bytes;
    }

    /// <summary>A key with the value None, as one constant.</summary>
    public static byte[] NoneEntry(string key)
    {
        var k = Encoding.UTF8.GetBytes(key);
        var bytes = new byte[6 + k.Length];
        bytes[WriteString(bytes, k)] = None;
        return bytes;
    }

    /// <summary>BININT for values that fit 32 bits, else LONG1 (little-endian two's complement).</summary>
    public static int WriteInteger(Span<byte> destination, long value)
    {
        if (value is >= int.MinValue and <= int.MaxValue)
        {
            destination[0] = BinInt;
            BinaryPrimitives.WriteInt32LittleEndian(destination[1..], (int)value);
            return 5;
        }

        destination[0] = Long1;
        destination[1] = 8;
        BinaryPrimitives.WriteInt64LittleEndian(destination[2..], value);
        return 10;
    }

    /// <summary>An unsigned 64-bit value: LONG1 with a ninth byte so it stays positive.</summary>
    public static int WriteInteger(Span<byte> destination, ulong value)
    {
        if (value <= int.MaxValue)
        {
            return WriteInteger(destination, (long)value);
        }

        destination[0] = Long1;
        destination[1] = 9;
        BinaryPrimitives.WriteUInt64LittleEndian(destination[2..], value);
        destination[10] = 0;
        return 11;
    }

    /// <summary>A 128-bit value: LONG1 with 16 bytes (17 for unsigned values with the top bit set).</summary>
    public static int WriteInteger(Span<byte> destination, Int128 value)
    {
        if (value >= long.MinValue && value <= long.MaxValue)
        {
            return WriteInteger(destination, (long)value);
        }

        destination[0] = Long1;
        destination[1] = 16;
        BinaryPrimitives.WriteInt128LittleEndian(destination[2..], value);
        return 18;
    }

    /// <summary>An unsigned 128-bit value.</summary>
    public static int WriteInteger(Span<byte> destination, UInt128 value)
    {
        if (value <= (UInt128)Int128.MaxValue)
        {
            return WriteInteger(destination, (Int128)value);
        }

        destination[0] = Long1;
        destination[1] = 17;
        BinaryPrimitives.WriteUInt128LittleEndian(destination[2..], value);
        destination[18] = 0;
        return 19;
    }

    /// <summary>LONG1 (or LONG4 for more than 255 bytes) of an integer of any size; 0 when it does not fit.</summary>
    public static int WriteInteger(Span<byte> destination, BigInteger value)
    {
        var count = value.GetByteCount(isUnsigned: false);
        var header = count <= byte.MaxValue ? 2 : 5;
        if (destination.Length < header + count)
        {
            return 0;
        }

        if (count <= byte.MaxValue)
        {
            destination[0] = Long1;
            destination[1] = (byte)count;
        }
        else
        {
            destination[0] = (byte)0x8b; // LONG4
            BinaryPrimitives.WriteInt32LittleEndian(destination[1..], count);
        }

        value.TryWriteBytes(destination[header..], out var written, isUnsigned: false, isBigEndian: false);
        return header + written;
    }

    /// <summary>BINFLOAT: 8 bytes, big-endian IEEE 754 (NaN and the infinities included).</summary>
    public static int WriteFloat(Span<byte> destination, double value)
    {
        destination[0] = BinFloat;
        BinaryPrimitives.WriteDoubleBigEndian(destination[1..], value);
        return 9;
    }
}
