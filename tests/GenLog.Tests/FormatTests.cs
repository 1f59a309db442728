using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;

using CsCheck;
using GenLog.TestSupport;

namespace GenLog.Tests;

public class FormatTests
{
    [Fact]
    public void Rfc3164_is_pri_local_timestamp_with_space_padded_day_host_tag_and_pid()
    {
        var zone = TimeZoneInfo.CreateCustomTimeZone("UTC+2", TimeSpan.FromHours(2), "UTC+2", "UTC+2");
        var (writer, transport) = Writers.Capture(o =>
        {
            o.Format = SyslogFormat.Rfc3164;
            o.TimeProvider = new FixedTime(new DateTimeOffset(2026, 3, 4, 22, 5, 9, TimeSpan.Zero), zone);
            o.AppName = "my-app.v2";
        });
        PlainLog.Text(writer, "hello é");
        AuthLog.FailedPassword(writer, "root", IPAddress.Loopback, 22);

        Assert.Equal("<14>Mar  5 00:05:09 host1 myappv2[42]: Text: hello é", transport.LastTextOf(0));
        Assert.Equal("<36>Mar  5 00:05:09 host1 sshd[42]: Failed password for root from 127.0.0.1 port 22", transport.LastTextOf(1));
        Assert.Matches(new Regex(@"^<\d{1,3}>[A-Z][a-z]{2} [ 1-3]\d \d{2}:\d{2}:\d{2} \S+ [A-Za-z0-9]{1,32}\[\d+\]: "), transport.LastTextOf(1));
    }

    [Fact]
    public void Rfc3164_defaults_to_1024_bytes_and_sends_no_structured_data()
    {
        var (writer, transport) = Writers.Capture(o => o.Format = SyslogFormat.Rfc3164);
        PlainLog.Structured(writer, new string('x', 5000), "w", 1);
        Assert.Equal(1024, writer.MaxMessageSize);
        Assert.Equal(1024, transport.Last.Length);
        Assert.DoesNotContain("probe@32473", transport.LastText);
        Assert.Equal(1, writer.Statistics.Truncated);
    }

    [Fact]
    public void Bare_is_pri_ident_and_message_with_optional_nul()
    {
        var (writer, transport) = Writers.Capture(o =>
        {
            o.Format = SyslogFormat.Bare;
            o.Ident = "prog: ";
            o.AppendNul = true;
        });
        PlainLog.DiskFull(writer, "sda", 50);
        Assert.Equal(Encoding.UTF8.GetBytes("<131>prog: Disk sda is 50.0% full\0"), transport.Last);
    }

    [Fact]
    public void Dynamic_severity_sets_the_pri_and_is_filtered_by_the_minimum()
    {
        var (writer, transport) = Writers.Capture(o => o.MinimumSeverity = SyslogSeverity.Warning);
        PlainLog.Dynamic(writer, SyslogSeverity.Critical, "kept");
        PlainLog.Dynamic(writer, SyslogSeverity.Informational, "skipped");
        PlainLog.Dynamic(writer, (SyslogSeverity)99, "invalid, skipped");
        Assert.Single(transport.Messages);
        // user (1) * 8 + crit (2).
        Assert.Equal(10, Rfc5424Parser.Parse(transport.Last).Pri);
    }

    [Fact]
    public void Minimum_severity_can_change_at_run_time()
    {
        var (writer, transport) = Writers.Capture();
        Assert.True(writer.IsEnabled(SyslogSeverity.Debug));
        writer.MinimumSeverity = SyslogSeverity.Error;
        Assert.False(writer.IsEnabled(SyslogSeverity.Warning));
        PlainLog.Text(writer, "informational: skipped");
        PlainLog.Failed(writer, new Exception("error: sent"));
        Assert.Single(transport.Messages);
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.MinimumSeverity = (SyslogSeverity)8);
    }
}

internal static class CaptureExtensions
{
    public static string LastTextOf(this CaptureTransport transport, int index) => Encoding.UTF8.GetString(transport.Messages[index]);
}

public class TimestampTests
{
    [Fact]
    public void Timestamps_follow_the_clock_within_a_second_and_across_seconds_days_and_years()
    {
        var time = new GenLog.TestSupport.ManualTime(new DateTimeOffset(2026, 12, 31, 23, 59, 59, TimeSpan.Zero).AddTicks(9_999_990));
        var (writer, transport) = Writers.Capture(o => o.TimeProvider = time);
        PlainLog.Text(writer, "a");
        time.Advance(TimeSpan.FromTicks(5));
        PlainLog.Text(writer, "b");
        time.Advance(TimeSpan.FromTicks(10));
        PlainLog.Text(writer, "c");
        var stamps = transport.Messages.Select(m => Rfc5424Parser.Parse(m).Timestamp).ToArray();
        Assert.Equal(new[] { "2026-12-31T23:59:59.999999Z", "2026-12-31T23:59:59.999999Z", "2027-01-01T00:00:00.000000Z" }, stamps);
    }

