using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GenLog.CodeFixes.Syntax;

/// <summary>Finds GenLog's attributes and their arguments in syntax, by the constructor parameter an argument binds to.</summary>
internal static class SyslogAttributes
{
    private const string MessageAttribute = "GenLog.SyslogMessageAttribute";

    /// <summary>The constructor parameter an attribute argument is passed to; null for a named property (<c>MsgId = …</c>).</summary>
    public static IParameterSymbol? ParameterOf(AttributeArgumentSyntax argument, SemanticModel model, CancellationToken cancellation)
    {
        if (argument.NameEquals is not null
            || argument.Parent?.Parent is not AttributeSyntax attribute
            || model.GetSymbolInfo(attribute, cancellation).Symbol is not IMethodSymbol constructor)
        {
            return null;
        }

        if (argument.NameColon is { } nameColon)
        {
            return constructor.Parameters.FirstOrDefault(p => p.Name == nameColon.Name.Identifier.ValueText);
        }

        var position = attribute.ArgumentList!.Arguments.IndexOf(argument);
        return position < constructor.Parameters.Length ? constructor.Parameters[position] : null;
    }

    /// <summary>The template argument (the <c>message</c> parameter) of the method's <c>[SyslogMessage]</c>, as written.</summary>
    public static ExpressionSyntax? Template(MethodDeclarationSyntax method, SemanticModel model, CancellationToken cancellation)
    {
        foreach (var attribute in method.AttributeLists.SelectMany(list => list.Attributes))
        {
            if (attribute.ArgumentList is null
                || model.GetSymbolInfo(attribute, cancellation).Symbol?.ContainingType?.ToDisplayString() != MessageAttribute)
            {
                continue;
            }

            foreach (var argument in attribute.ArgumentList.Arguments)
            {
                if (ParameterOf(argument, model, cancellation)?.Name == "message")
                {
                    return argument.Expression;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The name a placeholder for <paramref name="parameter"/> is written with: the parameter's name with a capital first
    /// letter, as the docs write them, unless that is exactly another parameter's name (placeholders prefer an exact match).
    /// </summary>
    public static string PlaceholderName(string parameter, IEnumerable<string> parameters)
    {
        var pascal = parameter.Length == 0 ? parameter : char.ToUpperInvariant(parameter[0]) + parameter.Substring(1);
        return pascal != parameter && parameters.Contains(pascal) ? parameter : pascal;
    }
}
