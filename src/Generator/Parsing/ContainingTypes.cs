using System.Collections.Generic;
using System.Linq;
using GenLog.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GenLog.Generator.Parsing;

/// <summary>The namespace and containing types a generated partial must repeat, outermost first.</summary>
internal static class ContainingTypes
{
    public static TypeModel Of(INamedTypeSymbol type)
    {
        var chain = new List<ContainingType>();
        for (var t = type; t is not null; t = t.ContainingType)
        {
            var keyword = t.TypeKind switch
            {
                TypeKind.Struct when t.IsRecord => "record struct",
                TypeKind.Struct => "struct",
                TypeKind.Interface => "interface",
                _ when t.IsRecord => "record",
                _ => "class",
            };
            var name = t.TypeParameters.Length == 0 ? t.Name : $"{t.Name}<{string.Join(", ", t.TypeParameters.Select(TypeParameter))}>";

            // Modifiers that go before 'partial': C# wants 'readonly ref partial struct'.
            var isUnsafe = t.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is TypeDeclarationSyntax d && d.Modifiers.Any(SyntaxKind.UnsafeKeyword));
            var modifiers = (t.IsStatic ? "static " : string.Empty) + (isUnsafe ? "unsafe " : string.Empty) + (t.IsReadOnly ? "readonly " : string.Empty) + (t.IsRefLikeType ? "ref " : string.Empty);
            chain.Insert(0, new ContainingType(keyword, Identifiers.Escape(name), modifiers, t.MetadataName));
        }

        var ns = type.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() : string.Empty;
        return new TypeModel(ns, chain.ToEquatableArray());
    }

    /// <summary>A type parameter as the partial declaration must repeat it: with its variance on interfaces.</summary>
    private static string TypeParameter(ITypeParameterSymbol parameter) => parameter.Variance switch
    {
        VarianceKind.Out => "out " + Identifiers.Escape(parameter.Name),
        VarianceKind.In => "in " + Identifiers.Escape(parameter.Name),
        _ => Identifiers.Escape(parameter.Name),
    };
}
