using System.Collections.Generic;
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

        foreach (var parent in NonPartialParents(syntax))
        {
            context.Report(Descriptors.NonPartialType, SourceLocator.From(parent.Identifier.GetLocation()), parent.Identifier.ValueText, name);
        }

        foreach (var type in FileLocalTypes(method))
        {
            context.Report(Descriptors.FileLocalType, context.Identifier, type.Name, name);
        }

        return syntax.Parent is TypeDeclarationSyntax;
    }

    /// <summary>
    /// Whether C# accepts a generated implementation of the declaration, whatever GenLog thinks of it: it is
    /// partial, has no body or implementation yet, returns void or a value (not by ref) with the access modifier that needs, sits in
    /// partial types that are not file-local, and is well formed. Reports nothing: <see cref="Check"/> does.
    /// </summary>
    public static bool CanImplement(ParseContext context)
    {
        var method = context.Method;
        var syntax = context.Syntax;
        if (!syntax.Modifiers.Any(SyntaxKind.PartialKeyword) || syntax.Body is not null || syntax.ExpressionBody is not null
            || method.PartialImplementationPart is not null || method.ReturnsByRef || method.ReturnsByRefReadonly
            || IsErroneous(method.ReturnType) || syntax.Parent is not TypeDeclarationSyntax || !IsWellFormed(context)
            || !IsGloballyNamed(context.Compilation, method.ReturnType) || method.Parameters.Any(p => !IsGloballyNamed(context.Compilation, p.Type)))
        {
            return false;
        }

        // Without an access modifier, a partial method that returns a value or has an out parameter is already CS8796/CS8795's
        // error, and an implementation repeats it.
        var hasAccessibility = syntax.Modifiers.Any(m => m.IsKind(SyntaxKind.PublicKeyword) || m.IsKind(SyntaxKind.PrivateKeyword) || m.IsKind(SyntaxKind.ProtectedKeyword) || m.IsKind(SyntaxKind.InternalKeyword));
        if (!hasAccessibility && (!method.ReturnsVoid || method.Parameters.Any(p => p.RefKind == RefKind.Out)))
        {
            return false;
        }

        return !NonPartialParents(syntax).Any() && !FileLocalTypes(method).Any();
    }

    /// <summary>The containing type declarations without 'partial', innermost first (GENLOG002).</summary>
    private static IEnumerable<TypeDeclarationSyntax> NonPartialParents(MethodDeclarationSyntax syntax)
    {
        for (var parent = syntax.Parent as TypeDeclarationSyntax; parent is not null; parent = parent.Parent as TypeDeclarationSyntax)
        {
            if (!parent.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                yield return parent;
            }
        }
    }

    /// <summary>The containing types that are file-local, innermost first (GENLOG002).</summary>
    private static IEnumerable<INamedTypeSymbol> FileLocalTypes(IMethodSymbol method)
    {
        for (var type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            if (type.IsFileLocal)
            {
                yield return type;
            }
        }
    }

    /// <summary>Whether <c>global::</c> reaches the type: not so for one of a reference under an extern alias only.</summary>
    private static bool IsGloballyNamed(Compilation compilation, ITypeSymbol type) => type switch
    {
        IArrayTypeSymbol array => IsGloballyNamed(compilation, array.ElementType),
        IPointerTypeSymbol pointer => IsGloballyNamed(compilation, pointer.PointedAtType),
        INamedTypeSymbol named => compilation.GetMetadataReference(named.ContainingAssembly) is not { Properties.Aliases: { IsDefaultOrEmpty: false } aliases } || aliases.Contains("global")
            ? named.TypeArguments.All(t => IsGloballyNamed(compilation, t))
            : false,
        _ => true,
    };

    private static bool IsErroneous(ITypeSymbol type) => type switch
    {
        { TypeKind: TypeKind.Error } => true,
        IArrayTypeSymbol array => IsErroneous(array.ElementType),
        IPointerTypeSymbol pointer => IsErroneous(pointer.PointedAtType),
        INamedTypeSymbol named => named.TypeArguments.Any(IsErroneous),
        _ => false,
    };
}
