using System.Globalization;
using System.Text;

namespace GenLog.Generator.Emission;

/// <summary>
/// The one escaping helper for every literal the generator writes: C# string literals, UTF-8
/// (<c>u8</c>) literals and XML doc text. Control, format and line-separator characters are
/// written as escapes, so emitted code stays on one line, readable and free of hidden characters.
/// </summary>
internal static class Literals
{
    /// <summary>A C# string literal; lone surrogates are kept as <c>\uD800</c> escapes.</summary>
    public static string String(string value) => Quote(value, utf8: false);

    /// <summary>A C# UTF-8 literal (<c>"…"u8</c>); lone surrogates become U+FFFD, as they would on the wire.</summary>
    public static string Utf8(string value) => Quote(value, utf8: true) + "u8";

    /// <summary>A UTF-8 literal, or <c>default</c> (an empty span) for null.</summary>
    public static string Utf8OrDefault(string? value) => value is null ? "default" : Utf8(value);

    /// <summary>Text for an XML doc comment: markup escaped, control characters as <c>\uXXXX</c>.</summary>
    public static string Xml(string value)
    {
        var builder = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                builder.Append(c).Append(value[++i]);
                continue;
            }

            switch (c)
            {
                case '<':
                    builder.Append("&lt;");
                    break;
                case '>':
                    builder.Append("&gt;");
                    break;
                case '&':
                    builder.Append("&amp;");
                    break;
                default:
                    if (NeedsEscape(c))
                    {
                        builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.ToString();
    }

    private static string Quote(string value, bool utf8)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '\\': builder.Append("\\\\"); continue;
                case '"': builder.Append("\\\""); continue;
                case '\0': builder.Append("\\0"); continue;
                case '\a': builder.Append("\\a"); continue;
                case '\b': builder.Append("\\b"); continue;
                case '\f': builder.Append("\\f"); continue;
                case '\n': builder.Append("\\n"); continue;
                case '\r': builder.Append("\\r"); continue;
                case '\t': builder.Append("\\t"); continue;
                case '\v': builder.Append("\\v"); continue;
            }

            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                builder.Append(c).Append(value[++i]);
            }
            else if (char.IsSurrogate(c))
            {
                builder.Append(utf8 ? "\\uFFFD" : "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else if (NeedsEscape(c))
            {
                builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.Append('"').ToString();
    }

    private static bool NeedsEscape(char c) =>
        char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate
            or UnicodeCategory.OtherNotAssigned or UnicodeCategory.PrivateUse;
}
