using System;
using System.Runtime.Intrinsics;

namespace GenLog.Formatting;

/// <summary>
/// The text of the current second, kept per thread (in its <see cref="MessageBuffer"/>): within a second only
/// the microseconds change, so the calendar arithmetic and the time-zone conversion run once a second, not per call.
/// </summary>
internal sealed class TimestampCache
{
    private readonly byte[] _localSecond = new byte[Timestamps.Rfc3164Length];

    // The last RFC 5424 text, as two overlapping 16-byte halves (bytes 0–15 and 11–26): two stores write all 27.
    private Vector128<byte> _utcFirst;
    private Vector128<byte> _utcLast;
    private long _utcSecondStart = long.MinValue;
    private long _localKey = long.MinValue;
    private TimeZoneInfo? _zone;

    /// <summary>
    /// RFC 5424 §6.2.3: <c>2026-11-24T09:18:00.123456Z</c>, or with <paramref name="milliseconds"/> the first 24 bytes,
    /// <c>2026-11-24T09:18:00.123Z</c>; <paramref name="destination"/> holds at least 27 bytes either way.
    /// </summary>
    public void WriteRfc5424(Span<byte> destination, DateTimeOffset time, bool milliseconds)
    {
        WriteRfc5424(destination, time);
        if (milliseconds)
        {
            destination[Timestamps.Rfc5424MillisecondsLength - 1] = (byte)'Z';
        }
    }

    private void WriteRfc5424(Span<byte> destination, DateTimeOffset time)
    {
        var ticks = time.UtcTicks;

        // Within the cached second (unsigned: an earlier time is out of range too) only the microseconds change,
        // found without a 64-bit division.
        var intoSecond = (ulong)(ticks - _utcSecondStart);
        if (intoSecond >= TimeSpan.TicksPerSecond)
        {
            Timestamps.WriteRfc5424(destination, time);
            _utcFirst = Vector128.Create((ReadOnlySpan<byte>)destination[..16]);
            _utcLast = Vector128.Create((ReadOnlySpan<byte>)destination.Slice(11, 16));
            _utcSecondStart = ticks - (ticks % TimeSpan.TicksPerSecond);
            return;
        }

        _utcFirst.CopyTo(destination);
        _utcLast.CopyTo(destination[11..]);
        Timestamps.WriteMicroseconds(destination.Slice(20, 6), (int)((uint)intoSecond / TimeSpan.TicksPerMicrosecond));
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

    /// <summary>The length of an RFC 5424 timestamp with milliseconds: <c>2026-11-24T09:18:00.123Z</c>.</summary>
    public const int Rfc5424MillisecondsLength = 24;

    /// <summary>The length of an RFC 3164 timestamp: <c>Nov  4 09:18:00</c>.</summary>
    public const int Rfc3164Length = 15;

    private static ReadOnlySpan<byte> MonthNames => "JanFebMarAprMayJunJulAugSepOctNovDec"u8;

    /// <summary>"00" to "99": two digits per lookup, for the part of the timestamp written on every call.</summary>
    private static ReadOnlySpan<byte> DigitPairs =>
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"u8;

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
        WriteMicroseconds(destination.Slice(20, 6), (int)(utc.Ticks % TimeSpan.TicksPerSecond / TimeSpan.TicksPerMicrosecond));
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

    /// <summary>Writes 0–999,999 as six digits, two at a time (a third of the divisions of <see cref="WriteDigits"/>).</summary>
    public static void WriteMicroseconds(Span<byte> destination, int microseconds)
    {
        var pairs = DigitPairs;
        var high = (uint)microseconds / 10_000;
        var rest = (uint)microseconds - (high * 10_000);
        var middle = rest / 100;
        var low = rest - (middle * 100);
        pairs.Slice((int)(high * 2), 2).CopyTo(destination);
        pairs.Slice((int)(middle * 2), 2).CopyTo(destination[2..]);
        pairs.Slice((int)(low * 2), 2).CopyTo(destination[4..]);
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
