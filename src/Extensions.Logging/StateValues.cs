using System;

namespace GenLog.Extensions.Logging;

/// <summary>
/// The named values of a log call's state, as the record writer reads them: by index, each appended by the
/// builder in place. Implemented over the boxed values MEL's <c>IReadOnlyList</c> hands out (<see cref="EntryValues"/>)
/// and, without boxing, over the fields of a <c>LoggerMessage.Define</c> state (<see cref="DefineStates"/>).
/// </summary>
internal interface IStateValues
{
    int Count { get; }

    string Name(int index);

    /// <summary>The length of every <c> NAME=""</c> the values take as SD-PARAMs.</summary>
    int SdLength { get; }

    /// <summary>The SD-NAME of a value, written into <paramref name="scratch"/> unless known already.</summary>
    ReadOnlySpan<byte> SdName(int index, Span<byte> scratch);

    /// <summary>The value a template's placeholder <paramref name="name"/> at <paramref name="position"/> (0 for the first) shows; -1 when none.</summary>
    int IndexOf(string name, int position);

    void Append(ref SyslogMessageBuilder message, int index, string? format);

    void AppendPython(ref SyslogMessageBuilder message, scoped ReadOnlySpan<byte> key, int index);
}

/// <summary>The state values a <see cref="LogEntry"/> captured.</summary>
internal readonly struct EntryValues(LogEntry entry) : IStateValues
{
    public int Count => entry.StateCount;

    public string Name(int index) => entry.Values[index].Key;

    public int SdLength
    {
        get
        {
            var length = 0;
            foreach (var pair in entry.Values[..entry.StateCount])
            {
                length += SyslogNaming.ParameterLength(pair.Key);
            }

            return length;
        }
    }

    public ReadOnlySpan<byte> SdName(int index, Span<byte> scratch) => scratch[..SyslogNaming.WriteSdName(entry.Values[index].Key, scratch)];

    /// <summary>MEL binds placeholders by position; the name is checked, and searched for when the order differs.</summary>
    public int IndexOf(string name, int position)
    {
        var values = entry.Values[..entry.StateCount];
        if (position < values.Length && string.Equals(values[position].Key, name, StringComparison.Ordinal))
        {
            return position;
        }

        for (var i = 0; i < values.Length; i++)
        {
            if (string.Equals(values[i].Key, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    public void Append(ref SyslogMessageBuilder message, int index, string? format) => message.AppendValue(entry.Values[index].Value, format);

    public void AppendPython(ref SyslogMessageBuilder message, scoped ReadOnlySpan<byte> key, int index) =>
        PythonValues.Append(ref message, key, entry.Values[index].Value);
}
