using System.Linq;
using GenLog.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GenLog.Generator.Parsing;

/// <summary>
/// The method's shape: whether it is code we can add a body to at all. Decides GENLOG001 (partial,
/// no body, void) and GENLOG002 (generic method, non-partial or file-local containing type).
/// </summary>
internal static class MethodShape
{
    /// <summary>
    /// False for half-typed code (missing names, erroneous types, syntax errors): the compiler already
    /// reports it, and code generated from it would only add errors.
    /// </summary>
    public static bool IsWellFormed(ParseContext context)
    {
        var method = context.Method;
        if (context.Syntax.ContainsDiagnostics || method.Name.Length == 0 || (!method.IsStatic && method.ContainingType.IsStatic))
        {
            return false;
        }

        for (var ns = method.ContainingNamespace; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
        {
            if (ns.Name.Length == 0)
            {
                return false;
            }
        }

        for (var type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            if (type.Name.Length == 0)
            {
                return false;
            }
        }

        return method.Parameters.All(p => p.Name.Length > 0 && !IsErroneous(p.Type));
    }

    /// <summary>Reports GENLOG001 and GENLOG002; false when the method is not inside a type declaration.</summary>
    public static bool Check(ParseContext context)
    {
        var method = context.Method;
        var syntax = context.Syntax;
        var name = method.Name;
        if (!syntax.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            context.Report(Descriptors.NotPartial, context.Identifier, name);
        }
        else if (syntax.Body is not null || syntax.ExpressionBody is not null || method.PartialImplementationPart is not null)
        {
            context.Report(Descriptors.HasBody, context.Identifier, name);
        }
        else if (!method.ReturnsVoid)
        {
            context.Report(Descriptors.NotVoid, SourceLocator.From(syntax.ReturnType), name);
        }

        if (method.IsGenericMethod)
        {
            context.Report(Descriptors.GenericMethod, SourceLocator.From((SyntaxNode?)syntax.TypeParameterList ?? syntax), name);
        }

        for (var parent = syntax.Parent as TypeDeclarationSyntax; parent is not null; parent = parent.Parent as TypeDeclarationSyntax)
        {
            if (!parent.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                context.Report(Descriptors.NonPartialType, SourceLocator.From(parent.Identifier.GetLocation()), parent.Identifier.ValueText, name);
            }
        }

        for (var type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            if (type.IsFileLocal)
            {
                context.Report(Descriptors.FileLocalType, context.Identifier, type.Name, name);
            }
        }

        return syntax.Parent is TypeDeclarationSyntax;
    }

    private static bool IsErroneous(ITypeSymbol type) => type switch
    {
        { TypeKind: TypeKind.Error } => true,
        IArrayTypeSymbol array => IsErroneous(array.ElementType),
        IPointerTypeSymbol pointer => IsErroneous(pointer.PointedAtType),
        INamedTypeSymbol named => named.TypeArguments.Any(IsErroneous),
        _ => false,
    };
}
