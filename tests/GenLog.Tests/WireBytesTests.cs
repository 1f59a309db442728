using System;
using System.IO;
using System.Linq;
using System.Numerics;
using System.Text;
using GenLog.Formatting;
using GenLog.Transports;

namespace GenLog.Tests;

[SyslogSource(SdId = "wire@32473")]
public static partial class WireLog
{
    [SyslogMessage(SyslogSeverity.Warning, "Values {Small}")]
    public static partial void Values(SyslogWriter writer, bool flag, bool off, string? missing, int small, long big, double ratio, string text);
}

/// <summary>
/// The bytes GenLog puts on the wire, written out by hand from RFC 6587 and CPython's Lib/pickletools.py, so a
/// run without rsyslog or python3 still catches a wrong length, escape or byte order.
/// </summary>
public class WireBytesTests
{
    [Fact]
    public void Octet_counting_prefixes_each_message_with_its_length_in_bytes_and_a_space()
    {
        // RFC 6587 §3.4.1: MSG-LEN SP SYSLOG-MSG. "é" is two bytes in UTF-8: "<14>é" is 6 bytes.
        var wire = Frame(FrameKind.OctetCounting, "<14>hi", "<14>\u00e9", new string('x', 10));
        Assert.Equal("6 <14>hi6 <14>\u00e910 xxxxxxxxxx", Encoding.UTF8.GetString(wire));
        Assert.Equal((byte)'6', wire[0]);
        Assert.Equal(8 + 8 + 13, wire.Length);
    }

    [Fact]
    public void Lf_framing_escapes_lf_as_012_and_cr_as_015_and_ends_each_message_with_lf()
    {
        // RFC 6587 §3.4.2 non-transparent framing; rsyslog's own escape of control characters is #ooo (octal).
        var wire = Frame(FrameKind.LineFeed, "<14>a\nb\rc\r\n", "<14>d");
        Assert.Equal("<14>a#012b#015c#015#012\n<14>d\n"u8.ToArray(), wire);
    }

    [Fact]
    public void Python_frames_start_with_a_four_byte_big_endian_length()
    {
        var pickle = Enumerable.Range(0, 0x0102).Select(i => (byte)i).ToArray();
        var wire = Frame(FrameKind.LengthPrefixed, pickle);
        Assert.Equal(new byte[] { 0x00, 0x00, 0x01, 0x02 }, wire[..4]);
        Assert.Equal(pickle, wire[4..]);
    }

    [Theory]
    [InlineData(0L, new byte[] { (byte)'J', 0x00, 0x00, 0x00, 0x00 })]
    [InlineData(0x01020304L, new byte[] { (byte)'J', 0x04, 0x03, 0x02, 0x01 })]
    [InlineData(-2L, new byte[] { (byte)'J', 0xFE, 0xFF, 0xFF, 0xFF })]
    [InlineData(int.MaxValue, new byte[] { (byte)'J', 0xFF, 0xFF, 0xFF, 0x7F })]
    [InlineData(int.MinValue, new byte[] { (byte)'J', 0x00, 0x00, 0x00, 0x80 })]
    [InlineData(0x0102030405060708L, new byte[] { 0x8A, 8, 0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01 })]
    [InlineData(-0x80000001L, new byte[] { 0x8A, 8, 0xFF, 0xFF, 0xFF, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF })]
    public void Integers_are_binint_little_endian_or_long1_beyond_32_bits(long value, byte[] expected)
    {
        // BININT: 'J' + 4-byte signed little-endian; LONG1: 0x8A, a length byte, little-endian two's complement.
        Span<byte> destination = stackalloc byte[Pickle.MaxNumberSize];
        Assert.Equal(expected, destination[..Pickle.WriteInteger(destination, value)].ToArray());
    }

    [Fact]
    public void Unsigned_and_128_bit_integers_get_a_zero_byte_when_their_top_bit_is_set()
    {
        Span<byte> destination = stackalloc byte[Pickle.MaxNumberSize];
        var ff = Enumerable.Repeat((byte)0xFF, 16).ToArray();

        Assert.Equal([0x8A, 9, .. ff[..8], 0x00], destination[..Pickle.WriteInteger(destination, ulong.MaxValue)].ToArray());
        Assert.Equal([(byte)'J', 0x07, 0x00, 0x00, 0x00], destination[..Pickle.WriteInteger(destination, 7UL)].ToArray());
        Assert.Equal([0x8A, 16, .. ff[..15], 0x7F], destination[..Pickle.WriteInteger(destination, Int128.MaxValue)].ToArray());
        Assert.Equal([0x8A, 17, .. ff, 0x00], destination[..Pickle.WriteInteger(destination, UInt128.MaxValue)].ToArray());
    }

    [Fact]
    public void Integers_of_any_size_are_long1_or_long4_beyond_255_bytes()
    {
        var destination = new byte[512];
        Assert.Equal(new byte[] { 0x8A, 1, 0xFF }, destination[..Pickle.WriteInteger(destination, BigInteger.MinusOne)]);

        // 2^64 = 00 00 00 00 00 00 00 00 01 (little-endian, 9 bytes).
        Assert.Equal(new byte[] { 0x8A, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0x01 }, destination[..Pickle.WriteInteger(destination, BigInteger.Pow(2, 64))]);

        // 2^2040 takes 256 bytes (255 zeros, then 0x01): LONG4 (0x8B) with a 4-byte little-endian length.
        var long4 = destination[..Pickle.WriteInteger(destination, BigInteger.Pow(2, 2040))];
        Assert.Equal(new byte[] { 0x8B, 0x00, 0x01, 0x00, 0x00 }, long4[..5]);
        Assert.Equal([.. new byte[255], 0x01], long4[5..]);
    }

