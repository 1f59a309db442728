using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace GenLog.Generator.Parsing;

/// <summary>
/// Splits a message template into literal runs and <c>{Name[,alignment][:format]}</c> placeholders,
/// with <c>{{</c> and <c>}}</c> as literal braces (the rules of .NET composite formatting).
/// Positions are indices into the template string, so diagnostics can point inside the literal.
/// </summary>
internal static class TemplateParser
{
    /// <summary>A run of the template.</summary>
    /// <param name="Text">Literal text (braces unescaped), or the placeholder's name.</param>
    /// <param name="IsPlaceholder">Whether this is a placeholder.</param>
    /// <param name="Format">The placeholder's format (after ':'), or null.</param>
    /// <param name="Alignment">The placeholder's alignment (after ','), or null.</param>
    /// <param name="Start">Index of the run (for a placeholder, of its '{') in the template.</param>
    /// <param name="Length">Length of the run in the template.</param>
    internal sealed record Part(string Text, bool IsPlaceholder, string? Format, int? Alignment, int Start, int Length);

    /// <summary>A malformed piece of the template: the GENLOG007 cause, its arguments, and its place.</summary>
    internal sealed record Error(TemplateError Cause, string[] Arguments, int Start, int Length);

    public static (List<Part> Parts, List<Error> Errors) Parse(string template)
    {
        var parts = new List<Part>();
        var errors = new List<Error>();
        var literal = new StringBuilder();
        var literalStart = 0;
        var i = 0;

        void FlushLiteral(int end)
        {
            if (literal.Length > 0)
            {
                parts.Add(new Part(literal.ToString(), false, null, null, literalStart, end - literalStart));
                literal.Clear();
            }
        }

        while (i < template.Length)
        {
            var c = template[i];
            if (c == '{' && i + 1 < template.Length && template[i + 1] == '{')
            {
                literal.Append('{');
                i += 2;
                continue;
            }

            if (c == '}')
            {
                if (i + 1 < template.Length && template[i + 1] == '}')
                {
                    literal.Append('}');
                    i += 2;
                    continue;
                }

                errors.Add(new Error(TemplateError.UnmatchedBrace, new[] { "}", "{" }, i, 1));
                i++;
                continue;
            }

            if (c != '{')
            {
                literal.Append(c);
                i++;
                continue;
            }

            var close = template.IndexOf('}', i + 1);
            var nextOpen = template.IndexOf('{', i + 1);
            if (close < 0 || (nextOpen >= 0 && nextOpen < close))
            {
                errors.Add(new Error(TemplateError.UnmatchedBrace, new[] { "{", "}" }, i, 1));
                i++;
                continue;
            }

            FlushLiteral(i);
            var placeholder = ParsePlaceholder(template, i, close, errors);
            if (placeholder is not null)
            {
                parts.Add(placeholder);
            }

            i = close + 1;
            literalStart = i;
        }

        FlushLiteral(template.Length);
        return (parts, errors);
    }

    private static Part? ParsePlaceholder(string template, int open, int close, List<Error> errors)
    {
        var body = template.Substring(open + 1, close - open - 1);
        var length = close - open + 1;
        string? format = null;
        int? alignment = null;

        var colon = body.IndexOf(':');
        var head = colon >= 0 ? body.Substring(0, colon) : body;
        if (colon >= 0)
        {
            format = body.Substring(colon + 1);
            if (format.Length == 0)
            {
                errors.Add(new Error(TemplateError.EmptyFormat, Array.Empty<string>(), open, length));
                return null;
            }
        }

        var comma = head.IndexOf(',');
        var name = comma >= 0 ? head.Substring(0, comma) : head;
        if (comma >= 0)
        {
            var text = head.Substring(comma + 1).Trim();
            if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value is < -1000 or > 1000)
            {
                errors.Add(new Error(TemplateError.BadAlignment, new[] { head.Substring(comma + 1) }, open, length));
                return null;
            }

            alignment = value;
        }

        if (name.Length == 0)
        {
            errors.Add(new Error(TemplateError.EmptyPlaceholderName, Array.Empty<string>(), open, length));
            return null;
        }

        if (!IsName(name))
        {
            errors.Add(new Error(TemplateError.NotAParameterName, new[] { name }, open, length));
            return null;
        }

        return new Part(name, true, format, alignment, open, length);
    }

    private static bool IsName(string name)
    {
        var start = name[0] == '@' ? 1 : 0;
        if (start >= name.Length || !(char.IsLetter(name[start]) || name[start] == '_'))
        {
            return false;
        }

        for (var i = start + 1; i < name.Length; i++)
        {
            if (!(char.IsLetterOrDigit(name[i]) || name[i] == '_'))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>
/// What is malformed in a template. The parser knows nothing of Roslyn (GenLog.Extensions.Logging compiles it too, to
/// read templates at run time); TemplateBinder turns each cause into its GENLOG007 descriptor.
/// </summary>
internal enum TemplateError
{
    /// <summary>A '{' or '}' without its match.</summary>
    UnmatchedBrace,

    /// <summary>Nothing after ':'.</summary>
    EmptyFormat,

    /// <summary>An alignment that is not a whole number from -1000 to 1000.</summary>
    BadAlignment,

    /// <summary>'{}' or '{,5}'.</summary>
    EmptyPlaceholderName,

    /// <summary>A name that is not an identifier.</summary>
    NotAParameterName,
}
