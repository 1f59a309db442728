using System;
using System.Linq;
using System.Net;
using System.Text;

namespace GenLog.Tests;

public class Rfc5424Tests
{
    [Fact]
    public void Header_fields_come_from_the_options_the_attribute_and_the_clock()
    {
        var (writer, transport) = Writers.Capture();
        AuthLog.FailedPassword(writer, "root", IPAddress.Parse("192.0.2.7"), 22);

        var message = Rfc5424Parser.Parse(transport.Last);
        Assert.Equal(4 * 8 + 4, message.Pri); // auth.warning from [SyslogSource] + [SyslogMessage]
        Assert.Equal("2026-11-24T09:18:00.123456Z", message.Timestamp);
        Assert.Equal("host1", message.HostName);
        Assert.Equal("sshd", message.AppName); // [SyslogSource(AppName)] wins over the writer's
        Assert.Equal("42", message.ProcId);
        Assert.Equal("AUTHFAIL", message.MsgId);
        Assert.Empty(message.StructuredData);
        Assert.True(message.HasBom);
        Assert.Equal("Failed password for root from 192.0.2.7 port 22", message.Msg);
    }

    [Fact]
    public void Timestamp_is_utc_with_microseconds_whatever_the_clock_offset()
    {
        var local = new DateTimeOffset(2026, 3, 1, 0, 30, 5, TimeSpan.FromHours(2)).AddTicks(9);
        var (writer, transport) = Writers.Capture(o => o.TimeProvider = new FixedTime(local));
        PlainLog.Text(writer, "x");
        Assert.Equal("2026-02-28T22:30:05.000000Z", Rfc5424Parser.Parse(transport.Last).Timestamp);
    }

    [Fact]
    public void Empty_fields_are_the_nilvalue_and_the_writer_app_name_is_used_without_a_source_attribute()
    {
        var (writer, transport) = Writers.Capture();
        PlainLog.Text(writer, "hello");
        var message = Rfc5424Parser.Parse(transport.Last);
        Assert.Equal("app", message.AppName);
        Assert.Equal("-", message.MsgId);
        Assert.Empty(message.StructuredData);
        Assert.Contains(" 42 - - ", transport.LastText);
    }

    [Fact]
    public void Facility_falls_back_from_method_to_type_to_writer()
    {
        var (writer, transport) = Writers.Capture(o => o.DefaultFacility = SyslogFacility.Local4);
        AuthLog.WithOwnFacility(writer, "a");      // method: local7
        AuthLog.FailedPassword(writer, "a", IPAddress.Loopback, 1); // type: auth
        PlainLog.Text(writer, "a");                // writer: local4
        var pris = transport.Messages.Select(m => Rfc5424Parser.Parse(m).Pri).ToArray();
        Assert.Equal(new[] { 23 * 8 + 5, 4 * 8 + 4, 20 * 8 + 6 }, pris);
    }

    [Fact]
    public void Cpython_names_and_numbers_on_the_attribute_give_the_rfc_5424_pri()
    {
        var (writer, transport) = Writers.Capture();
        PlainLog.DiskFull(writer, "/dev/sda1", 97.25);
        PlainLog.Numbers(writer, long.MinValue, 1.5m);
        // RFC 5424 §6.2.1 and CPython SysLogHandler: local0 = 16, err = 3, so PRI = 16 * 8 + 3.
        Assert.Equal(131, Rfc5424Parser.Parse(transport.Messages[0]).Pri);
        Assert.Equal("Disk /dev/sda1 is 97.2% full", Rfc5424Parser.Parse(transport.Messages[0]).Msg);
        // Facility 4 (auth), severity 6 (info): 4 * 8 + 6.
        Assert.Equal(38, Rfc5424Parser.Parse(transport.Messages[1]).Pri);
        Assert.Equal("Numbers -9223372036854775808 1.5", Rfc5424Parser.Parse(transport.Messages[1]).Msg);
    }

