using System;
using System.Runtime.InteropServices;

namespace GenLog.Formatting;

/// <summary>
/// The wall clock as the kernel last ticked it: Linux's <c>CLOCK_REALTIME_COARSE</c>, which the vDSO answers from
/// memory, without the time-stamp-counter read that makes the precise clock cost about 24 ns on a virtual machine
/// (docs/performance.md). It moves once per kernel tick; <see cref="TimestampPrecision.Milliseconds"/> opts into it.
/// </summary>
internal static partial class CoarseClock
{
    /// <summary>Linux's clock id (linux/time.h).</summary>
    private const int RealtimeCoarse = 5;

    /// <summary>Whether this platform has the clock: Linux, where it answers (a libc that lacks it fails the probe).</summary>
    public static readonly bool IsAvailable = OperatingSystem.IsLinux() && Probe();

    /// <summary>The current UTC time to the kernel's last tick; call only when <see cref="IsAvailable"/>.</summary>
    public static DateTimeOffset UtcNow()
    {
        GetTime(RealtimeCoarse, out var now);
        return new DateTimeOffset(DateTime.UnixEpoch.Ticks + (now.Seconds * TimeSpan.TicksPerSecond) + (now.Nanoseconds / TimeSpan.NanosecondsPerTick), TimeSpan.Zero);
    }

    private static bool Probe()
    {
        try
        {
            return GetTime(RealtimeCoarse, out var now) == 0 && now.Seconds > 0;
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    // No GC transition: the call reads the vDSO's page and returns, never blocks.
    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    [SuppressGCTransition]
    private static partial int GetTime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
