using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GenLog.CodeFixes.Spelling;
using GenLog.CodeFixes.Syntax;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace GenLog.CodeFixes;

/// <summary>
/// GENLOG005 (placeholder with no parameter): renames the placeholder to a parameter with a close name (one action
/// per candidate, nearest first), or adds a <c>string</c> parameter of the placeholder's name to the method.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PlaceholderCodeFix))]
[Shared]
public sealed class PlaceholderCodeFix : CodeFixProvider
{
    private const string RenameKey = "GenLog.RenamePlaceholder.";
    private const string AddParameterKey = "GenLog.AddParameter";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.UnknownPlaceholder);

    /// <summary>None: which parameter a placeholder meant is a choice per placeholder.</summary>
    /// <returns>Null.</returns>
    public override FixAllProvider? GetFixAllProvider() => null;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var document = context.Document;
        var cancellation = context.CancellationToken;
        var root = await document.GetSyntaxRootAsync(cancellation).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellation).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            var span = diagnostic.Location.SourceSpan;
            var token = root.FindToken(span.Start);
            if (StringLiterals.AsLiteral(token.Parent) is null
                || !token.Span.Contains(span)
                || token.Parent!.FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { } method
                || PlaceholderName(root.SyntaxTree.GetText(cancellation).ToString(span)) is not { } name)
            {
                continue;
            }

            // The name as written starts after '{' and a leading '@'.
            var nameSpan = new TextSpan(span.Start + 1 + (name.Marked ? 1 : 0), name.Name.Length);
            var parameters = method.ParameterList.Parameters;
            var allNames = parameters.Select(p => p.Identifier.ValueText).ToList();
            var bindable = parameters.Where(p => !IsWriter(p, model, cancellation)).Select(p => p.Identifier.ValueText).ToList();
            foreach (var candidate in EditDistance.Closest(name.Name, bindable))
            {
                var placeholder = SyslogAttributes.PlaceholderName(candidate, allNames);
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Use parameter '{candidate}' ({{{placeholder}}})",
                        c => RenameAsync(document, nameSpan, placeholder, c),
                        RenameKey + candidate),
                    diagnostic);
            }

            var parameterName = ParameterName(name.Name);
            if (!allNames.Any(n => string.Equals(n, name.Name, System.StringComparison.OrdinalIgnoreCase)))
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Add parameter 'string {parameterName}' to '{method.Identifier.ValueText}'",
                        c => AddParameterAsync(document, method, parameterName, c),
                        AddParameterKey),
                    diagnostic);
            }
        }
    }

    /// <summary>The placeholder's name from its source text (<c>{Name,alignment:format}</c>), and whether '@' marks it; null when escapes spell it.</summary>
    private static (string Name, bool Marked)? PlaceholderName(string written)
    {
        if (written.Length < 3 || written[0] != '{' || written[written.Length - 1] != '}' || written.IndexOf('\\') >= 0)
        {
            return null;
        }

        var (parts, errors) = GenLog.Generator.Parsing.TemplateParser.Parse(written);
        if (errors.Count > 0 || parts.Count != 1 || !parts[0].IsPlaceholder)
        {
            return null;
        }

        var text = parts[0].Text;
        return text[0] == '@' ? (text.Substring(1), true) : (text, false);
    }

    /// <summary>A parameter name for the placeholder: a lower-case first letter, escaped as the generated code escapes names.</summary>
    private static string ParameterName(string placeholder) =>
        GenLog.Generator.Parsing.Identifiers.Escape(char.ToLowerInvariant(placeholder[0]) + placeholder.Substring(1));

    private static bool IsWriter(ParameterSyntax parameter, SemanticModel model, CancellationToken cancellation) =>
        model.GetDeclaredSymbol(parameter, cancellation)?.Type.ToDisplayString() == "GenLog.SyslogWriter";

    private static async Task<Document> RenameAsync(Document document, TextSpan nameSpan, string placeholder, CancellationToken cancellation)
    {
        var text = await document.GetTextAsync(cancellation).ConfigureAwait(false);
        return document.WithText(text.WithChanges(new TextChange(nameSpan, placeholder)));
    }

    private static async Task<Document> AddParameterAsync(Document document, MethodDeclarationSyntax method, string name, CancellationToken cancellation)
    {
        var root = await document.GetSyntaxRootAsync(cancellation).ConfigureAwait(false);
        var list = method.ParameterList;
        var identifier = SyntaxFactory.Identifier(default, SyntaxKind.IdentifierToken, name, name.TrimStart('@'), default);
        var parameter = SyntaxFactory.Parameter(identifier)
            .WithType(SyntaxFactory.PredefinedType(SyntaxFactory.Token(SyntaxKind.StringKeyword)).WithTrailingTrivia(SyntaxFactory.Space));
        var parameters = list.Parameters.Add(list.Parameters.Count == 0 ? parameter : parameter.WithLeadingTrivia(SyntaxFactory.Space));
        return document.WithSyntaxRoot(root!.ReplaceNode(list, list.WithParameters(parameters)));
    }
}
