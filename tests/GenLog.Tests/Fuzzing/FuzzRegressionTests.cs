using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace GenLog.Tests.Fuzzing;

/// <summary>
/// Every failure the fuzzers found, as a named test with the smallest input that shows it. All of these were bugs in
/// src/ and are fixed (0c3fbe9); the fuzz generators no longer leave their inputs out. A new finding that is a bug in
/// src/ goes here failing, and its input is left out of the generators (with a comment naming the test) until fixed.
/// </summary>
public class FuzzRegressionTests
{
    /// <summary>
    /// Found by FormatterPropertyTests (seed 9jG8Mu3yQbI2): a <c>char</c> parameter holding a lone surrogate is formatted
    /// through <c>char</c>'s <c>IUtf8SpanFormattable.TryFormat</c>, which throws ArgumentOutOfRangeException for a
    /// surrogate; the record then says "(error)" and OnError fires. docs/formats.md: invalid UTF-16 becomes U+FFFD.
    /// (src/Runtime/Formatting/SyslogMessageBuilder.cs, AppendUtf8Formattable, the TryFormat call.)
    /// </summary>
    [Theory]
    [InlineData('\uD800')]
    [InlineData('\uDFFF')]
    public void Lone_surrogate_char_parameter_is_sent_as_U_FFFD(char letter)
    {
        var errors = new List<Exception>();
        var (writer, transport) = Writers.Capture(o =>
        {
            o.Format = SyslogFormat.Bare;
            o.OnError = errors.Add;
        });

        FuzzLog.Chars(writer, "x".AsSpan(), letter);

        Assert.Equal("<158>C x \uFFFD", transport.LastText);
        Assert.Empty(errors);
    }

    /// <summary>
    /// Found by FormatterPropertyTests (seed 8Ys0acc6wUn2; the 245-byte message ended <c>… N="0"] S</c>): when fewer than 3 bytes are left for MSG, BeginText skips the
    /// BOM (Fits(3) is false) but still writes 1–2 bytes of text, so with Utf8Bom on the MSG does not start with the BOM.
    /// RFC 5424 §6.4 and docs/formats.md: MSG starts with the UTF-8 BOM when Utf8Bom is on. Expected: the BOM, or no MSG at all.
    /// (src/Runtime/Formatting/SyslogMessageBuilder.cs, BeginText.)
    /// </summary>
    [Fact]
    public void Msg_without_room_for_the_bom_is_not_sent_without_it()
    {
        // A shortened SD value of 4-byte characters leaves up to 3 bytes unused; after N="1" up to 2 remain for " S".
        var value = string.Concat(Enumerable.Repeat("😀", 400));
        var wrong = new List<string>();
        foreach (var sequenceId in new[] { false, true })
        {
            var minimum = FuzzOracle.MinimumSize(SyslogFormat.Rfc5424, bom: true, nul: false, sequenceId, ident: null);
            for (var size = minimum; size < minimum + 600; size++)
            {
                var (writer, transport) = Writers.Capture(o =>
                {
                    o.MaxMessageSize = size;
                    o.SequenceId = sequenceId;
                });
                FuzzLog.Structured(writer, "a", value, 1);
                var message = Rfc5424Parser.Parse(transport.Last);
                if (!string.IsNullOrEmpty(message.Msg) && !message.HasBom)
                {
                    wrong.Add($"SequenceId {sequenceId}, MaxMessageSize {size}: MSG {FuzzCase.Show(message.Msg)} without BOM: {FuzzOracle.Describe(transport.Last)}");
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong.Take(3)));
    }

    /// <summary>
    /// Found by FormatterPropertyTests (seed a9u9wXfyBqO2, Utf8Bom off; the 659-byte message ended <c>… N="0"] S</c>):
    /// docs/formats.md cuts MSG first and shortens SD values only when header and SD alone do not fit — so when an SD value was
    /// shortened, there is no room for MSG. But the 1–2 bytes a shortened value leaves unused (the next character needed
    /// 3 or 4) are then given to MSG: " S", the first letter of the template, while the SD value lost its end.
    /// Expected: MSG empty (or absent) whenever an SD value was shortened. (src/Runtime/Formatting/SyslogMessageBuilder.cs,
    /// BeginText / EndStructuredData: the text section starts with whatever room is left.)
    /// </summary>
    [Fact]
    public void Msg_is_empty_when_an_sd_value_was_shortened()
    {
        var value = string.Concat(Enumerable.Repeat("😀", 400));
        var wrong = new List<string>();
        var minimum = FuzzOracle.MinimumSize(SyslogFormat.Rfc5424, bom: false, nul: false, sequenceId: false, ident: null);
        for (var size = minimum; size < minimum + 600; size++)
        {
            var (writer, transport) = Writers.Capture(o =>
            {
                o.MaxMessageSize = size;
                o.Utf8Bom = false;
            });
            FuzzLog.Structured(writer, "a", value, 1);
            var message = Rfc5424Parser.Parse(transport.Last);
            var shortened = message.StructuredData[0].Parameters[1].Value != value;
            if (shortened && !string.IsNullOrEmpty(message.Msg))
            {
                wrong.Add($"MaxMessageSize {size}: SD value B shortened to {message.StructuredData[0].Parameters[1].Value.Length} chars but MSG is {FuzzCase.Show(message.Msg)}");
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong.Take(3)));
    }
}
