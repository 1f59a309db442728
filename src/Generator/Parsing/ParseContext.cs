using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using GenLog.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GenLog.Generator.Parsing;

/// <summary>
/// The method being parsed, the compilation's known symbols, and the diagnostics found so far: what
/// every parsing step shares. Each step (one concern, one file) reads from it and reports into it.
/// </summary>
internal sealed class ParseContext
{
    private readonly List<DiagnosticInfo> _diagnostics = new();

    public ParseContext(IMethodSymbol method, MethodDeclarationSyntax syntax, AttributeData attribute, KnownSymbols known, Compilation compilation, CancellationToken cancellation)
    {
        Method = method;
        Syntax = syntax;
        Attribute = attribute;
        Known = known;
        Compilation = compilation;
        Cancellation = cancellation;
    }

    public IMethodSymbol Method { get; }

    public MethodDeclarationSyntax Syntax { get; }

    /// <summary>The method's [SyslogMessage].</summary>
    public AttributeData Attribute { get; }

    public KnownSymbols Known { get; }

    public Compilation Compilation { get; }

    public CancellationToken Cancellation { get; }

    /// <summary>An error was reported: the method gets no generated body.</summary>
    public bool HasError { get; private set; }

    public EquatableArray<DiagnosticInfo> Diagnostics => _diagnostics.ToEquatableArray();

    /// <summary>The method's name, where a diagnostic with no more precise place goes.</summary>
    public Location? Identifier => SourceLocator.From(Syntax.Identifier.GetLocation());

    /// <summary>The parameter's declaration.</summary>
    public Location? LocationOf(IParameterSymbol parameter) =>
        SourceLocator.From(Syntax.ParameterList.Parameters.ElementAtOrDefault(parameter.Ordinal) ?? (SyntaxNode)Syntax);

    public void Report(DiagnosticDescriptor descriptor, Location? location, params object[] arguments)
    {
        HasError |= descriptor.DefaultSeverity == DiagnosticSeverity.Error;
        var text = arguments.Select(a => Convert.ToString(a, CultureInfo.InvariantCulture) ?? string.Empty).ToEquatableArray();
        _diagnostics.Add(new DiagnosticInfo(descriptor, location ?? Identifier, text));
    }
}
