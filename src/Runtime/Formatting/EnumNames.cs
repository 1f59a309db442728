using System;
using System.Collections.Generic;
using System.Text;

namespace GenLog.Formatting;

/// <summary>
/// The UTF-8 names of an enum's defined values, built once and held for the life of the process.
/// <see cref="Enum.TryFormat{TEnum}"/> keeps its own name cache where a full GC may drop it, and then
/// allocates it again inside a logging call; this table never goes away.
/// </summary>
internal static class EnumNames<T>
    where T : struct, Enum
{
    private static readonly Dictionary<T, byte[]> Names = Build();

    public static bool TryGet(T value, out byte[] name) => Names.TryGetValue(value, out name!);

    private static Dictionary<T, byte[]> Build()
    {
        var names = new Dictionary<T, byte[]>();
        foreach (var value in Enum.GetValues<T>())
        {
            if (Enum.GetName(value) is { } name)
            {
                names.TryAdd(value, Encoding.UTF8.GetBytes(name));
            }
        }

        return names;
    }
}
