using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace GenLog.CodeFixes;

/// <summary>
/// Fix-all by syntax node: each diagnostic names the node it fixes (a declaration, a literal), several diagnostics on
/// one node are fixed together (one type reported for each of its methods, several parameters missing from one
/// template), and every node of a document is rewritten in one pass.
/// </summary>
internal static class FixAll
{
    /// <summary>Which node a diagnostic fixes under an equivalence key, given the document's root and semantic model; null when it fixes none.</summary>
    public delegate TNode? Target<TNode>(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, string? equivalenceKey, CancellationToken cancellation)
        where TNode : SyntaxNode;

    /// <summary>The rewritten node (<paramref name="current"/> already holds rewritten children) for its diagnostics.</summary>
    public delegate SyntaxNode Rewrite<TNode>(TNode original, TNode current, IReadOnlyList<Diagnostic> diagnostics, SemanticModel model, CancellationToken cancellation)
        where TNode : SyntaxNode;

    public static FixAllProvider ByNode<TNode>(Target<TNode> target, Rewrite<TNode> rewrite)
        where TNode : SyntaxNode =>
        FixAllProvider.Create(
            (context, document, diagnostics) => FixDocumentAsync(document, diagnostics, context.CodeActionEquivalenceKey, target, rewrite, context.CancellationToken),
            ImmutableArray.Create(FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution));

    /// <summary>Fixes the given diagnostics of one document; also what a single fix runs, so both agree.</summary>
    public static async Task<Document?> FixDocumentAsync<TNode>(
        Document document, ImmutableArray<Diagnostic> diagnostics, string? equivalenceKey, Target<TNode> target, Rewrite<TNode> rewrite, CancellationToken cancellation)
        where TNode : SyntaxNode
    {
        var root = await document.GetSyntaxRootAsync(cancellation).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellation).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return null;
        }

        var groups = new Dictionary<TNode, List<Diagnostic>>();
        foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
        {
            if (target(root, model, diagnostic, equivalenceKey, cancellation) is { } node)
            {
                if (!groups.TryGetValue(node, out var list))
                {
                    groups[node] = list = new List<Diagnostic>();
                }

                list.Add(diagnostic);
            }
        }

        if (groups.Count == 0)
        {
            return null;
        }

        var newRoot = root.ReplaceNodes(groups.Keys, (original, current) => rewrite(original, current, groups[original], model, cancellation));
        return document.WithSyntaxRoot(newRoot);
    }

    /// <summary>What a fixed node's action is called; null offers no action.</summary>
    public delegate string? Title<TNode>(TNode node, Diagnostic diagnostic)
        where TNode : SyntaxNode;

    /// <summary>
    /// Registers, for each diagnostic of the context and each equivalence key whose target finds a node, the action
    /// that fixes that one diagnostic the way the fix-all fixes many.
    /// </summary>
    public static async Task RegisterAsync<TNode>(CodeFixContext context, IEnumerable<string> equivalenceKeys, Target<TNode> target, Rewrite<TNode> rewrite, Title<TNode> title)
        where TNode : SyntaxNode
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            foreach (var key in equivalenceKeys)
            {
                if (target(root, model, diagnostic, key, context.CancellationToken) is { } node && title(node, diagnostic) is { } text)
                {
                    context.RegisterCodeFix(Action(text, key, context.Document, diagnostic, target, rewrite), diagnostic);
                }
            }
        }
    }

    /// <summary>The action that fixes one diagnostic the way the fix-all fixes many.</summary>
    private static Microsoft.CodeAnalysis.CodeActions.CodeAction Action<TNode>(
        string title, string equivalenceKey, Document document, Diagnostic diagnostic, Target<TNode> target, Rewrite<TNode> rewrite)
        where TNode : SyntaxNode =>
        Microsoft.CodeAnalysis.CodeActions.CodeAction.Create(
            title,
            async cancellation => await FixDocumentAsync(document, ImmutableArray.Create(diagnostic), equivalenceKey, target, rewrite, cancellation).ConfigureAwait(false) ?? document,
            equivalenceKey);
}