    [Fact]
    public void Floats_are_binfloat_big_endian_ieee_754()
    {
        Span<byte> destination = stackalloc byte[9];
        Assert.Equal(new byte[] { (byte)'G', 0x3F, 0xE0, 0, 0, 0, 0, 0, 0 }, destination[..Pickle.WriteFloat(destination, 0.5)].ToArray());
        Assert.Equal(new byte[] { (byte)'G', 0xC0, 0x00, 0, 0, 0, 0, 0, 0 }, destination[..Pickle.WriteFloat(destination, -2)].ToArray());
        Assert.Equal(new byte[] { (byte)'G', 0x7F, 0xF0, 0, 0, 0, 0, 0, 0 }, destination[..Pickle.WriteFloat(destination, double.PositiveInfinity)].ToArray());
    }

    [Fact]
    public void Strings_are_binunicode_with_a_little_endian_byte_count()
    {
        Assert.Equal(new byte[] { (byte)'X', 0x01, 0, 0, 0, (byte)'k', (byte)'X', 0x02, 0, 0, 0, 0xC3, 0xA9 }, Pickle.Entry("k", "\u00e9"));
        Assert.Equal(new byte[] { (byte)'X', 0x01, 0, 0, 0, (byte)'k', (byte)'N' }, Pickle.NoneEntry("k"));
        Assert.Equal(new byte[] { (byte)'X', 0x01, 0, 0, 0, (byte)'k', (byte)'J', 0x2A, 0, 0, 0 }, Pickle.Entry("k", 42));
    }

    [Fact]
    public void A_record_is_a_protocol_2_dict_with_each_value_in_its_opcode()
    {
        var transport = new CapturePythonTransport();
        using (var writer = new SyslogWriter(transport, new SyslogWriterOptions { Synchronous = true, TimeProvider = new FixedTime(Writers.Now) }))
        {
            WireLog.Values(writer, true, false, null, 0x01020304, 0x0102030405060708, 0.5, "\u00e9");
        }

        var record = transport.Last;

        // PROTO 2, EMPTY_DICT, MARK ... SETITEMS, STOP.
        Assert.Equal(new byte[] { 0x80, 0x02, (byte)'}', (byte)'(' }, record[..4]);
        Assert.Equal(new byte[] { (byte)'u', (byte)'.' }, record[^2..]);
        AssertHas(record, [(byte)'X', 4, 0, 0, 0, .. "flag"u8, 0x88]);
        AssertHas(record, [(byte)'X', 3, 0, 0, 0, .. "off"u8, 0x89]);
        AssertHas(record, [(byte)'X', 7, 0, 0, 0, .. "missing"u8, (byte)'N']);
        AssertHas(record, [(byte)'X', 5, 0, 0, 0, .. "small"u8, (byte)'J', 0x04, 0x03, 0x02, 0x01]);
        AssertHas(record, [(byte)'X', 3, 0, 0, 0, .. "big"u8, 0x8A, 8, 0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01]);
        AssertHas(record, [(byte)'X', 5, 0, 0, 0, .. "ratio"u8, (byte)'G', 0x3F, 0xE0, 0, 0, 0, 0, 0, 0]);
        AssertHas(record, [(byte)'X', 4, 0, 0, 0, .. "text"u8, (byte)'X', 2, 0, 0, 0, 0xC3, 0xA9]);
        AssertHas(record, [(byte)'X', 3, 0, 0, 0, .. "msg"u8, (byte)'X', 15, 0, 0, 0, .. "Values 16909060"u8]);

        // Warning: levelno 30, syslog_severity 4; facility user, 1.
        AssertHas(record, [(byte)'X', 7, 0, 0, 0, .. "levelno"u8, (byte)'J', 30, 0, 0, 0]);
        AssertHas(record, [(byte)'X', 15, 0, 0, 0, .. "syslog_severity"u8, (byte)'J', 4, 0, 0, 0]);
        AssertHas(record, [(byte)'X', 15, 0, 0, 0, .. "syslog_facility"u8, (byte)'J', 1, 0, 0, 0]);
    }

    private static void AssertHas(byte[] record, byte[] expected) =>
        Assert.True(record.AsSpan().IndexOf(expected) >= 0, $"{Convert.ToHexString(expected)} is not in the record {Convert.ToHexString(record)}");

    private static byte[] Frame(FrameKind kind, params string[] messages) =>
        Frame(kind, messages.Select(Encoding.UTF8.GetBytes).ToArray());

    private static byte[] Frame(FrameKind kind, params byte[][] messages)
    {
        var frames = new FrameBuffer(kind);
        using var stream = new MemoryStream();
        foreach (var message in messages)
        {
            frames.Append(message, stream);
        }

        frames.WriteTo(stream);
        return stream.ToArray();
    }

    /// <summary>Keeps each record a Python transport would frame (the writer formats pickles for it).</summary>
    private sealed class CapturePythonTransport : ISyslogTransport, IPythonTransport
    {
        public byte[] Last { get; private set; } = [];

        public int MaxPickleSize => 65_000;

        public void Connect()
        {
        }

        public void Send(ReadOnlySpan<byte> message) => Last = message.ToArray();

        public void Flush()
        {
        }

        public void Disconnect()
        {
        }

        public void Dispose()
        {
        }
    }
}
