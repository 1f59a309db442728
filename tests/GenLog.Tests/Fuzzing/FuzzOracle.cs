using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Numerics;
using System.Text;
using GenLog.TestSupport;

namespace GenLog.Tests.Fuzzing;

/// <summary>Which generated method of <see cref="FuzzLog"/> a case calls.</summary>
public enum FuzzMethod
{
    Text,
    Structured,
    Numbers,
    NumbersSd,
    Formatted,
    Chars,
}

/// <summary>One value of every numeric type the generator formats.</summary>
public sealed record FuzzNumbers(
    sbyte I8, byte U8, short I16, ushort U16, int I32, uint U32, long I64, ulong U64,
    Int128 I128, UInt128 U128, Half F16, float F32, double F64, decimal Dec, nint Native, BigInteger Big)
{
    public static readonly FuzzNumbers Zero = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, Half.Zero, 0, 0, 0, 0, BigInteger.Zero);

    /// <summary>Each field at an extreme (min, max, zero, NaN, ±∞, −0, ε, huge) or random bits, from one seed.</summary>
    public static FuzzNumbers FromSeed(long seed)
    {
        var r = new Random(unchecked((int)seed ^ (int)(seed >> 32)));
        T Pick<T>(T min, T max, T zero, Func<T> random) => r.Next(5) switch { 0 => min, 1 => max, 2 => zero, _ => random() };
        ulong Bits() => ((ulong)(uint)r.Next() << 33) ^ ((ulong)(uint)r.Next() << 11) ^ (uint)r.Next();
        double[] doubles = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, double.Epsilon, double.MaxValue, double.MinValue, 1e-300, 0.1, 2.2250738585072009E-308];
        float[] floats = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, -0.0f, float.Epsilon, float.MaxValue, float.MinValue, 0.1f];
        Half[] halves = [Half.NaN, Half.PositiveInfinity, Half.NegativeInfinity, Half.NegativeZero, Half.Epsilon, Half.MaxValue, Half.MinValue];
        BigInteger Big() => r.Next(4) switch
        {
            0 => BigInteger.Pow(10, r.Next(0, 20_000)) - r.Next(),
            1 => -BigInteger.Pow(2, r.Next(0, 70_000)),
            _ => new BigInteger((long)Bits()),
        };
        return new FuzzNumbers(
            Pick(sbyte.MinValue, sbyte.MaxValue, (sbyte)0, () => (sbyte)r.Next()),
            Pick(byte.MinValue, byte.MaxValue, (byte)0, () => (byte)r.Next()),
            Pick(short.MinValue, short.MaxValue, (short)0, () => (short)r.Next()),
            Pick(ushort.MinValue, ushort.MaxValue, (ushort)0, () => (ushort)r.Next()),
            Pick(int.MinValue, int.MaxValue, 0, () => (int)Bits()),
            Pick(uint.MinValue, uint.MaxValue, 0u, () => (uint)Bits()),
            Pick(long.MinValue, long.MaxValue, 0L, () => (long)Bits()),
            Pick(ulong.MinValue, ulong.MaxValue, 0UL, Bits),
            Pick(Int128.MinValue, Int128.MaxValue, Int128.Zero, () => new Int128(Bits(), Bits())),
            Pick(UInt128.MinValue, UInt128.MaxValue, UInt128.Zero, () => new UInt128(Bits(), Bits())),
            Pick(Half.MinValue, Half.MaxValue, halves[r.Next(halves.Length)], () => BitConverter.UInt16BitsToHalf((ushort)r.Next())),
            Pick(float.MinValue, float.MaxValue, floats[r.Next(floats.Length)], () => BitConverter.UInt32BitsToSingle((uint)Bits())),
            Pick(double.MinValue, double.MaxValue, doubles[r.Next(doubles.Length)], () => BitConverter.UInt64BitsToDouble(Bits())),
            Pick(decimal.MinValue, decimal.MaxValue, 0m, () => new decimal(r.Next(), r.Next(), r.Next(), r.Next(2) == 0, (byte)r.Next(29))),
            Pick(nint.MinValue, nint.MaxValue, 0, () => (nint)(long)Bits()),
            Big());
    }
}

