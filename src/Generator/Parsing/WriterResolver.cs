using System.Collections.Generic;
using System.Linq;
using GenLog.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GenLog.Generator.Parsing;

/// <summary>
/// Finds the one <c>SyslogWriter</c> a method logs to: its parameter, or the field, property or
/// primary-constructor parameter of its type (an instance method's only one, or the one <c>Writer</c>
/// names on the method, else on [SyslogSource]). A static method reaches a member only through
/// <c>Writer</c>, and only a static one. Decides GENLOG003 (none), GENLOG004 (several), GENLOG020 (a
/// method parameter hides the primary-constructor parameter) and GENLOG022 (a <c>Writer</c> that names
/// no usable writer).
/// </summary>
internal static class WriterResolver
{
    private const string WriterProperty = "Writer";

    /// <summary>A field, property or primary-constructor parameter of the method's type, and how the generated code reaches it.</summary>
    private sealed record Member(string Name, string Expression, ITypeSymbol Type, bool IsStatic, string Kind);

    /// <summary>The expression that reaches the method's one SyslogWriter, or null after GENLOG003/004/020/022.</summary>
    public static string? Resolve(ParseContext context, ParameterRole[] roles, AttributeData? source)
    {
        var method = context.Method;
        var writerParameters = method.Parameters.Where((_, i) => roles[i] == ParameterRole.Writer).ToArray();
        if (writerParameters.Length > 1)
        {
            context.Report(Descriptors.SeveralWriterParameters, context.LocationOf(writerParameters[1]), method.Name, string.Join(", ", writerParameters.Select(p => p.Name)));
            return null;
        }

        var methodWriter = AttributeReader.Named(context.Attribute, WriterProperty);
        if (writerParameters.Length == 1)
        {
            // The parameter is the writer; a Writer on the method as well would be silently ignored. The
            // type's Writer is a default for methods that need one, and this method does not.
            if (methodWriter is not null)
            {
                context.Report(Descriptors.WriterBesideParameter, AttributeReader.LocationOfNamed(context.Attribute, WriterProperty, context), method.Name, writerParameters[0].Name, methodWriter);
                return null;
            }

            return Identifiers.Escape(writerParameters[0].Name);
        }

        var (named, owner) = AttributeReader.NamedOrInherited(context.Attribute, source, WriterProperty);
        if (named is not null)
        {
            return Named(context, named, AttributeReader.LocationOfNamed(owner!, WriterProperty, context));
        }

        var candidates = method.IsStatic ? new List<Member>() : Members(context).Where(m => context.Known.IsWriter(m.Type)).ToList();
        if (candidates.Count == 0)
        {
            context.Report(Descriptors.NoWriter, context.Identifier, method.Name);
            return null;
        }

        if (candidates.Count > 1)
        {
            context.Report(Descriptors.SeveralWriters, context.Identifier, method.Name, string.Join(", ", candidates.Select(c => c.Name)));
            return null;
        }

        return Reach(context, candidates[0]);
    }

    /// <summary>The member <c>Writer</c> names: a SyslogWriter, static for a static method; else GENLOG022 at the Writer argument.</summary>
    private static string? Named(ParseContext context, string name, Location? location)
    {
        var method = context.Method;
        var type = method.ContainingType.ToDisplayString();
        var member = Members(context).FirstOrDefault(m => m.Name == name);
        if (member is null)
        {
            context.Report(Descriptors.WriterNotFound, location, name, type);
            return null;
        }

        if (!context.Known.IsWriter(member.Type))
        {
            context.Report(Descriptors.WriterWrongType, location, name, member.Kind, member.Type.ToDisplayString());
            return null;
        }

        if (method.IsStatic && !member.IsStatic)
        {
            context.Report(Descriptors.WriterNotStatic, location, method.Name, name, member.Kind);
            return null;
        }

        return Reach(context, member);
    }

    /// <summary>The member's expression; a primary-constructor parameter can only be reached by its name, which a method parameter may hide (GENLOG020).</summary>
    private static string? Reach(ParseContext context, Member member)
    {
        var hiding = context.Method.Parameters.FirstOrDefault(p => Identifiers.Escape(p.Name) == member.Expression);
        if (hiding is not null)
        {
            context.Report(Descriptors.WriterHidden, context.LocationOf(hiding), hiding.Name);
            return null;
        }

        return member.Expression;
    }

    /// <summary>The type's own and inherited accessible fields and properties, and its primary-constructor parameters, of any type.</summary>
    private static List<Member> Members(ParseContext context)
    {
        var result = new List<Member>();
        var type = context.Method.ContainingType;
        var members = type.GetMembers().Concat(BaseTypes(type).SelectMany(b => b.GetMembers()).Where(m => m.DeclaredAccessibility != Accessibility.Private && context.Compilation.IsSymbolAccessibleWithin(m, type)));
        foreach (var member in members)
        {
            var (memberType, kind) = member switch
            {
                IFieldSymbol { IsImplicitlyDeclared: false } field => (field.Type, "field"),
                IPropertySymbol { IsIndexer: false } property => (property.Type, "property"),
                _ => (null, null),
            };
            if (memberType is not null && kind is not null && !result.Any(m => m.Name == member.Name))
            {
                // Qualified, so that a parameter of the same name cannot hide it.
                var owner = member.IsStatic ? member.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + "." : "this.";
                result.Add(new Member(member.Name, owner + Identifiers.Escape(member.Name), memberType, member.IsStatic, kind));
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
                if (parameter.Name.Length > 0 && !result.Any(m => m.Name == parameter.Name))
                {
                    result.Add(new Member(parameter.Name, Identifiers.Escape(parameter.Name), parameter.Type, IsStatic: false, "primary-constructor parameter"));
                }
            }
        }

        return result;
    }

    private static IEnumerable<INamedTypeSymbol> BaseTypes(INamedTypeSymbol type)
    {
        for (var b = type.BaseType; b is not null && b.SpecialType != SpecialType.System_Object; b = b.BaseType)
        {
            yield return b;
        }
    }
}
