using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;

namespace GenLog.Extensions.Logging;

// One reader per arity of LoggerMessage.Define (1 to 6 values), all alike: see DefineStates. Each Fields struct
// repeats MEL's field order, the formatter then the values, so that it has the state's layout.

/// <summary>Reads <c>LoggerMessage.LogValues&lt;T0&gt;</c>.</summary>
internal sealed class DefineState<TState, T0>() : DefineState<TState>(Unsafe.SizeOf<Fields>())
    where TState : IReadOnlyList<KeyValuePair<string, object?>>
{
    public override void Write(LogRecordWriter records, string category, LogLevel level, EventId eventId, in TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (Template(in state, 1) is not { } template)
        {
            records.WriteBoxed(category, level, eventId, in state, exception, formatter);
            return;
        }

        ref var fields = ref Unsafe.As<TState, Fields>(ref Unsafe.AsRef(in state));
        var values = new Values(template, fields.Value0);
        records.WriteTyped(category, level, eventId, in state, exception, formatter, ref values, template);
    }

    /// <summary>MEL's field order: the formatter, then the values.</summary>
    private struct Fields
    {
        public object? Formatter;
        public T0 Value0;
    }

    private readonly struct Values(MessageTemplate template, T0 value0) : IStateValues
    {
        private readonly T0 _value0 = value0;

        public int Count => 1;

        public string Name(int index) => template.Names[index];

        public int SdLength => template.SdLength;

        public ReadOnlySpan<byte> SdName(int index, Span<byte> scratch) => template.SdNames[index];

        public int IndexOf(string name, int position) => position;

        public void Append(ref SyslogMessageBuilder message, int index, string? format)
        {
            switch (index)
            {
                case 0: message.AppendValue(_value0, format); break;
            }
        }

        public void AppendPython(ref SyslogMessageBuilder message, scoped ReadOnlySpan<byte> key, int index)
        {
            switch (index)
            {
                case 0: PythonValues.Append(ref message, key, _value0); break;
            }
        }
    }
}

/// <summary>Reads <c>LoggerMessage.LogValues&lt;T0, T1&gt;</c>.</summary>
internal sealed class DefineState<TState, T0, T1>() : DefineState<TState>(Unsafe.SizeOf<Fields>())
    where TState : IReadOnlyList<KeyValuePair<string, object?>>
{
    public override void Write(LogRecordWriter records, string category, LogLevel level, EventId eventId, in TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (Template(in state, 2) is not { } template)
        {
            records.WriteBoxed(category, level, eventId, in state, exception, formatter);
            return;
        }

        ref var fields = ref Unsafe.As<TState, Fields>(ref Unsafe.AsRef(in state));
        var values = new Values(template, fields.Value0, fields.Value1);
        records.WriteTyped(category, level, eventId, in state, exception, formatter, ref values, template);
    }

    private struct Fields
    {
        public object? Formatter;
        public T0 Value0;
        public T1 Value1;
    }

    private readonly struct Values(MessageTemplate template, T0 value0, T1 value1) : IStateValues
    {
        private readonly T0 _value0 = value0;
        private readonly T1 _value1 = value1;

        public int Count => 2;

        public string Name(int index) => template.Names[index];

        public int SdLength => template.SdLength;

        public ReadOnlySpan<byte> SdName(int index, Span<byte> scratch) => template.SdNames[index];

        public int IndexOf(string name, int position) => position;

        public void Append(ref SyslogMessageBuilder message, int index, string? format)
        {
            switch (index)
            {
                case 0: message.AppendValue(_value0, format); break;
                case 1: message.AppendValue(_value1, format); break;
            }
        }

        public void AppendPython(ref SyslogMessageBuilder message, scoped ReadOnlySpan<byte> key, int index)
        {
            switch (index)
            {
                case 0: PythonValues.Append(ref message, key, _value0); break;
                case 1: PythonValues.Append(ref message, key, _value1); break;
            }
        }
    }
}