/// <summary>One fuzz input: writer options, the method, and its values.</summary>
/// <param name="SizeKind">0: the minimum + up to 64 bytes; 1: up to 2,000; 2: up to 64 KiB; 3: exactly 64 KiB.</param>
public sealed record FuzzCase(
    SyslogFormat Format, bool Bom, bool Escape, bool Nul, bool SequenceId, string? Ident, int SizeKind, int SizeValue,
    FuzzMethod Method, string A, string B, int N, char Letter, FuzzNumbers Numbers)
{
    public override string ToString() =>
        $"{Method} {Format} bom={Bom} escape={Escape} nul={Nul} seq={SequenceId} size={SizeKind}/{SizeValue} (max {FuzzOracle.ResolveSize(this)}) " +
        $"ident={Show(Ident)} a={Show(A)} b={Show(B)} n={N} letter={Show(Letter.ToString())} numbers={Numbers}";

    /// <summary>A value as a C# literal (every non-printable-ASCII char as \uXXXX), long ones shortened.</summary>
    public static string Show(string? value)
    {
        if (value is null)
        {
            return "null";
        }

        var text = new StringBuilder("\"");
        foreach (var c in value.Length > 160 ? value[..160] : value)
        {
            text.Append(c is >= ' ' and <= '~' and not '"' and not '\\' ? c.ToString() : $"\\u{(int)c:X4}");
        }

        text.Append('"');
        return value.Length > 160 ? $"{text}…({value.Length} chars)" : text.ToString();
    }
}

/// <summary>A property of the output that does not hold, with the case and the bytes.</summary>
public sealed class FuzzFailure(string message) : Exception(message);

/// <summary>
/// The fuzzers' oracle, written independently of GenLog's formatter from RFC 5424, RFC 3164 and docs/formats.md: runs one case
/// through a generated method into a capturing transport and checks every property a receiver relies on.
/// <list type="bullet">
/// <item>the message fits <c>MaxMessageSize</c> (a trailing NUL when <c>AppendNul</c>, counted in it);</item>
/// <item>it is valid, shortest-form UTF-8 and parses with the strict RFC 5424 / RFC 3164 parser (or is <c>&lt;PRI&gt;</c> + text for Bare);</item>
/// <item>with <c>EscapeControlCharacters</c> no C0 control but TAB, and no DEL, is left;</item>
/// <item>every field decodes back to the input after the documented replacements: a C0 control (not TAB) or DEL →
/// <c>#</c> + three octal digits when escaping is on, a lone surrogate → U+FFFD, and truncation keeps a prefix that ends
/// at a character (and escape) boundary; SD values are escaped <c>\" \\ \]</c>;</item>
/// <item>header and SD are kept whole while MSG is cut; a message is cut only when the next character does not fit,
/// and <c>Statistics.Truncated</c> counts exactly the cut ones.</item>
/// </list>
/// </summary>
public static class FuzzOracle
{
    public const string HostName = "host1";
    public const string AppName = "fuzz";
    public const string ProcId = "42";

    /// <summary>How close to the limit a cut message must be: the widest token (4 bytes), the SD closing <c>"]</c>,
    /// the <c>NAME=""</c> reserved for later SD-PARAMs, the BOM and the NUL.</summary>
    public const int CutSlack = 32;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly ConcurrentDictionary<(SyslogFormat, bool, bool, bool, string?), int> Minimums = new();

