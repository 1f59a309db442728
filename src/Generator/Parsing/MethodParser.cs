using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using GenLog.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GenLog.Generator.Parsing;

/// <summary>
/// Reads one <c>[SyslogMessage]</c> method into a <see cref="MethodModel"/> and every diagnostic it
/// deserves, by running each concern's step in order: shape, attributes, parameters, writer, template,
/// structured data, what is sent. Each step lives in its own file and decides its own diagnostics
/// (docs/architecture.md lists which file decides each GENLOGnnn). Anything unexpected yields a
/// diagnostic or nothing, never an exception.
/// </summary>
internal static class MethodParser
{
    public static ParseResult Parse(GeneratorAttributeSyntaxContext syntaxContext, CancellationToken cancellation)
    {
        if (syntaxContext.TargetSymbol is not IMethodSymbol method || syntaxContext.TargetNode is not MethodDeclarationSyntax syntax)
        {
            return new ParseResult(null, default);
        }

        // Only GenLog's own attribute: a same-named type from another assembly is not ours.
        var compilation = syntaxContext.SemanticModel.Compilation;
        var known = KnownSymbols.For(compilation);
        var attribute = syntaxContext.Attributes.FirstOrDefault(a => KnownSymbols.Is(a.AttributeClass, known.MessageAttribute));
        if (attribute is null)
        {
            return new ParseResult(null, default);
        }

        var context = new ParseContext(method, syntax, attribute, known, compilation, cancellation);
        var model = Run(context);
        return new ParseResult(context.HasError ? null : model, context.Diagnostics);
    }

    private static MethodModel? Run(ParseContext context)
    {
        var method = context.Method;

        // Half-typed code (an attribute that does not bind, missing names, erroneous types): the compiler
        // already reports it, and code generated from it would only add errors.
        if (!AttributeReader.Binds(context.Attribute) || !MethodShape.IsWellFormed(context) || !MethodShape.Check(context))
        {
            return null;
        }

        ParameterRules.CheckPassing(context);
        var arguments = context.HasError ? null : AttributeReader.ConstructorArguments(context.Attribute, context);
        if (arguments is null)
        {
            return null;
        }

        var source = AttributeReader.Source(context);
        var header = MessageHeader.Read(context, arguments, source);

        var roles = ParameterRules.Roles(context);
        ParameterRules.CheckLoggable(context, roles);
        var writer = WriterResolver.Resolve(context, roles);
        var severityParameter = ParameterRules.SeverityParameter(context, roles, header.Severity is not null);

        arguments.TryGetValue("message", out var message);
        if (message.Value.Value is not string template)
        {
            TemplateBinder.ReportNull(context);
            return null;
        }

        var bound = TemplateBinder.Bind(context, template, message.Syntax, roles);
        var segments = bound.Segments;
        var structured = header.SdId is null ? Array.Empty<StructuredParameter>() : StructuredDataBinder.Bind(context, segments, roles);
        if (!bound.IsMalformed)
        {
            // A malformed placeholder may name a parameter: do not also call that parameter unused.
            SendRules.CheckUnsent(context, segments, roles, header.SdId is not null);
        }

        var parameters = method.Parameters.Select((p, i) => ParameterModeler.Model(context, p, roles[i], segments.Any(s => s.Parameter == i))).ToArray();
        SendRules.CheckToString(context, segments, structured, parameters);
        SendRules.CheckConstantSize(context, segments, header.MsgId, header.SdId, structured, SourceLocator.From(message.Syntax));

        if (writer is null || context.HasError)
        {
            return null;
        }

        return new MethodModel(
            ContainingTypes.Of(method.ContainingType),
            Identifiers.Escape(method.Name),
            context.Syntax.Modifiers.ToString(),
            parameters.ToEquatableArray(),
            writer,
            severityParameter is null ? null : Identifiers.Escape(severityParameter.Name),
            header.Severity,
            header.Facility,
            header.AppName,
            header.MsgId,
            header.SdId,
            segments.ToEquatableArray(),
            structured.ToEquatableArray(),
            template,
            HasDocumentation(context.Syntax),
            PythonSourceOf(context, header.AppName));
    }

    /// <summary>
    /// The logger name, path and line a Python record carries. The path is the one the compilation's
    /// path map gives (<c>/_/src/Log.cs</c> under <c>-p:PathMap</c> or a CI build's deterministic source
    /// paths), as <c>[CallerFilePath]</c> would: never a build machine's absolute path in a reproducible build.
    /// </summary>
    private static PythonSource PythonSourceOf(ParseContext context, string? appName)
    {
        var tree = context.Syntax.SyntaxTree;
        var path = context.Compilation.Options.SourceReferenceResolver?.NormalizePath(tree.FilePath, baseFilePath: null) ?? tree.FilePath;
        var line = context.Syntax.Identifier.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
        return new PythonSource(appName ?? context.Method.ContainingType.ToDisplayString(), path, line);
    }

    private static bool HasDocumentation(MethodDeclarationSyntax syntax) =>
        syntax.GetLeadingTrivia().Any(t => t.IsKind(SyntaxKind.SingleLineDocumentationCommentTrivia)
            || t.IsKind(SyntaxKind.MultiLineDocumentationCommentTrivia)
            || t.ToString().StartsWith("///", StringComparison.Ordinal));
}
