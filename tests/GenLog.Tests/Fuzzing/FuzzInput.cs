using System;
using System.Buffers.Binary;
using System.Linq;

namespace GenLog.Tests.Fuzzing;

/// <summary>The byte encoding of a <see cref="FuzzCase"/> used by the libFuzzer-style harness (fuzz/GenLog.Fuzz) and its corpus.</summary>
public static class FuzzInput
{
    /// <summary>
    /// Bytes → case. Byte 0: format (mod 3) and the bits Utf8Bom, EscapeControlCharacters, AppendNul, SequenceId;
    /// byte 1: method (mod 6); byte 2: size kind; bytes 3–6: size value; byte 7: ident length in chars (0: none);
    /// bytes 8–15: the numbers' seed; then UTF-16LE text: the ident, then value A up to the first U+FFFF, then value B
    /// (any UTF-16, lone surrogates included). The first char of B is also the char parameter; N is the length of A.
    /// </summary>
    public static FuzzCase Decode(ReadOnlySpan<byte> data)
    {
        Span<byte> head = stackalloc byte[16];
        head.Clear();
        data[..Math.Min(16, data.Length)].CopyTo(head);
        var text = data.Length > 16 ? data[16..] : ReadOnlySpan<byte>.Empty;
        var chars = new char[text.Length / 2];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = (char)BinaryPrimitives.ReadUInt16LittleEndian(text[(2 * i)..]);
        }

        var all = new string(chars);
        var identLength = Math.Min(head[7], all.Length);
        string? ident = null;
        if (head[7] != 0)
        {
            // The writer rejects an Ident with a control character or a lone surrogate (an option error, not a message).
            ident = new string(all[..identLength].Select(c => c < ' ' || c == '\u007f' || char.IsSurrogate(c) ? '?' : c).ToArray());
        }

        var rest = all[identLength..];
        var split = rest.IndexOf('\uFFFF');
        var a = split < 0 ? rest : rest[..split];
        var b = split < 0 ? string.Empty : rest[(split + 1)..];
        var letter = b.Length > 0 ? b[0] : 'x';
        return new FuzzCase(
            (SyslogFormat)(head[0] % 3), (head[0] & 0x10) != 0, (head[0] & 0x20) != 0, (head[0] & 0x40) != 0, (head[0] & 0x80) != 0,
            ident, head[2] % 4, BinaryPrimitives.ReadInt32LittleEndian(head[3..]) & int.MaxValue,
            (FuzzMethod)(head[1] % 6), a, b, a.Length, letter, FuzzNumbers.FromSeed(BinaryPrimitives.ReadInt64LittleEndian(head[8..])));
    }

}
