using System;
using System.Buffers;
using System.Text;

namespace GenLog.Formatting;

/// <summary>
/// The one escaping rule of every format and framing, a pure span-to-span copy: the bytes of a set are escaped —
/// <c>"</c>, <c>\</c> and <c>]</c> with a backslash (RFC 5424 §6.3.3, PARAM-VALUE), every other as <c>#</c> and three
/// octal digits, the form rsyslog shows control characters in (RFC 5424 §8.2; <c>#012</c> for LF) — and invalid UTF-8
/// becomes U+FFFD.
/// </summary>
internal static class Escaping
{
    /// <summary>C0 controls except TAB, and DEL (RFC 5424 §8.2; docs/formats.md, EscapeControlCharacters).</summary>
    public static readonly SearchValues<byte> Controls = SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000a\u000b\u000c\u000d\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f\u007f"u8);

    /// <summary>What PARAM-VALUE escapes with a backslash (RFC 5424 §6.3.3).</summary>
    public static readonly SearchValues<byte> ParamValue = SearchValues.Create("\"\\]"u8);

    /// <summary><see cref="ParamValue"/> and <see cref="Controls"/>.</summary>
    public static readonly SearchValues<byte> ParamValueAndControls = SearchValues.Create(
        "\"\\]\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000a\u000b\u000c\u000d\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f\u007f"u8);

    /// <summary>CR and LF: with LF framing (RFC 6587 §3.4.2) the trailer LF ends a frame, so neither passes as it is.</summary>
    public static readonly SearchValues<byte> LineBreaks = SearchValues.Create("\r\n"u8);

    /// <summary>The most bytes one source byte becomes: <c>#</c> and three octal digits.</summary>
    public const int MaxExpansion = 4;

    /// <summary>
    /// Copies <paramref name="source"/> into <paramref name="destination"/>, escaping the bytes in <paramref name="special"/>
    /// (none when null) and replacing invalid UTF-8 with U+FFFD. Stops before the first character that does not fit whole.
    /// Returns the bytes written; <paramref name="consumed"/> says how much of the source they cover.
    /// </summary>
    public static int Escape(ReadOnlySpan<byte> source, Span<byte> destination, SearchValues<byte>? special, out int consumed)
    {
        var read = 0;
        var written = 0;
        while (read < source.Length)
        {
            var b = source[read];
            if (b < 0x80)
            {
                if (special is null || !special.Contains(b))
                {
                    if (written + 1 > destination.Length)
                    {
                        break;
                    }

                    destination[written++] = b;
                }
                else if (b is (byte)'"' or (byte)'\\' or (byte)']')
                {
                    if (written + 2 > destination.Length)
                    {
                        break;
                    }

                    destination[written++] = (byte)'\\';
                    destination[written++] = b;
                }
                else
                {
                    if (written + MaxExpansion > destination.Length)
                    {
                        break;
                    }

                    destination[written++] = (byte)'#';
                    destination[written++] = (byte)('0' + (b >> 6));
                    destination[written++] = (byte)('0' + ((b >> 3) & 7));
                    destination[written++] = (byte)('0' + (b & 7));
                }

                read++;
                continue;
            }

            // Invalid sequences decode as U+FFFD with the bytes to skip.
            Rune.DecodeFromUtf8(source[read..], out var rune, out var length);
            if (written + rune.Utf8SequenceLength > destination.Length)
            {
                break;
            }

            written += rune.EncodeToUtf8(destination[written..]);
            read += length;
        }

        consumed = read;
        return written;
    }
}
