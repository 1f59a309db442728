using System;

namespace GenLog.Formatting;

/// <summary>
/// The text of the current second, kept per thread (in its <see cref="MessageBuffer"/>): within a second only
/// the microseconds change, so the calendar arithmetic and the time-zone conversion run once a second, not per call.
/// </summary>
internal sealed class TimestampCache
{
    private readonly byte[] _utcSecond = new byte[19];
    private readonly byte[] _localSecond = new byte[Timestamps.Rfc3164Length];
    private long _utcKey = long.MinValue;
    private long _localKey = long.MinValue;
    private TimeZoneInfo? _zone;

    /// <summary>RFC 5424 §6.2.3: <c>2026-11-24T09:18:00.123456Z</c>.</summary>
    public void WriteRfc5424(Span<byte> destination, DateTimeOffset time)
    {
        var ticks = time.UtcTicks;
        var second = ticks / TimeSpan.TicksPerSecond;
        if (second != _utcKey)
        {
            Timestamps.WriteRfc5424(destination, time);
            destination[..19].CopyTo(_utcSecond);
            _utcKey = second;
            return;
        }

        _utcSecond.CopyTo(destination);
        destination[19] = (byte)'.';
        Timestamps.WriteDigits(destination.Slice(20, 6), (int)(ticks % TimeSpan.TicksPerSecond / TimeSpan.TicksPerMicrosecond));
        destination[26] = (byte)'Z';
    }

    /// <summary>RFC 3164 §4.1.2 in <paramref name="zone"/>'s local time: <c>Mmm dd hh:mm:ss</c>.</summary>
    public void WriteRfc3164(Span<byte> destination, DateTimeOffset time, TimeZoneInfo zone)
    {
        var second = time.UtcTicks / TimeSpan.TicksPerSecond;
        if (second != _localKey || !ReferenceEquals(zone, _zone))
        {
            Timestamps.WriteRfc3164(_localSecond, TimeZoneInfo.ConvertTime(time, zone).DateTime);
            _localKey = second;
            _zone = zone;
        }

        _localSecond.CopyTo(destination);
    }
}

/// <summary>Writes syslog timestamps as ASCII digits, with no allocation.</summary>
internal static class Timestamps
{
    /// <summary>The length of an RFC 5424 timestamp with microseconds: <c>2026-11-24T09:18:00.123456Z</c>.</summary>
    public const int Rfc5424Length = 27;

    /// <summary>The length of an RFC 3164 timestamp: <c>Nov  4 09:18:00</c>.</summary>
    public const int Rfc3164Length = 15;

    private static ReadOnlySpan<byte> MonthNames => "JanFebMarAprMayJunJulAugSepOctNovDec"u8;

    /// <summary>RFC 5424 §6.2.3 FULL-DATE "T" FULL-TIME in UTC, with six fraction digits (TIME-SECFRAC).</summary>
    public static void WriteRfc5424(Span<byte> destination, DateTimeOffset time)
    {
        var utc = time.UtcDateTime;
        WriteDigits(destination[..4], utc.Year);
        destination[4] = (byte)'-';
        WriteDigits(destination.Slice(5, 2), utc.Month);
        destination[7] = (byte)'-';
        WriteDigits(destination.Slice(8, 2), utc.Day);
        destination[10] = (byte)'T';
        WriteDigits(destination.Slice(11, 2), utc.Hour);
        destination[13] = (byte)':';
        WriteDigits(destination.Slice(14, 2), utc.Minute);
        destination[16] = (byte)':';
        WriteDigits(destination.Slice(17, 2), utc.Second);
        destination[19] = (byte)'.';
        WriteDigits(destination.Slice(20, 6), (int)(utc.Ticks % TimeSpan.TicksPerSecond / TimeSpan.TicksPerMicrosecond));
        destination[26] = (byte)'Z';
    }

    /// <summary>RFC 3164 §4.1.2 TIMESTAMP in local time: <c>Mmm dd hh:mm:ss</c>, the day padded with a space.</summary>
    public static void WriteRfc3164(Span<byte> destination, DateTime local)
    {
        MonthNames.Slice((local.Month - 1) * 3, 3).CopyTo(destination);
        destination[3] = (byte)' ';
        destination[4] = local.Day < 10 ? (byte)' ' : (byte)('0' + local.Day / 10);
        destination[5] = (byte)('0' + local.Day % 10);
        destination[6] = (byte)' ';
        WriteDigits(destination.Slice(7, 2), local.Hour);
        destination[9] = (byte)':';
        WriteDigits(destination.Slice(10, 2), local.Minute);
        destination[12] = (byte)':';
        WriteDigits(destination.Slice(13, 2), local.Second);
    }

    /// <summary>Writes a non-negative number, zero-padded to the destination's length.</summary>
    public static void WriteDigits(Span<byte> destination, int value)
    {
        for (var i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (byte)('0' + value % 10);
            value /= 10;
        }
    }
}
