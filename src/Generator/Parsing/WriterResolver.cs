using System.Collections.Generic;
using System.Linq;
using GenLog.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GenLog.Generator.Parsing;

/// <summary>
/// Finds the one <c>SyslogWriter</c> a method logs to: its parameter, or for an instance method the
/// field, property or primary-constructor parameter of its type. Decides GENLOG003 (none), GENLOG004
/// (several) and GENLOG020 (a method parameter hides the primary-constructor parameter).
/// </summary>
internal static class WriterResolver
{
    /// <summary>The expression that reaches the method's one SyslogWriter, or null after GENLOG003/004/020.</summary>
    public static string? Resolve(ParseContext context, ParameterRole[] roles)
    {
        var method = context.Method;
        var writerParameters = method.Parameters.Where((_, i) => roles[i] == ParameterRole.Writer).ToArray();
        if (writerParameters.Length > 1)
        {
            context.Report(Descriptors.SeveralWriters, context.LocationOf(writerParameters[1]), method.Name, string.Join(", ", writerParameters.Select(p => p.Name)));
            return null;
        }

        if (writerParameters.Length == 1)
        {
            return Identifiers.Escape(writerParameters[0].Name);
        }

        if (method.IsStatic)
        {
            context.Report(Descriptors.NoWriter, context.Identifier, method.Name);
            return null;
        }

        var candidates = Candidates(context);
        if (candidates.Count == 0)
        {
            context.Report(Descriptors.NoWriter, context.Identifier, method.Name);
            return null;
        }

        if (candidates.Count > 1)
        {
            context.Report(Descriptors.SeveralWriters, context.Identifier, method.Name, string.Join(", ", candidates.Select(c => c.Replace("this.", string.Empty))));
            return null;
        }

        // A primary-constructor parameter can only be reached by its name, which a method parameter may hide.
        var hiding = method.Parameters.FirstOrDefault(p => Identifiers.Escape(p.Name) == candidates[0]);
        if (hiding is not null)
        {
            context.Report(Descriptors.WriterHidden, context.LocationOf(hiding), hiding.Name);
            return null;
        }

        return candidates[0];
    }

    /// <summary>The writers an instance method's type holds: its own and inherited accessible fields and properties, and primary-constructor parameters.</summary>
    private static List<string> Candidates(ParseContext context)
    {
        var candidates = new List<string>();
        var type = context.Method.ContainingType;
        var members = type.GetMembers().Concat(BaseTypes(type).SelectMany(b => b.GetMembers()).Where(m => m.DeclaredAccessibility != Accessibility.Private && context.Compilation.IsSymbolAccessibleWithin(m, type)));
        foreach (var member in members)
        {
            var memberType = member switch
            {
                IFieldSymbol { IsImplicitlyDeclared: false } field => field.Type,
                IPropertySymbol property => property.Type,
                _ => null,
            };
            if (context.Known.IsWriter(memberType))
            {
                // Qualified, so that a parameter of the same name cannot hide it.
                candidates.Add((member.IsStatic ? member.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + "." : "this.") + Identifiers.Escape(member.Name));
            }
        }

        // Primary-constructor parameters (a record's also became properties, found above).
        foreach (var constructor in type.InstanceConstructors)
        {
            if (!constructor.DeclaringSyntaxReferences.Any(r => r.GetSyntax(context.Cancellation) is TypeDeclarationSyntax))
            {
                continue;
            }

            foreach (var parameter in constructor.Parameters)
            {
                var name = Identifiers.Escape(parameter.Name);
                if (parameter.Name.Length > 0 && context.Known.IsWriter(parameter.Type) && !candidates.Contains("this." + name))
                {
                    candidates.Add(name);
                }
            }
        }

        return candidates;
    }

    private static IEnumerable<INamedTypeSymbol> BaseTypes(INamedTypeSymbol type)
    {
        for (var b = type.BaseType; b is not null && b.SpecialType != SpecialType.System_Object; b = b.BaseType)
        {
            yield return b;
        }
    }
}
