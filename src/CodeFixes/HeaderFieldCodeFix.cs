using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using GenLog.CodeFixes.Spelling;
using GenLog.CodeFixes.Syntax;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GenLog.CodeFixes;

/// <summary>
/// GENLOG009 (MSGID), GENLOG010 (SD-ID) and GENLOG017 (APP-NAME): replaces the string literal with a valid spelling
/// of it (<see cref="HeaderSpelling"/>); a value that is not a literal is left to the user.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(HeaderFieldCodeFix))]
[Shared]
public sealed class HeaderFieldCodeFix : CodeFixProvider
{
    private const string EquivalenceKey = "GenLog.ValidHeaderField";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.MsgId, DiagnosticIds.SdId, DiagnosticIds.AppName);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => FixAll.ByNode<LiteralExpressionSyntax>(Target, Rewrite);

    /// <inheritdoc/>
    public override Task RegisterCodeFixesAsync(CodeFixContext context) =>
        FixAll.RegisterAsync<LiteralExpressionSyntax>(
            context,
            new[] { EquivalenceKey },
            Target,
            Rewrite,
            (literal, diagnostic) => $"Use {Field(diagnostic.Id)} \"{Spell(diagnostic.Id, literal.Token.ValueText)}\"");

    private static LiteralExpressionSyntax? Target(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, string? key, CancellationToken cancellation) =>
        key == EquivalenceKey
        && StringLiterals.AsLiteral(root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true)) is { } literal
        && literal.Span == diagnostic.Location.SourceSpan
        && Spell(diagnostic.Id, literal.Token.ValueText) is { } spelling
        && spelling != literal.Token.ValueText
            ? literal
            : null;

    private static SyntaxNode Rewrite(LiteralExpressionSyntax original, LiteralExpressionSyntax current, IReadOnlyList<Diagnostic> diagnostics, SemanticModel model, CancellationToken cancellation) =>
        StringLiterals.Replace(current, Spell(diagnostics[0].Id, original.Token.ValueText)!);

    private static string? Spell(string id, string value) => id switch
    {
        DiagnosticIds.MsgId => HeaderSpelling.MsgId(value),
        DiagnosticIds.AppName => HeaderSpelling.AppName(value),
        _ => HeaderSpelling.SdId(value),
    };

    private static string Field(string id) => id switch
    {
        DiagnosticIds.MsgId => "MsgId",
        DiagnosticIds.AppName => "AppName",
        _ => "SdId",
    };
}