    /// <summary>The smallest MaxMessageSize the writer accepts with these options (found by constructing writers).</summary>
    public static int MinimumSize(SyslogFormat format, bool bom, bool nul, bool sequenceId, string? ident) =>
        Minimums.GetOrAdd((format, bom, nul, sequenceId, ident), key =>
        {
            bool Accepts(int size)
            {
                try
                {
                    using var writer = new SyslogWriter(new CaptureTransport(), Options(key.Item1, key.Item2, key.Item3, key.Item4, key.Item5, size, true));
                    return true;
                }
                catch (ArgumentOutOfRangeException)
                {
                    return false;
                }
            }

            int low = 1, high = 1024 * 1024;
            if (!Accepts(high))
            {
                throw new FuzzFailure($"no MaxMessageSize up to 1 MiB is accepted for {key}");
            }

            while (low < high)
            {
                var middle = low + ((high - low) / 2);
                if (Accepts(middle))
                {
                    high = middle;
                }
                else
                {
                    low = middle + 1;
                }
            }

            return low;
        });

    public static int ResolveSize(FuzzCase c)
    {
        var minimum = MinimumSize(c.Format, c.Bom, c.Nul, c.SequenceId, c.Ident);
        var v = Math.Abs(c.SizeValue);
        return c.SizeKind switch
        {
            0 => minimum + (v % 65),
            1 => minimum + (v % Math.Max(65, 2001 - minimum)),
            2 => minimum + (v % Math.Max(65, 65537 - minimum)),
            _ => Math.Max(minimum, 65536),
        };
    }

    public static SyslogWriterOptions Options(SyslogFormat format, bool bom, bool nul, bool sequenceId, string? ident, int size, bool escape) => new()
    {
        Format = format,
        Utf8Bom = bom,
        AppendNul = nul,
        SequenceId = sequenceId,
        Ident = ident,
        MaxMessageSize = size,
        EscapeControlCharacters = escape,
        HostName = HostName,
        AppName = "app",
        ProcId = ProcId,
        TimeProvider = new FixedTime(Writers.Now),
        Synchronous = true,
    };

    /// <summary>Runs the case and checks it; throws <see cref="FuzzFailure"/> with the case and the bytes.</summary>
    public static void Check(FuzzCase c)
    {
        var size = ResolveSize(c);
        var transport = new CaptureTransport();
        var errors = new List<Exception>();
        var options = Options(c.Format, c.Bom, c.Nul, c.SequenceId, c.Ident, size, c.Escape);
        options.OnError = errors.Add;
        using var writer = new SyslogWriter(transport, options);
        var expected = Call(writer, c);
        if (transport.Messages.Count != 1)
        {
            throw new FuzzFailure($"{transport.Messages.Count} messages sent, expected 1. Case: {c}");
        }

        var bytes = transport.Last;
        try
        {
            Verify(c, size, bytes, expected, writer.Statistics.Truncated, errors);
        }
        catch (Exception exception)
        {
            throw new FuzzFailure($"{exception.Message}\nCase: {c}\nBytes ({bytes.Length}): {Describe(bytes)}");
        }
    }

    /// <summary>The message in readable form: printable ASCII as it is, anything else as \xNN.</summary>
    public static string Describe(byte[] bytes)
    {
        var text = new StringBuilder();
        foreach (var b in bytes.Length > 600 ? bytes[..300].Concat(bytes[^300..]) : bytes)
        {
            text.Append(b is >= 0x20 and < 0x7F ? ((char)b).ToString() : $"\\x{b:X2}");
        }

        return text.ToString();
    }

    private sealed record Expected(int Pri, string MsgId, List<string> Msg, string? SdId, List<(string Name, List<string> Tokens)> Sd);

