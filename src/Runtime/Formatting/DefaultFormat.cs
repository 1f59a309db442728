using System;

namespace GenLog.Formatting;

/// <summary>
/// The format a value of <typeparamref name="T"/> gets when its placeholder names none: time values in the forms a
/// machine reads back — <see cref="DateTime"/> and <see cref="DateTimeOffset"/> as ISO 8601 / RFC 3339 (<c>O</c>:
/// <c>2026-12-01T08:00:00.0000000Z</c>), <see cref="TimeSpan"/> in the constant form (<c>c</c>) — not the invariant
/// culture's <c>12/01/2026 08:00:00</c>; every other type its own default (docs/formats.md).
/// </summary>
internal static class DefaultFormat<T>
{
    /// <summary>Constant per type once initialized, so the JIT folds the choice away.</summary>
    public static readonly string? Value =
        typeof(T) == typeof(DateTime) || typeof(T) == typeof(DateTimeOffset) ? "O"
        : typeof(T) == typeof(TimeSpan) ? "c"
        : null;
}
