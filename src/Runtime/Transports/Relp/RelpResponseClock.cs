using System;
using System.Threading;

namespace GenLog.Transports;

/// <summary>RELP's response timeout on a <see cref="System.TimeProvider"/>: the writer's clock, so tests drive it without waiting.</summary>
internal sealed class RelpResponseClock(TimeSpan timeout, TimeProvider time)
{
    /// <summary>How long a wait for a response may go without one.</summary>
    public TimeSpan Timeout { get; } = timeout;

    /// <summary>A one-shot timer that calls <paramref name="expired"/> when the timeout runs out.</summary>
    public ITimer Start(TimerCallback expired, object state) => time.CreateTimer(expired, state, Timeout, System.Threading.Timeout.InfiniteTimeSpan);

    /// <summary>Starts the timeout over (a response arrived).</summary>
    public void Restart(ITimer timer) => timer.Change(Timeout, System.Threading.Timeout.InfiniteTimeSpan);
}
