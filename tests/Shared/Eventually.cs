using System;
using System.Diagnostics;
using System.Threading.Tasks;

namespace GenLog.TestSupport;

/// <summary>Waiting for a condition instead of sleeping a fixed time: as short as the machine allows, as long as it needs under load.</summary>
public static class Eventually
{
    /// <summary>The longest wait for a condition before the test fails.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Polls until <paramref name="condition"/> holds; fails naming <paramref name="what"/> after the timeout.</summary>
    public static async Task HoldsAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(waited.Elapsed < limit, $"waited {limit.TotalSeconds:0.#} s for {what}");
            await Task.Delay(10);
        }
    }
}
