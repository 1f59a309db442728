using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace GenLog.TestSupport;

/// <summary>
/// When a task completed, read by the thread that completes it. A test that awaits the task and then reads its
/// stopwatch also counts the wait for the thread pool to run its own continuation, which a parallel test run on two
/// cores can delay by most of a second: that is the test's delay, not the code under test's.
/// </summary>
public static class CompletionClock
{
    /// <summary>The time on <paramref name="clock"/> when <paramref name="task"/> completed (successfully or not).</summary>
    public static Task<TimeSpan> ElapsedWhenDone(Task task, Stopwatch clock) =>
        task.ContinueWith(_ => clock.Elapsed, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
}
