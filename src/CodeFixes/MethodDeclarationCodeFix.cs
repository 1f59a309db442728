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
/// GENLOG001 for a <c>partial</c> method that has a body or does not return <c>void</c>: removes the body (the
/// generator writes it) or makes the method return <c>void</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MethodDeclarationCodeFix))]
[Shared]
public sealed class MethodDeclarationCodeFix : CodeFixProvider
{
    private const string RemoveBodyKey = "GenLog.RemoveBody";
    private const string ReturnVoidKey = "GenLog.ReturnVoid";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.MethodShape);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => FixAll.ByNode<MethodDeclarationSyntax>(Target, Rewrite);

    /// <inheritdoc/>
    public override Task RegisterCodeFixesAsync(CodeFixContext context) =>
        FixAll.RegisterAsync<MethodDeclarationSyntax>(
            context,
            new[] { RemoveBodyKey, ReturnVoidKey },
            Target,
            Rewrite,
            (method, _) => method.Body is null && method.ExpressionBody is null
                ? $"Make '{method.Identifier.ValueText}' return void"
                : $"Remove the body of '{method.Identifier.ValueText}'");

    private static MethodDeclarationSyntax? Target(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, string? key, CancellationToken cancellation)
    {
        var method = root.FindToken(diagnostic.Location.SourceSpan.Start).Parent?.FirstAncestorOrSelf<MethodDeclarationSyntax>();
        if (method is null || !method.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            return null;
        }

        var hasBody = method.Body is not null || method.ExpressionBody is not null;
        return key switch
        {
            // The identifier: "already has a body".
            RemoveBodyKey when hasBody && method.Identifier.Span == diagnostic.Location.SourceSpan => method,

            // The return type: "does not return void".
            ReturnVoidKey when !hasBody && method.ReturnType.Span == diagnostic.Location.SourceSpan => method,
            _ => null,
        };
    }

    private static SyntaxNode Rewrite(MethodDeclarationSyntax original, MethodDeclarationSyntax current, IReadOnlyList<Diagnostic> diagnostics, SemanticModel model, CancellationToken cancellation)
    {
        if (current.Body is null && current.ExpressionBody is null)
        {
            var returnType = SyntaxFactory.PredefinedType(SyntaxFactory.Token(SyntaxKind.VoidKeyword)).WithTriviaFrom(current.ReturnType);
            return current.WithReturnType(returnType);
        }

        // The declaration ends where the body began: no space before the ';', the body's trailing trivia after it.
        SyntaxNode body = (SyntaxNode?)current.Body ?? current.ExpressionBody!;
        var trailing = current.Body is { } block ? block.CloseBraceToken.TrailingTrivia : current.SemicolonToken.TrailingTrivia;
        var beforeBody = body.GetFirstToken().GetPreviousToken();
        return current
            .ReplaceToken(beforeBody, beforeBody.WithTrailingTrivia())
            .WithBody(null)
            .WithExpressionBody(null)
            .WithSemicolonToken(SyntaxFactory.Token(SyntaxKind.SemicolonToken).WithTrailingTrivia(trailing));
    }
}
