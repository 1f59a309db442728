using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;

namespace GenLog.Extensions.Logging;

/// <summary>
/// The states <c>LoggerMessage.Define</c> makes, which a <c>[LoggerMessage]</c> method of up to six values logs:
/// MEL's <c>LogValues&lt;T0…&gt;</c> structs hand their values out boxed through <c>IReadOnlyList</c>; read here
/// through their fields instead, each value reaches the builder as its own type and nothing is allocated. Needs
/// run-time code generation (one generic type per state type, made once); where there is none (Native AOT), or
/// when a state does not have the fields this expects, the boxed path runs: the same bytes, with a box per value.
/// </summary>
internal static class DefineStates
{
    /// <summary>The typed reader for <typeparamref name="TState"/>, or null for the boxed path.</summary>
    public static DefineState<TState>? For<TState>() => Cache<TState>.Reader;

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Fields are only inspected; when trimmed away the layout check fails and the boxed path runs.")]
    [UnconditionalSuppressMessage("Trimming", "IL2055", Justification = "The reader types have no trimming requirements on their type parameters.")]
    [UnconditionalSuppressMessage("Trimming", "IL2062", Justification = "The reader types are referenced here, so their constructors are kept.")]
    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "Fields are only inspected; when trimmed away the layout check fails and the boxed path runs.")]
    [UnconditionalSuppressMessage("Trimming", "IL2072", Justification = "The reader types are referenced here, so their constructors are kept.")]
    [UnconditionalSuppressMessage("Trimming", "IL2090", Justification = "Fields are only inspected; when trimmed away the layout check fails and the boxed path runs.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Guarded by RuntimeFeature.IsDynamicCodeSupported; without it the boxed path runs.")]
    private static DefineState<TState>? Create<TState>()
    {
        var state = typeof(TState);
        if (!RuntimeFeature.IsDynamicCodeSupported || !state.IsValueType || !state.IsGenericType
            || state.DeclaringType != typeof(LoggerMessage) || !state.Name.StartsWith("LogValues`", StringComparison.Ordinal))
        {
            return null;
        }

        var arguments = state.GetGenericArguments();
        var fields = state.GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public);
        if (arguments.Length > Readers.Length || fields.Length != arguments.Length + 1 || fields[0].Name != "_formatter" || fields[0].FieldType.IsValueType)
        {
            return null;
        }

        for (var i = 0; i < arguments.Length; i++)
        {
            if (fields[i + 1].Name != "_value" + i || fields[i + 1].FieldType != arguments[i])
            {
                return null;
            }
        }

        try
        {
            var reader = (DefineState<TState>)Activator.CreateInstance(Readers[arguments.Length - 1].MakeGenericType([state, .. arguments]))!;
            return reader.Size == Unsafe.SizeOf<TState>() ? reader : null;
        }
        catch (Exception exception) when (exception is NotSupportedException or ArgumentException or TargetInvocationException)
        {
            return null;
        }
    }

    private static readonly Type[] Readers =
    [
        typeof(DefineState<,>), typeof(DefineState<,,>), typeof(DefineState<,,,>),
        typeof(DefineState<,,,,>), typeof(DefineState<,,,,,>), typeof(DefineState<,,,,,,>),
    ];

    private static class Cache<TState>
    {
        public static readonly DefineState<TState>? Reader = Create<TState>();
    }
}

/// <summary>A typed reader of one <c>LoggerMessage.Define</c> state type.</summary>
internal abstract class DefineState<TState>(int size)
{
    private MessageTemplate? _last;

    /// <summary>The size of the fields this reader expects: the state's size must match.</summary>
    public int Size { get; } = size;

    public abstract void Write(LogRecordWriter records, string category, LogLevel level, EventId eventId, in TState state, Exception? exception, Func<TState, Exception?, string> formatter);

    /// <summary>The state's template (its last entry, a string: no box), when it parses and names <paramref name="count"/> values.</summary>
    protected MessageTemplate? Template<TList>(in TList state, int count)
        where TList : IReadOnlyList<KeyValuePair<string, object?>>
    {
        var last = state[count];
        if (last.Key != LogEntry.OriginalFormat || last.Value is not string text)
        {
            return null;
        }

        // A state type usually belongs to one call site: its template is the one seen last, compared by reference.
        var seen = _last;
        if (seen is not null && ReferenceEquals(seen.Text, text))
        {
            return seen;
        }

        var template = MessageTemplates.Parse(text) is { } parsed && parsed.Names.Length == count ? parsed : null;
        if (template is not null)
        {
            _last = template;
        }

        return template;
    }
}
