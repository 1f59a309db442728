using System;
using GenLog;

namespace AotSample;

/// <summary>The state of a service, sent by name.</summary>
public enum ServiceState
{
    /// <summary>Starting up.</summary>
    Starting,

    /// <summary>Serving requests.</summary>
    Running,

    /// <summary>Finishing the requests in flight before stopping.</summary>
    Draining,

    /// <summary>Stopped.</summary>
    Stopped,
}

/// <summary>
/// Messages of every kind of parameter the generator formats without reflection or boxing, so the
/// whole program publishes as Native AOT with no trim or AOT warning. Facility local1, APP-NAME aotsample.
/// </summary>
[SyslogSource(SyslogFacility.Local1, AppName = "aotsample")]
public static partial class AotLog
{
    /// <summary>A string parameter and a MSGID.</summary>
    [SyslogMessage(SyslogSeverity.Informational, "Hello {Name}", MsgId = "HELLO")]
    public static partial void Hello(SyslogWriter writer, string name);

    /// <summary>An int parameter.</summary>
    [SyslogMessage(SyslogSeverity.Warning, "Queue length {Length} is over the limit", MsgId = "QUEUE")]
    public static partial void QueueTooLong(SyslogWriter writer, int length);

    /// <summary>A double with a format string, formatted with the invariant culture.</summary>
    [SyslogMessage(SyslogSeverity.Notice, "Load average {Load:F2} on {Cores} cores")]
    public static partial void Load(SyslogWriter writer, double load, int cores);

    /// <summary>A Guid.</summary>
    [SyslogMessage(SyslogSeverity.Error, "Request {Id} failed")]
    public static partial void RequestFailed(SyslogWriter writer, Guid id);

    /// <summary>An enum, written by name.</summary>
    [SyslogMessage(SyslogSeverity.Debug, "State changed to {State}")]
    public static partial void StateChanged(SyslogWriter writer, ServiceState state);

    /// <summary>CPython names for facility and severity, and every parameter also sent as structured data.</summary>
    [SyslogMessage("auth", "crit", "User {user} locked out after {attempts} attempts", MsgId = "LOCKOUT", SdId = "auth@32473")]
    public static partial void LockedOut(SyslogWriter writer, string user, int attempts);
}