    [Fact]
    public void Structured_data_carries_every_parameter_escaped_and_the_message_only_the_template()
    {
        var (writer, transport) = Writers.Capture();
        PlainLog.Structured(writer, "a\"b\\c]d", "here", 7);

        var message = Rfc5424Parser.Parse(transport.Last);
        Assert.Contains("[probe@32473 Value=\"a\\\"b\\\\c\\]d\" Where=\"here\" extra=\"7\"]", transport.LastText);
        var element = Assert.Single(message.StructuredData);
        Assert.Equal("probe@32473", element.Id);
        Assert.Equal(new[] { "Value", "Where", "extra" }, element.Parameters.Select(p => p.Key));
        Assert.Equal(new[] { "a\"b\\c]d", "here", "7" }, element.Parameters.Select(p => p.Value));
        Assert.Equal("Value a\"b\\c]d in here", message.Msg);
        Assert.Equal("PROBE", message.MsgId);
    }

    [Fact]
    public void Sequence_id_adds_a_meta_element_that_counts_up()
    {
        var (writer, transport) = Writers.Capture(o => o.SequenceId = true);
        PlainLog.Text(writer, "one");
        PlainLog.Structured(writer, "v", "w", 1);
        var first = Rfc5424Parser.Parse(transport.Messages[0]).StructuredData;
        var second = Rfc5424Parser.Parse(transport.Messages[1]).StructuredData;
        Assert.Equal("meta", Assert.Single(first).Id);
        Assert.Equal("1", first[0].Parameters.Single(p => p.Key == "sequenceId").Value);
        Assert.Equal(new[] { "meta", "probe@32473" }, second.Select(e => e.Id));
        Assert.Equal("2", second[0].Parameters.Single().Value);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Bom_starts_msg_only_when_on(bool bom)
    {
        var (writer, transport) = Writers.Capture(o => o.Utf8Bom = bom);
        PlainLog.Text(writer, "é");
        var message = Rfc5424Parser.Parse(transport.Last);
        Assert.Equal(bom, message.HasBom);
        Assert.Equal("Text: é", message.Msg);
    }

    [Fact]
    public void Control_characters_are_escaped_as_rsyslog_shows_them_in_msg_and_sd()
    {
        var (writer, transport) = Writers.Capture();
        PlainLog.Structured(writer, "a\nb\u001b[31m\u007f\tc", "\r", 0);
        var message = Rfc5424Parser.Parse(transport.Last);
        Assert.Equal("a#012b#033[31m#177\tc", message.StructuredData[0].Parameters[0].Value);
        Assert.Equal("#015", message.StructuredData[0].Parameters[1].Value);
        Assert.Equal("Value a#012b#033[31m#177\tc in #015", message.Msg);
        Assert.DoesNotContain(transport.Last, b => b < 0x20 && b != (byte)'\t');
    }

    [Fact]
    public void Control_characters_are_sent_as_they_are_when_escaping_is_off()
    {
        var (writer, transport) = Writers.Capture(o => o.EscapeControlCharacters = false);
        PlainLog.Text(writer, "a\nb\u0000");
        Assert.Equal("Text: a\nb\u0000", Rfc5424Parser.Parse(transport.Last).Msg);
    }

    [Fact]
    public void Lone_surrogates_become_replacement_characters_and_pairs_survive()
    {
        var (writer, transport) = Writers.Capture();
        PlainLog.Structured(writer, "x\uD800y\uDC00z😀", "\uDBFF", 0);
        var message = Rfc5424Parser.Parse(transport.Last);
        Assert.Equal("x\uFFFDy\uFFFDz😀", message.StructuredData[0].Parameters[0].Value);
        Assert.Equal("Value x\uFFFDy\uFFFDz😀 in \uFFFD", message.Msg);
    }

    [Fact]
    public void Every_parameter_kind_is_formatted_with_the_invariant_culture()
    {
        var (writer, transport) = Writers.Capture();
        var id = Guid.Parse("6f1c2a9e-4b7d-4c8e-9a51-2d3f4e5a6b7c");
        PlainLog.Kinds(writer, true, Color.Green, id, "span".AsSpan(), null, new DateTime(2026, 1, 2), 'λ');
        PlainLog.Kinds(writer, false, (Color)7, id, default, 5, new DateTime(2026, 1, 2), 'a');
        Assert.Equal($"Kinds True Green {id} span (null) 2026-01-02 λ", Rfc5424Parser.Parse(transport.Messages[0]).Msg);
        Assert.Equal($"Kinds False 7 {id}  5 2026-01-02 a", Rfc5424Parser.Parse(transport.Messages[1]).Msg);
    }

    [Fact]
    public void Time_values_without_a_format_are_iso_8601_and_the_constant_timespan_form()
    {
        var (writer, transport) = Writers.Capture();
        PlainLog.Times(
            writer,
            new DateTime(2026, 12, 1, 8, 0, 0, DateTimeKind.Utc),
            new DateTime(2026, 12, 1, 8, 0, 0, 500, DateTimeKind.Unspecified),
            new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(2)),
            new TimeSpan(1, 2, 3, 4, 500));

        // RFC 3339 / ISO 8601 round-trip forms, and TimeSpan's invariant "c" form ([-][d.]hh:mm:ss[.fffffff]).
        Assert.Equal("Times 2026-12-01T08:00:00.0000000Z 2026-12-01T08:00:00.5000000 2026-12-01T10:00:00.0000000+02:00 1.02:03:04.5000000", Rfc5424Parser.Parse(transport.Last).Msg);
    }