    [Theory]
    [InlineData("8Ys0acc6wUn2", 1)] // a fixed seed: the same instants every run
    [InlineData(null, 50)] // a new random seed each run: a failure's message names it (CsCheck's "Set seed: …")
    public void Every_timestamp_is_what_dotnet_formats_for_the_same_instant_to_the_microsecond(string? seed, int iterations)
    {
        // Random instants in ascending order (the per-thread cache sees new seconds and repeated ones), and
        // .NET's own formatter as the oracle. Each sample has its own writer: CsCheck runs samples in parallel.
        Gen.Long[0, TimeSpan.TicksPerSecond * 2].Array[200].Sample(steps =>
        {
            var time = new GenLog.TestSupport.ManualTime(new DateTimeOffset(1999, 12, 31, 23, 59, 58, TimeSpan.Zero));
            var (writer, transport) = Writers.Capture(o => o.TimeProvider = time);
            var expected = new List<string>();
            foreach (var step in steps)
            {
                time.Advance(TimeSpan.FromTicks(step));
                expected.Add(time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
                PlainLog.Text(writer, "t");
            }

            Assert.Equal(expected, transport.Messages.Select(m => Rfc5424Parser.Parse(m).Timestamp));
        }, seed: seed, iter: iterations);
    }

    [Fact]
    public void Millisecond_precision_writes_three_fraction_digits_cut_not_rounded_and_the_header_goes_on_after_them()
    {
        // 09:18:00.1239999: rounding would say .124; RFC 5424 §6.2.3 TIME-SECFRAC is the digits of the instant.
        var time = new FixedTime(new DateTimeOffset(2026, 11, 24, 9, 18, 0, TimeSpan.Zero).AddTicks(1_239_999));
        var (writer, transport) = Writers.Capture(o => { o.TimeProvider = time; o.TimestampPrecision = TimestampPrecision.Milliseconds; });
        PlainLog.Text(writer, "a");
        Assert.Equal("<14>1 2026-11-24T09:18:00.123Z host1 app 42 - - \uFEFFText: a", transport.LastText);

        var (precise, preciseTransport) = Writers.Capture(o => o.TimeProvider = time);
        PlainLog.Text(precise, "a");
        Assert.Equal("2026-11-24T09:18:00.123999Z", Rfc5424Parser.Parse(preciseTransport.Last).Timestamp);
    }

    [Fact]
    public void Millisecond_precision_on_the_system_clock_stamps_the_time_of_the_call_to_within_a_kernel_tick()
    {
        // On Linux the kernel's coarse clock (CLOCK_REALTIME_COARSE) is the one read.
        Assert.Equal(OperatingSystem.IsLinux(), GenLog.Formatting.CoarseClock.IsAvailable);
        var (writer, transport) = Writers.Capture(o => { o.TimeProvider = null; o.TimestampPrecision = TimestampPrecision.Milliseconds; });
        var stamps = new List<(DateTimeOffset Before, string Stamp, DateTimeOffset After)>();
        for (var i = 0; i < 200; i++)
        {
            var before = DateTimeOffset.UtcNow;
            PlainLog.Text(writer, "t");
            stamps.Add((before, Rfc5424Parser.Parse(transport.Last).Timestamp, DateTimeOffset.UtcNow));
            Thread.Sleep(i % 20 == 0 ? 1 : 0);
        }

        foreach (var (before, stamp, after) in stamps)
        {
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", stamp);
            var time = DateTimeOffset.Parse(stamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

            // The coarse clock is the time of the kernel's last tick (at most 10 ms, CONFIG_HZ=100), never later than now.
            Assert.InRange(time, before.AddMilliseconds(-20), after);
        }
    }

    [Fact]
    public void Millisecond_precision_cuts_the_rfc3164_time_too_never_rounding_into_the_next_second()
    {
        var time = new FixedTime(new DateTimeOffset(2026, 3, 4, 22, 5, 9, TimeSpan.Zero).AddTicks(9_999_999), TimeZoneInfo.Utc);
        var (writer, transport) = Writers.Capture(o => { o.Format = SyslogFormat.Rfc3164; o.TimeProvider = time; o.TimestampPrecision = TimestampPrecision.Milliseconds; });
        PlainLog.Text(writer, "a");
        Assert.StartsWith("<14>Mar  4 22:05:09 ", transport.LastText, StringComparison.Ordinal);
    }

    [Fact]
    public void An_undefined_TimestampPrecision_fails_at_construction_naming_the_option()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Writers.Capture(o => o.TimestampPrecision = (TimestampPrecision)2));
        Assert.Contains("SyslogWriterOptions.TimestampPrecision", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_writers_in_different_time_zones_on_one_thread_each_get_their_local_time()
    {
        var utc = new DateTimeOffset(2026, 3, 4, 22, 5, 9, TimeSpan.Zero);
        var plusTwo = TimeZoneInfo.CreateCustomTimeZone("UTC+2", TimeSpan.FromHours(2), "UTC+2", "UTC+2");
        var minusFive = TimeZoneInfo.CreateCustomTimeZone("UTC-5", TimeSpan.FromHours(-5), "UTC-5", "UTC-5");
        var (east, eastTransport) = Writers.Capture(o => { o.Format = SyslogFormat.Rfc3164; o.TimeProvider = new FixedTime(utc, plusTwo); });
        var (west, westTransport) = Writers.Capture(o => { o.Format = SyslogFormat.Rfc3164; o.TimeProvider = new FixedTime(utc, minusFive); });
        PlainLog.Text(east, "e");
        PlainLog.Text(west, "w");
        Assert.StartsWith("<14>Mar  5 00:05:09 ", eastTransport.LastText);
        Assert.StartsWith("<14>Mar  4 17:05:09 ", westTransport.LastText);
    }
}
