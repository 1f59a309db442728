using Microsoft.CodeAnalysis;

namespace GenLog.Generator.Model;

/// <summary>
/// A diagnostic to report: its descriptor, place and message arguments. It keeps a real source
/// <see cref="Microsoft.CodeAnalysis.Location"/> (not a path and span) because only a location in a
/// syntax tree is checked against <c>#pragma warning disable</c> (dotnet/roslyn#68291). A source
/// location compares by tree and span, and a descriptor by value, so this still caches while its file
/// is unchanged; the emission model never holds one.
/// </summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, Location? Location, EquatableArray<string> Arguments);
