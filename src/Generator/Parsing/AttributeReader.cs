using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GenLog.Generator.Parsing;

/// <summary>
/// Reads [SyslogMessage] and [SyslogSource]: constructor arguments by parameter name (never by
/// position), named properties, and the syntax of each for diagnostic locations.
/// </summary>
internal static class AttributeReader
{
    /// <summary>A constructor argument's value and the expression that wrote it.</summary>
    internal readonly record struct Argument(TypedConstant Value, ExpressionSyntax? Syntax);

    /// <summary>The attribute binds to a constructor with an argument for each parameter (else the compiler reports why).</summary>
    public static bool Binds(AttributeData attribute) =>
        attribute.AttributeConstructor is { } constructor && attribute.ConstructorArguments.Length == constructor.Parameters.Length;

    /// <summary>The constructor arguments by parameter name; null when one is erroneous (half-typed code).</summary>
    public static Dictionary<string, Argument>? ConstructorArguments(AttributeData attribute, ParseContext context)
    {
        var constructor = attribute.AttributeConstructor;
        if (constructor is null || !Binds(attribute))
        {
            return null;
        }

        var result = new Dictionary<string, Argument>(StringComparer.Ordinal);
        for (var i = 0; i < constructor.Parameters.Length; i++)
        {
            var value = attribute.ConstructorArguments[i];
            if (value.Kind == TypedConstantKind.Error)
            {
                return null;
            }

            var name = constructor.Parameters[i].Name;
            result[name] = new Argument(value, ArgumentSyntax(attribute, name, i, context));
        }

        return result;
    }

    /// <summary>The containing type's [SyslogSource], GenLog's own and no same-named type.</summary>
    public static AttributeData? Source(ParseContext context) =>
        context.Method.ContainingType.GetAttributes().FirstOrDefault(a => KnownSymbols.Is(a.AttributeClass, context.Known.SourceAttribute));

    /// <summary>A named string property (<c>MsgId = "…"</c>), or null.</summary>
    public static string? Named(AttributeData? attribute, string name)
    {
        if (attribute is null)
        {
            return null;
        }

        foreach (var pair in attribute.NamedArguments)
        {
            if (pair.Key == name && pair.Value.Kind != TypedConstantKind.Error)
            {
                return pair.Value.Value as string;
            }
        }

        return null;
    }

    /// <summary>
    /// A named string property of the method's attribute, else the same property of the type's <c>[SyslogSource]</c>
    /// (its default for every method), with the attribute it was read from, where its diagnostic points.
    /// </summary>
    public static (string? Value, AttributeData? Owner) NamedOrInherited(AttributeData attribute, AttributeData? source, string name) =>
        Named(attribute, name) is { } own ? (own, attribute)
        : Named(source, name) is { } inherited ? (inherited, source)
        : (null, null);

    /// <summary>Where a named property is written, else the whole attribute.</summary>
    public static Location? LocationOfNamed(AttributeData attribute, string property, ParseContext context)
    {
        var syntax = attribute.ApplicationSyntaxReference?.GetSyntax(context.Cancellation) as AttributeSyntax;
        var argument = syntax?.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == property);
        return SourceLocator.From((SyntaxNode?)argument?.Expression ?? syntax);
    }

    /// <summary>Where a constructor argument is written, else the whole attribute.</summary>
    public static Location? LocationOfArgument(AttributeData attribute, string parameterName, ParseContext context)
    {
        var parameters = attribute.AttributeConstructor!.Parameters;
        var index = parameters.IndexOf(parameters.FirstOrDefault(p => p.Name == parameterName)!);
        return SourceLocator.From((SyntaxNode?)ArgumentSyntax(attribute, parameterName, index, context) ?? attribute.ApplicationSyntaxReference?.GetSyntax(context.Cancellation));
    }

    /// <summary>The whole attribute as written.</summary>
    public static Location? LocationOf(AttributeData attribute, ParseContext context) =>
        SourceLocator.From(attribute.ApplicationSyntaxReference?.GetSyntax(context.Cancellation));

    /// <summary>The expression of a constructor argument: by name when named (<c>message:</c>), else by position.</summary>
    public static ExpressionSyntax? ArgumentSyntax(AttributeData attribute, string parameterName, int position, ParseContext context)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax(context.Cancellation) is not AttributeSyntax { ArgumentList: { } list })
        {
            return null;
        }

        var positional = 0;
        foreach (var argument in list.Arguments)
        {
            if (argument.NameEquals is not null)
            {
                continue;
            }

            if (argument.NameColon is not null ? argument.NameColon.Name.Identifier.ValueText == parameterName : positional == position)
            {
                return argument.Expression;
            }

            positional++;
        }

        return null;
    }
}