    private static Expected Call(SyslogWriter writer, FuzzCase c)
    {
        var n = c.Numbers;
        var inv = CultureInfo.InvariantCulture;
        var msg = new List<string>();
        void Literal(string text) => msg.AddRange(Runes(text));
        void Value(string text) => msg.AddRange(Tokens(text, c.Escape));
        string[] NumberTexts() =>
        [
            n.I8.ToString(inv), n.U8.ToString(inv), n.I16.ToString(inv), n.U16.ToString(inv), n.I32.ToString(inv), n.U32.ToString(inv),
            n.I64.ToString(inv), n.U64.ToString(inv), n.I128.ToString(inv), n.U128.ToString(inv), n.F16.ToString(inv), n.F32.ToString(inv),
            n.F64.ToString(inv), n.Dec.ToString(inv), n.Native.ToString(inv), n.Big.ToString(inv),
        ];
        string[] numberNames = ["I8", "U8", "I16", "U16", "I32", "U32", "I64", "U64", "I128", "U128", "F16", "F32", "F64", "Dec", "Native", "Big"];
        const int facility = (int)SyslogFacility.Local3 * 8;
        switch (c.Method)
        {
            case FuzzMethod.Text:
                FuzzLog.Text(writer, c.A, c.B);
                Literal("T "); Value(c.A); Literal(" |"); Value(c.B); Literal("| \"q\" \\ ] = é✓ end");
                return new Expected(facility + 5, "-", msg, null, []);
            case FuzzMethod.Structured:
                FuzzLog.Structured(writer, c.A, c.B, c.N);
                Literal("S "); Value(c.A); Literal(" in "); Value(c.B); Literal(" #"); Value(c.N.ToString(inv));
                return new Expected(facility + 4, "FUZZ", msg, "fuzz@32473",
                    [("A", Tokens(c.A, c.Escape)), ("B", Tokens(c.B, c.Escape)), ("N", Tokens(c.N.ToString(inv), c.Escape))]);
            case FuzzMethod.Numbers or FuzzMethod.NumbersSd:
                var sd = c.Method == FuzzMethod.NumbersSd;
                if (sd)
                {
                    FuzzLog.NumbersSd(writer, n.I8, n.U8, n.I16, n.U16, n.I32, n.U32, n.I64, n.U64, n.I128, n.U128, n.F16, n.F32, n.F64, n.Dec, n.Native, n.Big);
                }
                else
                {
                    FuzzLog.Numbers(writer, n.I8, n.U8, n.I16, n.U16, n.I32, n.U32, n.I64, n.U64, n.I128, n.U128, n.F16, n.F32, n.F64, n.Dec, n.Native, n.Big);
                }

                var texts = NumberTexts();
                Literal("N");
                foreach (var text in texts)
                {
                    Literal(" ");
                    Value(text);
                }

                return new Expected(facility + 3, "-", msg, sd ? "num@32473" : null,
                    sd ? numberNames.Select((name, i) => (name, Tokens(texts[i], c.Escape))).ToList() : []);
            case FuzzMethod.Formatted:
                FuzzLog.Formatted(writer, n.I32, n.F64, n.Dec, n.I64, n.F32, n.U16);
                Literal("F "); Value(n.I32.ToString("X8", inv)); Literal(" "); Value(n.F64.ToString("E3", inv)); Literal(" ");
                Value(n.Dec.ToString("F2", inv)); Literal(" "); Value(n.I64.ToString("N0", inv)); Literal(" ");
                Value(n.F32.ToString("R", inv)); Literal(" "); Value(n.U16.ToString("D7", inv));
                return new Expected(facility + 7, "-", msg, null, []);
            default:
                FuzzLog.Chars(writer, c.A.AsSpan(), c.Letter);
                Literal("C "); Value(c.A); Literal(" "); Value(c.Letter.ToString());
                return new Expected(facility + 6, "-", msg, null, []);
        }
    }

    /// <summary>
    /// The documented transformation of a value, one token per input character (scalar value): a lone surrogate
    /// becomes U+FFFD; with escaping, a C0 control but TAB, or DEL, becomes '#' and three octal digits. Truncation keeps
    /// whole tokens only.
    /// </summary>
    public static List<string> Tokens(string value, bool escape)
    {
        var tokens = new List<string>(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                tokens.Add(value.Substring(i++, 2));
            }
            else if (char.IsSurrogate(c))
            {
                tokens.Add("\uFFFD");
            }
            else if (escape && ((c < ' ' && c != '\t') || c == '\u007f'))
            {
                tokens.Add("#" + Convert.ToString(c, 8).PadLeft(3, '0'));
            }
            else
            {
                tokens.Add(c.ToString());
            }
        }

