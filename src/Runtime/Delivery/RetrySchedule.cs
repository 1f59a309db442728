using System;

namespace GenLog.Delivery;

/// <summary>
/// When to try a failed transport again, on the writer's clock: after the n-th failure in a row, the
/// <see cref="ReconnectPolicy"/>'s delay for n. A connection that opens starts the schedule over, as CPython's
/// <c>SocketHandler.createSocket</c> does: after a server comes back, the next failure waits
/// <see cref="ReconnectPolicy.InitialDelay"/> again, not the long delay the outage had grown to.
/// The one back-off of the runtime: the background sender, synchronous mode and failover probing use it. Not
/// thread-safe (each has one user at a time).
/// </summary>
internal sealed class RetrySchedule(ReconnectPolicy policy, TimeProvider time)
{
    private int _failures;
    private bool _disconnected;
    private DateTimeOffset _retryAt = DateTimeOffset.MinValue;

    /// <summary>True from a failure until the next successful delivery: the next success is a reconnect.</summary>
    public bool Recovering { get; private set; }

    /// <summary>Whether an attempt may be made now (synchronous mode drops instead of waiting).</summary>
    public bool IsDue => _retryAt == DateTimeOffset.MinValue || time.GetUtcNow() >= _retryAt;

    /// <summary>A connect, send or flush failed (the transport was then disconnected); returns how long to wait.</summary>
    public TimeSpan Failed()
    {
        _failures++;
        _disconnected = true;
        Recovering = true;
        var delay = policy.Delay(_failures);
        _retryAt = time.GetUtcNow() + delay;
        return delay;
    }

    /// <summary>Connect returned: after a failure that means a new connection opened, and the schedule starts over.</summary>
    public void Connected()
    {
        if (_disconnected)
        {
            _disconnected = false;
            _failures = 0;
        }
    }

    /// <summary>Everything was delivered; returns whether that was a reconnect (the first success after failures).</summary>
    public bool Delivered()
    {
        var reconnected = Recovering;
        Recovering = false;
        _failures = 0;
        _retryAt = DateTimeOffset.MinValue;
        return reconnected;
    }

    /// <summary>Starts over with a first wait of <see cref="ReconnectPolicy.InitialDelay"/> from now (failover: a probe of the earlier transports is due then).</summary>
    public void Restart()
    {
        _failures = 0;
        _retryAt = time.GetUtcNow() + policy.Delay(1);
    }
}
