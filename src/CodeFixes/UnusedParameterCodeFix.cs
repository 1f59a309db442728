using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GenLog.CodeFixes.Syntax;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GenLog.CodeFixes;

/// <summary>
/// GENLOG006 (parameter not used by the template): appends <c> {Name}</c> to the template, when the template is a
/// string literal (regular, verbatim or raw); a constant or an expression is left to the user.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnusedParameterCodeFix))]
[Shared]
public sealed class UnusedParameterCodeFix : CodeFixProvider
{
    private const string EquivalenceKey = "GenLog.AddToTemplate";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.UnusedParameter);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => FixAll.ByNode<LiteralExpressionSyntax>(Target, Rewrite);

    /// <inheritdoc/>
    public override Task RegisterCodeFixesAsync(CodeFixContext context) =>
        FixAll.RegisterAsync<LiteralExpressionSyntax>(
            context,
            new[] { EquivalenceKey },
            Target,
            Rewrite,
            (literal, diagnostic) => Placeholders(literal, new[] { diagnostic }, literal.SyntaxTree.GetRoot(context.CancellationToken)) is { } added
                && StringLiterals.Append(literal, added) is not null
                    ? $"Add '{added.Trim()}' to the template"
                    : null);

    /// <summary>The template literal of the method whose parameter the diagnostic points at.</summary>
    private static LiteralExpressionSyntax? Target(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, string? key, CancellationToken cancellation) =>
        key == EquivalenceKey && Parameter(root, diagnostic)?.Parent?.Parent is MethodDeclarationSyntax method
            ? StringLiterals.AsLiteral(SyslogAttributes.Template(method, model, cancellation))
            : null;

    private static SyntaxNode Rewrite(LiteralExpressionSyntax original, LiteralExpressionSyntax current, IReadOnlyList<Diagnostic> diagnostics, SemanticModel model, CancellationToken cancellation) =>
        Placeholders(original, diagnostics, original.SyntaxTree.GetRoot(cancellation)) is { } added && StringLiterals.Append(current, added) is { } appended
            ? appended
            : current;

    private static ParameterSyntax? Parameter(SyntaxNode root, Diagnostic diagnostic) =>
        root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<ParameterSyntax>();

    /// <summary>" {A} {B}" for the diagnostics' parameters, in the order the method declares them.</summary>
    private static string? Placeholders(LiteralExpressionSyntax literal, IEnumerable<Diagnostic> diagnostics, SyntaxNode root)
    {
        if (literal.FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { } method)
        {
            return null;
        }

        var all = method.ParameterList.Parameters.Select(p => p.Identifier.ValueText).ToList();
        var names = diagnostics
            .Select(d => Parameter(root, d))
            .Where(p => p is not null && p.Parent == method.ParameterList)
            .Select(p => p!)
            .Distinct()
            .OrderBy(p => p.SpanStart)
            .Select(p => " {" + SyslogAttributes.PlaceholderName(p.Identifier.ValueText, all) + "}")
            .ToList();
        return names.Count == 0 ? null : string.Concat(names);
    }
}