/// <summary>Reads <c>LoggerMessage.LogValues&lt;T0, T1, T2&gt;</c>.</summary>
internal sealed class DefineState<TState, T0, T1, T2>() : DefineState<TState>(Unsafe.SizeOf<Fields>())
    where TState : IReadOnlyList<KeyValuePair<string, object?>>
{
    public override void Write(LogRecordWriter records, string category, LogLevel level, EventId eventId, in TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (Template(in state, 3) is not { } template)
        {
            records.WriteBoxed(category, level, eventId, in state, exception, formatter);
            return;
        }

        ref var fields = ref Unsafe.As<TState, Fields>(ref Unsafe.AsRef(in state));
        var values = new Values(template, fields.Value0, fields.Value1, fields.Value2);
        records.WriteTyped(category, level, eventId, in state, exception, formatter, ref values, template);
    }

    private struct Fields
    {
        public object? Formatter;
        public T0 Value0;
        public T1 Value1;
        public T2 Value2;
    }

    private readonly struct Values(MessageTemplate template, T0 value0, T1 value1, T2 value2) : IStateValues
    {
        private readonly T0 _value0 = value0;
        private readonly T1 _value1 = value1;
        private readonly T2 _value2 = value2;

        public int Count => 3;

        public string Name(int index) => template.Names[index];

        public int SdLength => template.SdLength;

        public ReadOnlySpan<byte> SdName(int index, Span<byte> scratch) => template.SdNames[index];

        public int IndexOf(string name, int position) => position;

        public void Append(ref SyslogMessageBuilder message, int index, string? format)
        {
            switch (index)
            {
                case 0: message.AppendValue(_value0, format); break;
                case 1: message.AppendValue(_value1, format); break;
                case 2: message.AppendValue(_value2, format); break;
            }
        }

        public void AppendPython(ref SyslogMessageBuilder message, scoped ReadOnlySpan<byte> key, int index)
        {
            switch (index)
            {
                case 0: PythonValues.Append(ref message, key, _value0); break;
                case 1: PythonValues.Append(ref message, key, _value1); break;
                case 2: PythonValues.Append(ref message, key, _value2); break;
            }
        }
    }
}

/// <summary>Reads <c>LoggerMessage.LogValues&lt;T0, T1, T2, T3&gt;</c>.</summary>
internal sealed class DefineState<TState, T0, T1, T2, T3>() : DefineState<TState>(Unsafe.SizeOf<Fields>())
    where TState : IReadOnlyList<KeyValuePair<string, object?>>
{
    public override void Write(LogRecordWriter records, string category, LogLevel level, EventId eventId, in TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (Template(in state, 4) is not { } template)
        {
            records.WriteBoxed(category, level, eventId, in state, exception, formatter);
            return;
        }

        ref var fields = ref Unsafe.As<TState, Fields>(ref Unsafe.AsRef(in state));
        var values = new Values(template, fields.Value0, fields.Value1, fields.Value2, fields.Value3);
        records.WriteTyped(category, level, eventId, in state, exception, formatter, ref values, template);
    }

    private struct Fields
    {
        public object? Formatter;
        public T0 Value0;
        public T1 Value1;
        public T2 Value2;
        public T3 Value3;
    }

    private readonly struct Values(MessageTemplate template, T0 value0, T1 value1, T2 value2, T3 value3) : IStateValues
    {
        private readonly T0 _value0 = value0;
        private readonly T1 _value1 = value1;
        private readonly T2 _value2 = value2;
        private readonly T3 _value3 = value3;

        public int Count => 4;

        public string Name(int index) => template.Names[index];

        public int SdLength => template.SdLength;

        public ReadOnlySpan<byte> SdName(int index, Span<byte> scratch) => template.SdNames[index];

        public int IndexOf(string name, int position) => position;

        public void Append(ref SyslogMessageBuilder message, int index, string? format)
        {
            switch (index)
            {
                case 0: message.AppendValue(_value0, format); break;
                case 1: message.AppendValue(_value1, format); break;
                case 2: message.AppendValue(_value2, format); break;
                case 3: message.AppendValue(_value3, format); break;
            }
        }

        public void AppendPython(ref SyslogMessageBuilder message, scoped ReadOnlySpan<byte> key, int index)
        {
            switch (index)
            {
                case 0: PythonValues.Append(ref message, key, _value0); break;
                case 1: PythonValues.Append(ref message, key, _value1); break;
                case 2: PythonValues.Append(ref message, key, _value2); break;
                case 3: PythonValues.Append(ref message, key, _value3); break;
            }
        }
    }
}

