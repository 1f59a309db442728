using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace GenLog.Generator.Parsing;

/// <summary>
/// The types the parser recognises, looked up once per compilation and compared as symbols
/// (<see cref="SymbolEqualityComparer"/>), never by display string: a type of the same name in another
/// namespace or assembly is not GenLog's.
/// </summary>
internal sealed class KnownSymbols
{
    /// <summary>[SyslogMessage]'s metadata name, which the pipeline finds methods by.</summary>
    public const string MessageAttributeName = "GenLog.SyslogMessageAttribute";

    /// <summary>The runtime assembly's name: the package's types come from it alone.</summary>
    private const string RuntimeAssembly = "GenLog";

    private static readonly ConditionalWeakTable<Compilation, KnownSymbols> Cache = new();

    private KnownSymbols(Compilation compilation)
    {
        // Several assemblies may define GenLog.SyslogWriter; the package's is the one in the GenLog assembly
        // (or the only one, for a runtime compiled from source under another name).
        var writers = compilation.GetTypesByMetadataName("GenLog.SyslogWriter");
        var runtime = (writers.FirstOrDefault(t => t.ContainingAssembly.Name == RuntimeAssembly) ?? (writers.Length == 1 ? writers[0] : null))?.ContainingAssembly;
        SyslogWriter = runtime?.GetTypeByMetadataName("GenLog.SyslogWriter");
        SyslogSeverity = runtime?.GetTypeByMetadataName("GenLog.SyslogSeverity");
        MessageAttribute = runtime?.GetTypeByMetadataName(MessageAttributeName);
        SourceAttribute = runtime?.GetTypeByMetadataName("GenLog.SyslogSourceAttribute");
        SdElementAttribute = runtime?.GetTypeByMetadataName("GenLog.SdElementAttribute");
        Exception = compilation.GetTypeByMetadataName("System.Exception");
        Utf8SpanFormattable = compilation.GetTypeByMetadataName("System.IUtf8SpanFormattable");
        SpanFormattable = compilation.GetTypeByMetadataName("System.ISpanFormattable");
        ReadOnlySpan = compilation.GetTypeByMetadataName("System.ReadOnlySpan`1");
        Span = compilation.GetTypeByMetadataName("System.Span`1");
        Int128 = compilation.GetTypeByMetadataName("System.Int128");
        UInt128 = compilation.GetTypeByMetadataName("System.UInt128");
        BigInteger = compilation.GetTypeByMetadataName("System.Numerics.BigInteger");
        Half = compilation.GetTypeByMetadataName("System.Half");
    }

    public INamedTypeSymbol? SyslogWriter { get; }

    public INamedTypeSymbol? SyslogSeverity { get; }

    public INamedTypeSymbol? MessageAttribute { get; }

    public INamedTypeSymbol? SourceAttribute { get; }

    public INamedTypeSymbol? SdElementAttribute { get; }

    public INamedTypeSymbol? Exception { get; }

    public INamedTypeSymbol? Utf8SpanFormattable { get; }

    public INamedTypeSymbol? SpanFormattable { get; }

    public INamedTypeSymbol? ReadOnlySpan { get; }

    public INamedTypeSymbol? Span { get; }

    public INamedTypeSymbol? Int128 { get; }

    public INamedTypeSymbol? UInt128 { get; }

    public INamedTypeSymbol? BigInteger { get; }

    public INamedTypeSymbol? Half { get; }

    /// <summary>The symbols of this compilation, looked up on first use.</summary>
    public static KnownSymbols For(Compilation compilation) => Cache.GetValue(compilation, static c => new KnownSymbols(c));

    public static bool Is(ITypeSymbol? type, INamedTypeSymbol? known) =>
        known is not null && SymbolEqualityComparer.Default.Equals(type, known);

    public bool IsWriter(ITypeSymbol? type) => Is(type, SyslogWriter);

    public bool IsSeverity(ITypeSymbol? type) => Is(type, SyslogSeverity);

    public bool IsException(ITypeSymbol type)
    {
        for (var t = type as INamedTypeSymbol; t is not null; t = t.BaseType)
        {
            if (Is(t, Exception))
            {
                return true;
            }
        }

        return false;
    }
}