    [Fact]
    public void Alignment_pads_by_characters_and_doubled_braces_are_literal()
    {
        var (writer, transport) = Writers.Capture();
        PlainLog.Aligned(writer, "é", 42);
        Assert.Equal("[é     |    42] {literal}", Rfc5424Parser.Parse(transport.Last).Msg);
    }

    [Fact]
    public void A_placeholder_may_repeat_and_binds_ignoring_case()
    {
        var (writer, transport) = Writers.Capture();
        PlainLog.Repeated(writer, "x");
        Assert.Equal("x and again x", Rfc5424Parser.Parse(transport.Last).Msg);
    }

    [Fact]
    public void Instance_methods_use_the_field_or_primary_constructor_writer()
    {
        var (writer, transport) = Writers.Capture();
        new InstanceLog(writer).Counted(3);
        new FieldLog(writer).Named("n");
        Assert.Equal("Instance 3", Rfc5424Parser.Parse(transport.Messages[0]).Msg);
        // user (1) * 8 + alert (1).
        Assert.Equal(9, Rfc5424Parser.Parse(transport.Messages[1]).Pri);
    }

    [Fact]
    public void Ident_prefixes_the_message_text()
    {
        var (writer, transport) = Writers.Capture(o => o.Ident = "myapp: ");
        PlainLog.Text(writer, "t");
        Assert.Equal("myapp: Text: t", Rfc5424Parser.Parse(transport.Last).Msg);
    }

    [Fact]
    public void Null_values_are_written_as_null_marker()
    {
        var (writer, transport) = Writers.Capture();
        PlainLog.Text(writer, null!);
        PlainLog.WithObject(writer, null!);
        Assert.Equal("Text: (null)", Rfc5424Parser.Parse(transport.Messages[0]).Msg);
        Assert.Equal("Object (null)", Rfc5424Parser.Parse(transport.Messages[1]).Msg);
    }

    [Fact]
    public void Append_nul_ends_the_message_with_one_nul_byte()
    {
        var (writer, transport) = Writers.Capture(o => o.AppendNul = true);
        PlainLog.Text(writer, "t");
        Assert.Equal(0, transport.Last[^1]);
        Assert.Equal("Text: t", Rfc5424Parser.Parse(transport.Last.AsSpan(0, transport.Last.Length - 1)).Msg);
    }
}
