using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using GenLog.CodeFixes.Spelling;
using GenLog.CodeFixes.Syntax;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GenLog.CodeFixes;

/// <summary>
/// GENLOG008 (unknown facility or severity name): replaces the name with the CPython name the user most likely meant
/// (<see cref="PriorityNames"/>), one action per candidate. A number out of range has no obvious fix.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PriorityNameCodeFix))]
[Shared]
public sealed class PriorityNameCodeFix : CodeFixProvider
{
    private const string EquivalenceKey = "GenLog.PriorityName.";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.PriorityName);

    /// <summary>None: the nearest name is a guess to confirm one by one.</summary>
    /// <returns>Null.</returns>
    public override FixAllProvider? GetFixAllProvider() => null;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var document = context.Document;
        var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (StringLiterals.AsLiteral(root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true)) is not { } literal
                || literal.Parent is not AttributeArgumentSyntax argument)
            {
                continue;
            }

            var names = SyslogAttributes.ParameterOf(argument, model, context.CancellationToken)?.Name switch
            {
                "severity" => PriorityNames.ForSeverity(literal.Token.ValueText),
                "facility" => PriorityNames.ForFacility(literal.Token.ValueText),
                _ => null,
            };

            foreach (var name in names ?? System.Array.Empty<string>())
            {
                context.RegisterCodeFix(
                    CodeAction.Create($"Use \"{name}\"", c => ReplaceAsync(document, literal, name, c), EquivalenceKey + name),
                    diagnostic);
            }
        }
    }

    private static async Task<Document> ReplaceAsync(Document document, LiteralExpressionSyntax literal, string name, CancellationToken cancellation)
    {
        var root = await document.GetSyntaxRootAsync(cancellation).ConfigureAwait(false);
        return document.WithSyntaxRoot(root!.ReplaceNode(literal, StringLiterals.Replace(literal, name)));
    }
}
