using System;

namespace GenLog;

/// <summary>
/// How long the writer waits before it tries a failed connection again: <see cref="InitialDelay"/>,
/// multiplied by <see cref="Factor"/> after each further failure, capped at <see cref="MaxDelay"/>;
/// a success starts over. The defaults are CPython <c>SocketHandler</c>'s (1 s, ×2, 30 s).
/// </summary>
public sealed class ReconnectPolicy
{
    /// <summary>The longest wait accepted: timers cannot wait much beyond 49 days, and a day without a retry is already no retry.</summary>
    private static readonly TimeSpan Longest = TimeSpan.FromDays(1);

    /// <summary>CPython <c>SocketHandler</c>'s schedule: 1 s, 2 s, 4 s, … 30 s.</summary>
    public static ReconnectPolicy Default { get; } = new();

    /// <summary>The wait after the first failure. Default 1 s.</summary>
    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>What each further failure multiplies the wait by; at least 1. Default 2.</summary>
    public double Factor { get; init; } = 2;

    /// <summary>The longest wait, at most one day. Default 30 s.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The wait after <paramref name="failures"/> failures in a row (1 for the first).</summary>
    public TimeSpan Delay(int failures)
    {
        var delay = InitialDelay.TotalMilliseconds * Math.Pow(Factor, Math.Max(failures - 1, 0));
        return TimeSpan.FromMilliseconds(Math.Min(delay, MaxDelay.TotalMilliseconds));
    }

    internal void Validate()
    {
        if (InitialDelay < TimeSpan.Zero || MaxDelay < InitialDelay || MaxDelay > Longest || !(Factor >= 1) || double.IsInfinity(Factor))
        {
            throw new ArgumentOutOfRangeException("options", "SyslogWriterOptions.Reconnect needs InitialDelay >= 0, InitialDelay <= MaxDelay <= 1 day and a finite Factor >= 1.");
        }
    }
}
