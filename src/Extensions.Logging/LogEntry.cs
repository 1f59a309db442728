using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;

namespace GenLog.Extensions.Logging;

/// <summary>
/// The named values of one log call, read once from the state and the scopes into a per-thread array, so the
/// structured data, the message text and a Python record all use them without reading (and boxing) them again.
/// </summary>
internal sealed class LogEntry
{
    /// <summary>The key MEL gives the message template in a state's values.</summary>
    public const string OriginalFormat = "{OriginalFormat}";

    /// <summary>The SD-PARAM of a scope that is only text.</summary>
    public const string ScopeName = "scope";

    [ThreadStatic]
    private static LogEntry? t_cached;

    private KeyValuePair<string, object?>[] _values = new KeyValuePair<string, object?>[16];

    /// <summary>The state's values (first <see cref="StateCount"/>) then the scopes'; never <see cref="OriginalFormat"/>.</summary>
    public ReadOnlySpan<KeyValuePair<string, object?>> Values => _values.AsSpan(0, Count);

    public int Count { get; private set; }

    public int StateCount { get; private set; }

    /// <summary>The state's message template, when it has one.</summary>
    public string? Template { get; private set; }

    /// <summary>Takes this thread's entry; a nested call on the same thread (a value whose ToString logs) gets a new one.</summary>
    public static LogEntry Rent()
    {
        var entry = t_cached ?? new LogEntry();
        t_cached = null;
        return entry;
    }

    public void Return()
    {
        _values.AsSpan(0, Count).Clear();
        Count = 0;
        StateCount = 0;
        Template = null;
        t_cached = this;
    }

    public void CaptureState<TState>(in TState state)
    {
        if (state is IReadOnlyList<KeyValuePair<string, object?>>)
        {
            var list = StateView<TState>.Take(in state);
            try
            {
                var count = list.Count;
                for (var i = 0; i < count; i++)
                {
                    Add(list[i], isState: true);
                }
            }
            finally
            {
                StateView<TState>.Give(list);
            }
        }
        else if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
        {
            foreach (var pair in pairs)
            {
                Add(pair, isState: true);
            }
        }
    }

    public void CaptureScopes(IExternalScopeProvider scopes) =>
        scopes.ForEachScope(static (scope, entry) => entry.AddScope(scope), this);

    private void AddScope(object? scope)
    {
        switch (scope)
        {
            case null:
                return;
            case IReadOnlyList<KeyValuePair<string, object?>> list:
                for (var i = 0; i < list.Count; i++)
                {
                    Add(list[i], isState: false);
                }

                return;
            case IEnumerable<KeyValuePair<string, object?>> pairs:
                foreach (var pair in pairs)
                {
                    Add(pair, isState: false);
                }

                return;
            default:
                Add(new KeyValuePair<string, object?>(ScopeName, scope), isState: false);
                return;
        }
    }

    private void Add(KeyValuePair<string, object?> pair, bool isState)
    {
        if (pair.Key == OriginalFormat)
        {
            if (isState)
            {
                Template = pair.Value as string;
            }

            return;
        }

        if (Count == _values.Length)
        {
            Array.Resize(ref _values, _values.Length * 2);
        }

        _values[Count++] = pair;
        if (isState)
        {
            StateCount = Count;
        }
    }

    /// <summary>
    /// A state struct seen through its list interface without boxing it on every call: one box per thread and
    /// state type, refilled in place. A [LoggerMessage] state is a struct, and a box per call is what this avoids.
    /// </summary>
    private static class StateView<TState>
    {
        [ThreadStatic]
        private static object? t_box;

        public static IReadOnlyList<KeyValuePair<string, object?>> Take(in TState state)
        {
            if (!typeof(TState).IsValueType)
            {
                return (IReadOnlyList<KeyValuePair<string, object?>>)state!;
            }

            var box = t_box;
            if (box is null)
            {
                return (IReadOnlyList<KeyValuePair<string, object?>>)state!;
            }

            t_box = null;
            Unsafe.As<byte, TState>(ref Unsafe.As<RawBox>(box).Payload) = state;
            return (IReadOnlyList<KeyValuePair<string, object?>>)box;
        }

        public static void Give(IReadOnlyList<KeyValuePair<string, object?>> list)
        {
            if (typeof(TState).IsValueType)
            {
                // Cleared, so the box holds no reference to the call's values until the next call.
                Unsafe.As<byte, TState>(ref Unsafe.As<RawBox>(list).Payload) = default!;
                t_box = list;
            }
        }
    }

    /// <summary>The layout of any boxed value: the payload starts where a class's first field does.</summary>
    private sealed class RawBox
    {
#pragma warning disable CS0649 // Read and written only through Unsafe.As.
        public byte Payload;
#pragma warning restore CS0649
    }
}
