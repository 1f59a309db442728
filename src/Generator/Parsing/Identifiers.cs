using Microsoft.CodeAnalysis.CSharp;

namespace GenLog.Generator.Parsing;

/// <summary>C# names as the generated code must write them.</summary>
internal static class Identifiers
{
    /// <summary>The name, with @ before a keyword (and before 'scoped', which a parameter list would misread).</summary>
    public static string Escape(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) is SyntaxKind.ScopedKeyword
            ? "@" + name
            : name;
}
