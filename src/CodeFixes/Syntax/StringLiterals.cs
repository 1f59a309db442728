using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GenLog.CodeFixes.Syntax;

/// <summary>Edits string literals as written: regular (<c>"…"</c>), verbatim (<c>@"…"</c>) and raw (<c>"""…"""</c>).</summary>
internal static class StringLiterals
{
    /// <summary>The expression when it is a string literal, else null (a constant, a concatenation, nameof …).</summary>
    public static LiteralExpressionSyntax? AsLiteral(SyntaxNode? node) =>
        node is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression) ? literal : null;

    /// <summary>
    /// The literal with <paramref name="text"/> added at the end of its value, written in the literal's own form;
    /// null when the literal is malformed. The text must need no escaping (no quote, backslash or line break).
    /// </summary>
    public static LiteralExpressionSyntax? Append(LiteralExpressionSyntax literal, string text)
    {
        var token = literal.Token;
        if (token.ContainsDiagnostics)
        {
            return null;
        }

        var written = token.Text;
        var insertAt = token.Kind() switch
        {
            // "…" and @"…": before the closing quote.
            SyntaxKind.StringLiteralToken => written.Length - 1,

            // """…""": before the closing run of quotes.
            SyntaxKind.SingleLineRawStringLiteralToken => written.TrimEnd('"').Length,

            // A multi-line raw string ends with its last content line, a line break, indentation and the quotes.
            SyntaxKind.MultiLineRawStringLiteralToken => LastContentEnd(written),
            _ => -1,
        };

        if (insertAt < 0)
        {
            return null;
        }

        var newText = written.Substring(0, insertAt) + text + written.Substring(insertAt);
        var parsed = SyntaxFactory.ParseExpression(newText) as LiteralExpressionSyntax;
        if (parsed is null || parsed.ContainsDiagnostics || parsed.Token.ValueText != token.ValueText + text)
        {
            return null;
        }

        return literal.WithToken(parsed.Token.WithTriviaFrom(token));
    }

    /// <summary>A new regular string literal holding <paramref name="value"/>, in the place and with the trivia of <paramref name="literal"/>.</summary>
    public static LiteralExpressionSyntax Replace(LiteralExpressionSyntax literal, string value) =>
        literal.WithToken(SyntaxFactory.Literal(value).WithTriviaFrom(literal.Token));

    private static int LastContentEnd(string written)
    {
        var newline = written.LastIndexOf('\n');
        if (newline < 0)
        {
            return -1;
        }

        return newline > 0 && written[newline - 1] == '\r' ? newline - 1 : newline;
    }
}
