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
            return new ParseResult(null, null, default);
        }

        // Only GenLog's own attribute: a same-named type from another assembly is not ours.
        var compilation = syntaxContext.SemanticModel.Compilation;
        var known = KnownSymbols.For(compilation);
        var attribute = syntaxContext.Attributes.FirstOrDefault(a => KnownSymbols.Is(a.AttributeClass, known.MessageAttribute));
        if (attribute is null)
        {
            return new ParseResult(null, null, default);
        }

        var context = new ParseContext(method, syntax, attribute, known, compilation, cancellation);
        var model = Run(context);
        model = context.HasError ? null : model;
        return new ParseResult(model, model is null ? EmptyBodyOf(context) : null, context.Diagnostics);
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
        var writer = WriterResolver.Resolve(context, roles, source);
        // A severity given on the attribute counts even when it is invalid: GENLOG008 already says what is wrong with it.
        var severityParameter = ParameterRules.SeverityParameter(context, roles, arguments.ContainsKey("severity"));

        arguments.TryGetValue("message", out var message);
        if (message.Value.Value is not string template)
        {
            TemplateBinder.ReportNull(context);
            return null;
        }

        var bound = TemplateBinder.Bind(context, template, message.Syntax, roles);
        var segments = bound.Segments;
        var structured = StructuredDataBinder.Bind(context, segments, roles, header.SdId);
        if (!bound.IsMalformed)
        {
            // A malformed placeholder may name a parameter: do not also call that parameter unused.
            SendRules.CheckUnsent(context, segments, roles, structured.HasElement);
        }

        var parameters = method.Parameters.Select((p, i) => ParameterModeler.Model(context, p, roles[i])).ToArray();
        SendRules.CheckToString(context, segments, structured.Elements, parameters);
        SendRules.CheckConstantSize(context, segments, header.MsgId, structured.Elements, SourceLocator.From(message.Syntax));

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
            structured.Elements.ToEquatableArray(),
            template,
            HasDocumentation(context.Syntax),
            PythonSourceOf(context, header.AppName));
    }

    /// <summary>The empty body a declaration without a model can still get, or null when C# would not accept one (<see cref="MethodShape.CanImplement"/>).</summary>
    private static EmptyBody? EmptyBodyOf(ParseContext context)
    {
        var method = context.Method;
        if (!MethodShape.CanImplement(context))
        {
            return null;
        }

        var roles = ParameterRules.Roles(context);
        return new EmptyBody(
            ContainingTypes.Of(method.ContainingType),
            Identifiers.Escape(method.Name),
            context.Syntax.Modifiers.ToString(),
            method.TypeParameters.Length == 0 ? string.Empty : "<" + string.Join(", ", method.TypeParameters.Select(t => Identifiers.Escape(t.Name))) + ">",
            method.TypeParameters.Select(ConstraintOf).Where(c => c is not null).Select(c => c!).ToEquatableArray(),
            method.ReturnsVoid ? "void" : ParameterModeler.TypeName(method.ReturnType),
            method.Parameters.Select((p, i) => ParameterModeler.Model(context, p, roles[i])).ToEquatableArray(),
            method.Parameters.Where(p => p.RefKind == RefKind.Out).Select(p => Identifiers.Escape(p.Name)).ToEquatableArray());
    }

    /// <summary>A type parameter's <c>where</c> clause as the implementation must repeat it (C# orders it: primary, types, new(), allows), or null.</summary>
    private static string? ConstraintOf(ITypeParameterSymbol parameter)
    {
        var parts = new List<string>();
        if (parameter.HasUnmanagedTypeConstraint)
        {
            parts.Add("unmanaged");
        }
        else if (parameter.HasValueTypeConstraint)
        {
            parts.Add("struct");
        }
        else if (parameter.HasReferenceTypeConstraint)
        {
            parts.Add(parameter.ReferenceTypeConstraintNullableAnnotation == NullableAnnotation.Annotated ? "class?" : "class");
        }
        else if (parameter.HasNotNullConstraint)
        {
            parts.Add("notnull");
        }

        parts.AddRange(parameter.ConstraintTypes.Select(ParameterModeler.TypeName));
        if (parameter.HasConstructorConstraint)
        {
            parts.Add("new()");
        }

        if (parameter.AllowsRefLikeType)
        {
            parts.Add("allows ref struct");
        }

        return parts.Count == 0 ? null : $"where {Identifiers.Escape(parameter.Name)} : {string.Join(", ", parts)}";
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