        return tokens;
    }

    private static List<string> Runes(string text) => text.EnumerateRunes().Select(r => r.ToString()).ToList();

    /// <summary>How many whole tokens <paramref name="actual"/> is, or a failure when it is not a token prefix.</summary>
    private static int PrefixLength(string actual, List<string> tokens, string what)
    {
        var position = 0;
        var count = 0;
        while (position < actual.Length)
        {
            if (count == tokens.Count)
            {
                throw new FuzzFailure($"{what} is longer than expected: extra {FuzzCase.Show(actual[position..])}");
            }

            var token = tokens[count];
            if (string.CompareOrdinal(actual, position, token, 0, token.Length) != 0 || position + token.Length > actual.Length)
            {
                var expected = string.Concat(tokens);
                throw new FuzzFailure($"{what} differs from the expected text at char {position} (token {count} {FuzzCase.Show(token)}): actual {FuzzCase.Show(actual[position..Math.Min(actual.Length, position + 40)])}, expected {FuzzCase.Show(expected[Math.Min(position, expected.Length)..Math.Min(expected.Length, position + 40)])}");
            }

            position += token.Length;
            count++;
        }

        return count;
    }

    private static string EscapeParamValue(string value) => value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("]", "\\]");

    private static void Verify(FuzzCase c, int size, byte[] bytes, Expected expected, long truncatedCount, List<Exception> errors)
    {
        if (errors.Count > 0)
        {
            throw new FuzzFailure($"OnError was called: {errors[0]}");
        }

        if (bytes.Length > size)
        {
            throw new FuzzFailure($"{bytes.Length} bytes > MaxMessageSize {size}");
        }

        var content = bytes;
        if (c.Nul)
        {
            if (bytes.Length == 0 || bytes[^1] != 0)
            {
                throw new FuzzFailure("AppendNul is on but the message does not end with NUL");
            }

            content = bytes[..^1];
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(content);
        }
        catch (DecoderFallbackException exception)
        {
            throw new FuzzFailure($"not valid shortest-form UTF-8: {exception.Message}");
        }

        if (c.Escape)
        {
            var raw = Array.FindIndex(content, b => (b < 0x20 && b != (byte)'\t') || b == 0x7F);
            if (raw >= 0)
            {
                throw new FuzzFailure($"EscapeControlCharacters is on but byte {raw} is the raw control 0x{content[raw]:X2}");
            }
        }

        var prefix = c.Ident is null ? [] : Runes(c.Ident);
        var msgTokens = prefix.Concat(expected.Msg).ToList();
        string msg;
        var sdCut = false;
        var bomMissing = false;
        switch (c.Format)
        {
            case SyslogFormat.Rfc5424:
                var parsed = Rfc5424Parser.Parse(content);
                Equal(expected.Pri, parsed.Pri, "PRI");
                Equal(Writers.Now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture), parsed.Timestamp, "TIMESTAMP");
                Equal(HostName, parsed.HostName, "HOSTNAME");
                Equal(AppName, parsed.AppName, "APP-NAME");
                Equal(ProcId, parsed.ProcId, "PROCID");
                Equal(expected.MsgId, parsed.MsgId, "MSGID");
                var elements = parsed.StructuredData.ToList();
                if (c.SequenceId)
                {
                    if (elements.Count == 0 || elements[0].Id != "meta" || elements[0].Parameters.Count != 1 || elements[0].Parameters[0].Key != "sequenceId" || elements[0].Parameters[0].Value != "1")
                    {
                        throw new FuzzFailure("SequenceId is on but the first SD-ELEMENT is not [meta sequenceId=\"1\"]");
                    }

                    elements.RemoveAt(0);
                }

                if (expected.SdId is null)
                {
                    Equal(0, elements.Count, "SD-ELEMENT count");
                }
                else if (elements.Count == 0)
                {
                    sdCut = true; // skipped whole: it did not fit
                }
                else
                {
                    Equal(1, elements.Count, "SD-ELEMENT count");
                    var element = elements[0];
                    Equal(expected.SdId, element.Id, "SD-ID");
                    Equal(string.Join(",", expected.Sd.Select(p => p.Name)), string.Join(",", element.Parameters.Select(p => p.Key)), "PARAM-NAMEs (every SD-PARAM keeps its name)");
                    var raw = new StringBuilder("[").Append(element.Id);
                    for (var i = 0; i < expected.Sd.Count; i++)
                    {
                        var value = element.Parameters[i].Value;
                        if (PrefixLength(value, expected.Sd[i].Tokens, $"PARAM-VALUE {expected.Sd[i].Name}") < expected.Sd[i].Tokens.Count)
                        {
                            sdCut = true;
                        }

                        raw.Append(' ').Append(element.Parameters[i].Key).Append("=\"").Append(EscapeParamValue(value)).Append('"');
                    }

                    raw.Append(']');
                    if (!text.Contains(raw.ToString(), StringComparison.Ordinal))
                    {
                        throw new FuzzFailure($"the SD-ELEMENT is not escaped exactly as RFC 5424 §6.3.3 says (\" \\ ] with a backslash, nothing else): expected {FuzzCase.Show(raw.ToString())}");
                    }
                }

                msg = parsed.Msg ?? string.Empty;
                if (parsed.HasBom && !c.Bom)
                {
                    // Not GenLog's choice: an Ident or value that starts with U+FEFF is, on the wire, the BOM of RFC 5424
                    // §6.4 (found by the harness: corpus/ident-starts-with-feff). It is part of the text here.
                    msg = "\uFEFF" + msg;
                }

                bomMissing = c.Bom && !parsed.HasBom && msg.Length > 0;
                break;
            case SyslogFormat.Rfc3164:
                var legacy = Rfc3164Parser.Parse(content);
                Equal(expected.Pri, legacy.Pri, "PRI");
                var local = Writers.Now.UtcDateTime;
                Equal(string.Create(CultureInfo.InvariantCulture, $"{local:MMM} {local.Day,2} {local:HH:mm:ss}"), legacy.Timestamp, "TIMESTAMP");
                Equal(HostName, legacy.HostName, "HOSTNAME");
                Equal(AppName, legacy.Tag, "TAG");
                Equal(ProcId, legacy.Pid, "PID");
                msg = legacy.Content;
                break;
            default:
                var pri = $"<{expected.Pri}>";
                if (!text.StartsWith(pri, StringComparison.Ordinal))
                {
                    throw new FuzzFailure($"Bare message does not start with {pri}");
                }

                msg = text[pri.Length..];
                break;
        }

        var written = PrefixLength(msg, msgTokens, "MSG");
        if (bomMissing)
        {
            throw new FuzzFailure($"Utf8Bom is on and MSG has {written} characters but no BOM");
        }

        var cut = sdCut || written < msgTokens.Count;
        if (sdCut && msg.Length > 0)
        {
            throw new FuzzFailure($"an SD value was shortened although MSG still holds {written} characters: MSG must be cut first");
        }

        if (cut && bytes.Length < size - CutSlack)
        {
            throw new FuzzFailure($"cut at {bytes.Length} bytes although MaxMessageSize is {size}: the next character would have fit");
        }

        Equal(cut ? 1L : 0L, truncatedCount, "Statistics.Truncated");
    }

    private static void Equal<T>(T expected, T actual, string what)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
        {
            throw new FuzzFailure($"{what}: expected {expected}, got {actual}");
        }
    }
}
