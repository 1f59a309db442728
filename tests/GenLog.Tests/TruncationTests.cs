using System;
using System.Linq;
using System.Text;

namespace GenLog.Tests;

public class TruncationTests
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    [Fact]
    public void Msg_is_cut_first_at_a_character_boundary_and_the_header_and_sd_stay_whole()
    {
        // Header and SD take about 700 bytes, the MSG would take 600 more.
        var (writer, transport) = Writers.Capture(o => o.MaxMessageSize = 1000);
        var value = string.Concat(Enumerable.Repeat("é😀", 100));
        PlainLog.Structured(writer, "short", value, 1);

        Assert.Equal(1000, transport.Last.Length, tolerance: 3);
        var message = Rfc5424Parser.Parse(transport.Last);
        Assert.Equal("short", message.StructuredData[0].Parameters[0].Value);
        Assert.Equal(value, message.StructuredData[0].Parameters[1].Value);
        Assert.Equal("1", message.StructuredData[0].Parameters[2].Value);
        Assert.StartsWith("Value short in é😀", message.Msg);
        Assert.StartsWith(message.Msg!["Value short in ".Length..], value, StringComparison.Ordinal);
        Assert.Equal(1, writer.Statistics.Truncated);
        Assert.Equal(1, writer.Statistics.Sent);
    }

    [Fact]
    public void Sd_values_are_shortened_only_when_header_and_sd_alone_are_too_long_and_stay_valid()
    {
        var (writer, transport) = Writers.Capture(o => o.MaxMessageSize = 300);
        var hostile = string.Concat(Enumerable.Repeat("\"]\\é", 200));
        PlainLog.Structured(writer, hostile, hostile, 1);

        Assert.True(transport.Last.Length <= 300, $"{transport.Last.Length} bytes");
        var message = Rfc5424Parser.Parse(transport.Last);
        var parameters = message.StructuredData[0].Parameters;
        Assert.Equal(new[] { "Value", "Where", "extra" }, parameters.Select(p => p.Key)); // every parameter stays
        Assert.NotEmpty(parameters[0].Value);
        Assert.StartsWith(parameters[0].Value, hostile, StringComparison.Ordinal); // a cut value is a prefix of the original
        Assert.StartsWith(parameters[1].Value, hostile, StringComparison.Ordinal);
        Assert.Equal(1, writer.Statistics.Truncated);
    }

    [Fact]
    public void Untruncated_messages_are_not_counted()
    {
        var (writer, _) = Writers.Capture();
        PlainLog.Text(writer, "short");
        Assert.Equal(0, writer.Statistics.Truncated);
    }

    [Theory]
    [InlineData(SyslogFormat.Rfc5424, true, false)]
    [InlineData(SyslogFormat.Rfc5424, false, true)]
    [InlineData(SyslogFormat.Rfc3164, true, true)]
    [InlineData(SyslogFormat.Bare, true, true)]
    [InlineData(SyslogFormat.Bare, false, false)]
    public void Random_values_never_exceed_the_limit_never_split_a_character_and_always_parse(SyslogFormat format, bool escape, bool nul)
    {
        var random = new Random(5424);
        var alphabet = new[] { "a", "é", "日", "😀", "\"", "\\", "]", "\n", "\u001b", "\uD800", "\uDC00", "\t", "=", " ", "\u007f" };
        for (var round = 0; round < 300; round++)
        {
            var max = random.Next(0, 3) == 0 ? 65_535 : random.Next(400, 2_000);
            var (writer, transport) = Writers.Capture(o =>
            {
                o.Format = format;
                o.MaxMessageSize = max;
                o.EscapeControlCharacters = escape;
                o.AppendNul = nul;
                o.SequenceId = round % 2 == 0;
            });
            var value = string.Concat(Enumerable.Range(0, random.Next(0, 1_500)).Select(_ => alphabet[random.Next(alphabet.Length)]));
            PlainLog.Structured(writer, value, value[..(value.Length / 2)], random.Next());

            var bytes = transport.Last;
            Assert.True(bytes.Length <= max, $"{bytes.Length} > {max}");
            Assert.Equal(nul, bytes[^1] == 0);
            var content = nul ? bytes.AsSpan(0, bytes.Length - 1) : bytes;
            StrictUtf8.GetString(content); // throws on a split or invalid sequence, lone surrogates included
            if (escape)
            {
                Assert.DoesNotContain(content.ToArray(), b => (b < 0x20 && b != (byte)'\t') || b == 0x7F);
            }

            if (format == SyslogFormat.Rfc5424)
            {
                var message = Rfc5424Parser.Parse(content);
                Assert.Equal(3, message.StructuredData[^1].Parameters.Count);
            }
        }
    }
}
