using System;
using System.Net;

namespace GenLog.Formatting;

/// <summary>
/// Whether <typeparamref name="T"/>'s default invariant-culture formatting (no format string) writes only ASCII
/// digits, letters and <c>. : - + %</c>: nothing RFC 5424 escapes (§6.3.3, §8.2) and always valid UTF-8, so the
/// check of every formatted value can be skipped. A custom format string can contain anything: it is always checked.
/// </summary>
internal static class PlainAsciiFormat<T>
{
    /// <summary>Constant per type once initialized, so the JIT drops the test for value types.</summary>
    public static readonly bool Value =
        typeof(T) == typeof(int) || typeof(T) == typeof(long) || typeof(T) == typeof(short) || typeof(T) == typeof(sbyte) ||
        typeof(T) == typeof(uint) || typeof(T) == typeof(ulong) || typeof(T) == typeof(ushort) || typeof(T) == typeof(byte) ||
        typeof(T) == typeof(nint) || typeof(T) == typeof(nuint) || typeof(T) == typeof(Int128) || typeof(T) == typeof(UInt128) ||
        typeof(T) == typeof(double) || typeof(T) == typeof(float) || typeof(T) == typeof(Half) || typeof(T) == typeof(decimal) ||
        typeof(T) == typeof(Guid) || typeof(T) == typeof(IPAddress);
}
