using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;

namespace GenLog.Delivery;

/// <summary>
/// The safety net for writers nobody disposed: when the process exits, every live queued writer gets one flush,
/// all at once, bounded by the longest of their <see cref="SyslogWriterOptions.CloseTimeout"/>s — so that what a
/// short-lived tool logged just before returning from Main still leaves the queue. The writers are held weakly: the
/// net roots nothing, and a writer that was disposed (or collected) is not in it.
/// </summary>
internal static class ExitFlush
{
    private static readonly ConditionalWeakTable<SyslogWriter, object?> Writers = new();
    private static int s_hooked;

    /// <summary>Puts a queued writer under the net (once per process the handler is hooked to ProcessExit).</summary>
    public static void Add(SyslogWriter writer)
    {
        Writers.AddOrUpdate(writer, null);
        if (System.Threading.Interlocked.Exchange(ref s_hooked, 1) == 0)
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) => FlushAll();
        }
    }

    /// <summary>Takes a writer out (it is being disposed).</summary>
    public static void Remove(SyslogWriter writer) => Writers.Remove(writer);

    private static void FlushAll()
    {
        var flushes = new List<Task>();
        var longest = TimeSpan.Zero;
        foreach (var (writer, _) in Writers)
        {
            flushes.Add(writer.FlushAsync());
            longest = writer.CloseTimeout > longest ? writer.CloseTimeout : longest;
        }

        try
        {
            Task.WhenAll(flushes).Wait(longest);
        }
        catch (AggregateException)
        {
            // Exiting anyway: a flush that failed has reported its errors already.
        }
    }
}
