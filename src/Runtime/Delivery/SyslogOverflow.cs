namespace GenLog;

/// <summary>What a logging call does when the writer's queue is full.</summary>
public enum SyslogOverflow
{
    /// <summary>Drop the new message and count it (the default: a logging call never waits).</summary>
    DropNewest = 0,

    /// <summary>Drop the oldest queued messages until the new one fits, and count them.</summary>
    DropOldest = 1,

    /// <summary>
    /// Wait until the sender makes room (the only case where a logging call waits on the network). A call on the sender's
    /// own thread or inside <see cref="SyslogWriterOptions.OnError"/> never waits: it is dropped and counted instead.
    /// </summary>
    Block = 2,
}