/// <summary>Reads <c>LoggerMessage.LogValues&lt;T0, T1, T2, T3, T4&gt;</c>.</summary>
internal sealed class DefineState<TState, T0, T1, T2, T3, T4>() : DefineState<TState>(Unsafe.SizeOf<Fields>())
    where TState : IReadOnlyList<KeyValuePair<string, object?>>
{
    public override void Write(LogRecordWriter records, string category, LogLevel level, EventId eventId, in TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (Template(in state, 5) is not { } template)
        {
            records.WriteBoxed(category, level, eventId, in state, exception, formatter);
            return;
        }

        ref var fields = ref Unsafe.As<TState, Fields>(ref Unsafe.AsRef(in state));
        var values = new Values(template, fields.Value0, fields.Value1, fields.Value2, fields.Value3, fields.Value4);
        records.WriteTyped(category, level, eventId, in state, exception, formatter, ref values, template);
    }

    private struct Fields
    {
        public object? Formatter;
        public T0 Value0;
        public T1 Value1;
        public T2 Value2;
        public T3 Value3;
        public T4 Value4;
    }

    private readonly struct Values(MessageTemplate template, T0 value0, T1 value1, T2 value2, T3 value3, T4 value4) : IStateValues
    {
        private readonly T0 _value0 = value0;
        private readonly T1 _value1 = value1;
        private readonly T2 _value2 = value2;
        private readonly T3 _value3 = value3;
        private readonly T4 _value4 = value4;

        public int Count => 5;

        public string Name(int index) => template.Names[index];

        public int SdLength => template.SdLength;

        public ReadOnlySpan<byte> SdName(int index, Span<byte> scratch) => template.SdNames[index];

        public int IndexOf(string name, int position) => position;

        public void Append(ref SyslogMessageBuilder message, int index, string? format)
        {
            switch (index)
            {
                case 0: message.AppendValue(_value0, format); break;
                case 1: message.AppendValue(_value1, format); break;
                case 2: message.AppendValue(_value2, format); break;
                case 3: message.AppendValue(_value3, format); break;
                case 4: message.AppendValue(_value4, format); break;
            }
        }

        public void AppendPython(ref SyslogMessageBuilder message, scoped ReadOnlySpan<byte> key, int index)
        {
            switch (index)
            {
                case 0: PythonValues.Append(ref message, key, _value0); break;
                case 1: PythonValues.Append(ref message, key, _value1); break;
                case 2: PythonValues.Append(ref message, key, _value2); break;
                case 3: PythonValues.Append(ref message, key, _value3); break;
                case 4: PythonValues.Append(ref message, key, _value4); break;
            }
        }
    }
}

/// <summary>Reads <c>LoggerMessage.LogValues&lt;T0, T1, T2, T3, T4, T5&gt;</c>.</summary>
internal sealed class DefineState<TState, T0, T1, T2, T3, T4, T5>() : DefineState<TState>(Unsafe.SizeOf<Fields>())
    where TState : IReadOnlyList<KeyValuePair<string, object?>>
{
    public override void Write(LogRecordWriter records, string category, LogLevel level, EventId eventId, in TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (Template(in state, 6) is not { } template)
        {
            records.WriteBoxed(category, level, eventId, in state, exception, formatter);
            return;
        }

        ref var fields = ref Unsafe.As<TState, Fields>(ref Unsafe.AsRef(in state));
        var values = new Values(template, fields.Value0, fields.Value1, fields.Value2, fields.Value3, fields.Value4, fields.Value5);
        records.WriteTyped(category, level, eventId, in state, exception, formatter, ref values, template);
    }

    private struct Fields
    {
        public object? Formatter;
        public T0 Value0;
        public T1 Value1;
        public T2 Value2;
        public T3 Value3;
        public T4 Value4;
        public T5 Value5;
    }

    private readonly struct Values(MessageTemplate template, T0 value0, T1 value1, T2 value2, T3 value3, T4 value4, T5 value5) : IStateValues
    {
        private readonly T0 _value0 = value0;
        private readonly T1 _value1 = value1;
        private readonly T2 _value2 = value2;
        private readonly T3 _value3 = value3;
        private readonly T4 _value4 = value4;
        private readonly T5 _value5 = value5;

        public int Count => 6;

        public string Name(int index) => template.Names[index];

        public int SdLength => template.SdLength;

        public ReadOnlySpan<byte> SdName(int index, Span<byte> scratch) => template.SdNames[index];

        public int IndexOf(string name, int position) => position;

        public void Append(ref SyslogMessageBuilder message, int index, string? format)
        {
            switch (index)
            {
                case 0: message.AppendValue(_value0, format); break;
                case 1: message.AppendValue(_value1, format); break;
                case 2: message.AppendValue(_value2, format); break;
                case 3: message.AppendValue(_value3, format); break;
                case 4: message.AppendValue(_value4, format); break;
                case 5: message.AppendValue(_value5, format); break;
            }
        }

        public void AppendPython(ref SyslogMessageBuilder message, scoped ReadOnlySpan<byte> key, int index)
        {
            switch (index)
            {
                case 0: PythonValues.Append(ref message, key, _value0); break;
                case 1: PythonValues.Append(ref message, key, _value1); break;
                case 2: PythonValues.Append(ref message, key, _value2); break;
                case 3: PythonValues.Append(ref message, key, _value3); break;
                case 4: PythonValues.Append(ref message, key, _value4); break;
                case 5: PythonValues.Append(ref message, key, _value5); break;
            }
        }
    }
}
