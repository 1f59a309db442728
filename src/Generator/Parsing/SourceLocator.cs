using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace GenLog.Generator.Parsing;

/// <summary>Finds diagnostic locations, down to a character inside a string literal.</summary>
internal static class SourceLocator
{
    /// <summary>Only locations in this compilation's source: anything else is reported without one.</summary>
    public static Location? From(Location? location) => location is { IsInSource: true } ? location : null;

    public static Location? From(SyntaxNode? node) => From(node?.GetLocation());

    /// <summary>
    /// The source span of characters [start, start + length) of a template. Exact inside a regular,
    /// verbatim or single-line raw string literal (escapes included); the whole expression for a
    /// multi-line raw string, a constant, nameof or a concatenation.
    /// </summary>
    public static Location? InTemplate(ExpressionSyntax? expression, int start, int length)
    {
        if (expression is null)
        {
            return null;
        }

        if (expression is LiteralExpressionSyntax literal && literal.Token.Kind() is SyntaxKind.StringLiteralToken or SyntaxKind.SingleLineRawStringLiteralToken)
        {
            var token = literal.Token;
            var offsets = MapCharacters(token);

            // The map must account for every character of the value, or it is not trusted.
            if (offsets is not null && offsets.Count == token.ValueText.Length && length > 0 && start + length <= offsets.Count)
            {
                var (first, _) = offsets[start];
                var (last, width) = offsets[start + length - 1];
                var tokenStart = token.SpanStart;
                var span = TextSpan.FromBounds(tokenStart + first, tokenStart + last + width);
                return From(Location.Create(expression.SyntaxTree, span));
            }
        }

        return From(expression);
    }

    /// <summary>
    /// For each character of the literal's value: its offset and width in the token text. Null where the
    /// mapping is not one to one (a multi-line raw string drops its indentation) or the token is malformed.
    /// </summary>
    private static List<(int Offset, int Width)>? MapCharacters(SyntaxToken token)
    {
        var text = token.Text;
        if (token.ContainsDiagnostics)
        {
            return null;
        }

        var map = new List<(int, int)>();
        if (text.StartsWith("\"\"\"", System.StringComparison.Ordinal))
        {
            // A single-line raw string: the value is the text between the quote runs, as written.
            var quotes = 0;
            while (quotes < text.Length && text[quotes] == '"')
            {
                quotes++;
            }

            if (text.IndexOf('\n') >= 0 || text.Length < 2 * quotes)
            {
                return null;
            }

            for (var i = quotes; i < text.Length - quotes; i++)
            {
                map.Add((i, 1));
            }

            return map;
        }

        if (text.StartsWith("@\"", System.StringComparison.Ordinal))
        {
            for (var i = 2; i < text.Length - 1; i++)
            {
                if (text[i] == '"' && i + 1 < text.Length - 1 && text[i + 1] == '"')
                {
                    map.Add((i, 2));
                    i++;
                    continue;
                }

                map.Add((i, 1));
            }

            return map;
        }

        if (!text.StartsWith("\"", System.StringComparison.Ordinal))
        {
            return null;
        }

        var end = text.Length - 1;
        for (var i = 1; i < end; i++)
        {
            if (text[i] != '\\')
            {
                map.Add((i, 1));
                continue;
            }

            var width = System.Math.Max(1, System.Math.Min(EscapeWidth(text, i), end - i));
            map.Add((i, width));

            // \U escapes above the BMP produce two UTF-16 units.
            if (width == 10 && text[i + 1] == 'U'
                && uint.TryParse(text.Substring(i + 2, 8), System.Globalization.NumberStyles.HexNumber, null, out var scalar) && scalar > 0xFFFF)
            {
                map.Add((i, width));
            }

            i += width - 1;
        }

        return map;
    }

    private static int EscapeWidth(string text, int backslash)
    {
        var kind = backslash + 1 < text.Length ? text[backslash + 1] : '\0';
        switch (kind)
        {
            case 'u':
                return 6;
            case 'U':
                return 10;
            case 'x':
                var digits = 0;
                while (digits < 4 && backslash + 2 + digits < text.Length - 1 && System.Uri.IsHexDigit(text[backslash + 2 + digits]))
                {
                    digits++;
                }

                return 2 + digits;
            default:
                return 2;
        }
    }
}
