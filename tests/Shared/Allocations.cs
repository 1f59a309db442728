using System;

namespace GenLog.TestSupport;

/// <summary>The 0 B per call check every test project uses (allocation is deterministic, so it may be asserted).</summary>
public static class Allocations
{
    /// <summary>
    /// Warms the calls up until a window of 1,000 allocates nothing (one-time initialization, tiered JIT;
    /// at most 20 windows), then collects garbage and asserts that 10,000 more allocate 0 bytes. Returns the calls made.
    /// </summary>
    /// <remarks>
    /// The collection makes a cache the runtime holds weakly (Type.FullName's, for one) show up every run: such a
    /// cache is rebuilt, and allocates, after any GC, which in a full test run another test's allocations trigger at random.
    /// </remarks>
    public static int AssertNoAllocations(Action calls)
    {
        var made = 0;
        for (var window = 0; window < 20; window++)
        {
            var start = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 1_000; i++)
            {
                calls();
            }

            made += 1_000;
            if (GC.GetAllocatedBytesForCurrentThread() == start)
            {
                break;
            }
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            calls();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        return made + 10_000;
    }
}
