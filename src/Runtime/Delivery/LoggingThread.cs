using System;

namespace GenLog.Delivery;

/// <summary>
/// What a logging call may do on the thread it runs on. Two kinds of thread must never wait in a logging call,
/// whatever <see cref="SyslogWriterOptions.Overflow"/> says: a background sender's own thread (it would wait for
/// itself to make room) and any thread inside <see cref="SyslogWriterOptions.OnError"/> (the sender may be the one
/// calling it). A call made inside OnError whose own error would call OnError again is counted, not reported: OnError
/// is never re-entered on a thread.
/// </summary>
internal static class LoggingThread
{
    [ThreadStatic]
    private static bool t_isSender;

    [ThreadStatic]
    private static int t_onErrorDepth;

    /// <summary>False on a sender's thread and inside OnError.</summary>
    public static bool MayWait => !t_isSender && t_onErrorDepth == 0;

    /// <summary>True while this thread runs an OnError callback.</summary>
    public static bool InOnError => t_onErrorDepth > 0;

    /// <summary>Marks the calling thread as a background sender, for its whole life.</summary>
    public static void MarkSender() => t_isSender = true;

    /// <summary>Runs <paramref name="onError"/> with <paramref name="exception"/>, marked as inside OnError; what it throws is swallowed.</summary>
    public static void RunOnError(Action<Exception> onError, Exception exception)
    {
        t_onErrorDepth++;
        try
        {
            onError(exception);
        }
        catch (Exception)
        {
            // OnError must not throw; if it does, the logging call still must not.
        }
        finally
        {
            t_onErrorDepth--;
        }
    }
}
