using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GenLog.CodeFixes;

/// <summary>
/// GENLOG001 (method not <c>partial</c>) and GENLOG002 (containing type not <c>partial</c>): adds <c>partial</c>
/// right before the return type or the type keyword, where C# requires it.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakePartialCodeFix))]
[Shared]
public sealed class MakePartialCodeFix : CodeFixProvider
{
    private const string EquivalenceKey = "GenLog.MakePartial";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.MethodShape, DiagnosticIds.ContainingType);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => FixAll.ByNode<MemberDeclarationSyntax>(Target, Rewrite);

    /// <inheritdoc/>
    public override Task RegisterCodeFixesAsync(CodeFixContext context) =>
        FixAll.RegisterAsync<MemberDeclarationSyntax>(
            context,
            new[] { EquivalenceKey },
            Target,
            Rewrite,
            (member, _) => member switch
            {
                MethodDeclarationSyntax method => $"Make '{method.Identifier.ValueText}' partial",
                TypeDeclarationSyntax type => $"Make '{type.Identifier.ValueText}' partial",
                _ => null,
            });

    /// <summary>The declaration whose identifier the diagnostic points at, when it lacks <c>partial</c>.</summary>
    private static MemberDeclarationSyntax? Target(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, string? key, CancellationToken cancellation)
    {
        if (key != EquivalenceKey)
        {
            return null;
        }

        var token = root.FindToken(diagnostic.Location.SourceSpan.Start);
        MemberDeclarationSyntax? member = token.Parent switch
        {
            MethodDeclarationSyntax method when diagnostic.Id == DiagnosticIds.MethodShape && method.Identifier == token => method,
            TypeDeclarationSyntax type when diagnostic.Id == DiagnosticIds.ContainingType && type.Identifier == token => type,
            _ => null,
        };

        return member is null || member.Modifiers.Any(SyntaxKind.PartialKeyword) ? null : member;
    }

    private static SyntaxNode Rewrite(MemberDeclarationSyntax original, MemberDeclarationSyntax current, IReadOnlyList<Diagnostic> diagnostics, SemanticModel model, CancellationToken cancellation)
    {
        if (current.Modifiers.Count > 0)
        {
            return current.AddModifiers(SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space));
        }

        // No modifiers: 'partial' takes the place (and the indentation) of the first token after the attributes.
        var first = current switch
        {
            MethodDeclarationSyntax method => method.ReturnType.GetFirstToken(),
            TypeDeclarationSyntax type => type.Keyword,
            _ => default,
        };

        var partial = SyntaxFactory.Token(first.LeadingTrivia, SyntaxKind.PartialKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
        return current.ReplaceToken(first, first.WithLeadingTrivia()).WithModifiers(SyntaxFactory.TokenList(partial));
    }
}
