using System.Linq;
using GenLog.Generator.Model;
using Microsoft.CodeAnalysis;

namespace GenLog.Generator.Parsing;

/// <summary>How a .NET type is formatted (<see cref="ValueKind"/>) and how it goes into a Python record (<see cref="PythonKind"/>).</summary>
internal static class ValueKinds
{
    public static ValueKind Of(ITypeSymbol type, KnownSymbols known)
    {
        switch (type.SpecialType)
        {
            case SpecialType.System_String:
                return ValueKind.String;
            case SpecialType.System_Boolean:
                return ValueKind.Boolean;
            case SpecialType.System_Char:
                // Not char's own TryFormat: a lone surrogate must become U+FFFD, not a formatting error.
                return ValueKind.Char;
        }

        if (IsCharSpan(type, known))
        {
            return ValueKind.Chars;
        }

        if (type.TypeKind == TypeKind.Enum)
        {
            return ValueKind.Enum;
        }

        var interfaces = type is ITypeParameterSymbol typeParameter
            ? typeParameter.ConstraintTypes.SelectMany(c => c.TypeKind == TypeKind.Interface ? c.AllInterfaces.Add((INamedTypeSymbol)c) : c.AllInterfaces)
            : type.AllInterfaces;
        var all = interfaces.ToArray();
        return all.Any(i => KnownSymbols.Is(i, known.Utf8SpanFormattable)) ? ValueKind.Utf8Formattable
            : all.Any(i => KnownSymbols.Is(i, known.SpanFormattable)) ? ValueKind.SpanFormattable
            : ValueKind.ToString;
    }

    /// <summary><c>ReadOnlySpan&lt;char&gt;</c> or <c>Span&lt;char&gt;</c>.</summary>
    public static bool IsCharSpan(ITypeSymbol type, KnownSymbols known) =>
        type is INamedTypeSymbol { IsGenericType: true } span
        && (KnownSymbols.Is(span.OriginalDefinition, known.ReadOnlySpan) || KnownSymbols.Is(span.OriginalDefinition, known.Span))
        && span.TypeArguments[0].SpecialType == SpecialType.System_Char;

    /// <summary>Python's native value for a .NET type: int, float, bool, or str for everything else.</summary>
    public static PythonKind PythonOf(ITypeSymbol type, KnownSymbols known)
    {
        switch (type.SpecialType)
        {
            case SpecialType.System_SByte or SpecialType.System_Byte or SpecialType.System_Int16 or SpecialType.System_UInt16
                or SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_IntPtr:
                return PythonKind.Integer;
            case SpecialType.System_UInt64 or SpecialType.System_UIntPtr:
                return PythonKind.UnsignedInteger;
            case SpecialType.System_Single or SpecialType.System_Double:
                return PythonKind.Float;
            case SpecialType.System_Boolean:
                return PythonKind.Boolean;
        }

        return KnownSymbols.Is(type, known.Int128) ? PythonKind.Int128
            : KnownSymbols.Is(type, known.UInt128) ? PythonKind.UInt128
            : KnownSymbols.Is(type, known.BigInteger) ? PythonKind.BigInteger
            : KnownSymbols.Is(type, known.Half) ? PythonKind.Float
            : PythonKind.Str;
    }
}
