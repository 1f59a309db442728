using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using GenLog.Generator.Emission;
using GenLog.Generator.Model;
using GenLog.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GenLog.Generator;

/// <summary>
/// Writes the bodies of <c>[SyslogMessage]</c> methods. Pipeline: parse each method into an
/// equatable model (no symbols or syntax past the first step), group by containing type, emit.
/// Diagnostics flow through their own output, de-duplicated, with their source locations so that
/// <c>#pragma warning disable</c> applies to them.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class SyslogGenerator : IIncrementalGenerator
{
    /// <summary>Step names, for incrementality tests.</summary>
    public static class TrackingNames
    {
        /// <summary>Each method parsed into a model and its diagnostics.</summary>
        public const string Parse = nameof(Parse);

        /// <summary>The methods to emit, grouped by containing type.</summary>
        public const string Types = nameof(Types);

        /// <summary>All diagnostics, de-duplicated.</summary>
        public const string Diagnostics = nameof(Diagnostics);
    }

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownSymbols.MessageAttributeName,
                static (node, _) => node is MethodDeclarationSyntax,
                static (syntaxContext, cancellation) => MethodParser.Parse(syntaxContext, cancellation))
            .WithTrackingName(TrackingNames.Parse);

        // What is emitted, without the diagnostics: a warning that moves does not re-emit its file.
        var types = parsed
            .Where(static result => result.Method is not null || result.EmptyBody is not null)
            .Select(static (result, _) => result with { Diagnostics = default })
            .Collect()
            .SelectMany(static (methods, _) => Group(methods))
            .WithTrackingName(TrackingNames.Types);
        context.RegisterSourceOutput(types, static (output, group) => output.AddSource(group.HintName, Emitter.Emit(group)));

        var diagnostics = parsed
            .SelectMany(static (result, _) => result.Diagnostics)
            .Collect()
            .Select(static (all, _) => all.Distinct().ToEquatableArray())
            .WithTrackingName(TrackingNames.Diagnostics);
        context.RegisterSourceOutput(diagnostics, static (output, all) => Report(output, all));
    }

    private static IEnumerable<TypeGroup> Group(ImmutableArray<ParseResult> results)
    {
        var methods = results.Where(r => r.Method is not null).Select(r => r.Method!).ToLookup(m => m.Type);
        var emptyBodies = results.Where(r => r.EmptyBody is not null).Select(r => r.EmptyBody!).ToLookup(b => b.Type);
        var groups = methods.Select(g => g.Key).Concat(emptyBodies.Select(g => g.Key)).Distinct()
            .Select(type => (
                Type: type,
                Methods: Sorted(methods[type], m => m.Name, m => m.Parameters),
                EmptyBodies: Sorted(emptyBodies[type], b => b.Name, b => b.Parameters),
                Name: HintName(type)))
            .OrderBy(g => g.Name, System.StringComparer.Ordinal)
            .ThenBy(g => string.Join(".", g.Type.Types.Select(t => t.Name)), System.StringComparer.Ordinal);

        // Hint names must be unique ignoring case (Log and LOG, or C`1 and C_1): number the repeats.
        var used = new HashSet<string>(System.StringComparer.OrdinalIgnoreCase);
        foreach (var (type, members, bodies, name) in groups)
        {
            var unique = name;
            for (var n = 2; !used.Add(unique); n++)
            {
                unique = name.Substring(0, name.Length - ".g.cs".Length) + "." + n.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".g.cs";
            }

            yield return new TypeGroup(type, members, bodies, unique);
        }
    }

    /// <summary>A type's members by name, then signature: the same file whatever order the compilation listed them in.</summary>
    private static EquatableArray<T> Sorted<T>(IEnumerable<T> members, Func<T, string> name, Func<T, EquatableArray<ParameterModel>> parameters)
        where T : IEquatable<T> =>
        members.OrderBy(name, System.StringComparer.Ordinal).ThenBy(m => string.Join(",", parameters(m).Select(p => p.Type)), System.StringComparer.Ordinal).ToEquatableArray();

    private static string HintName(TypeModel type)
    {
        var name = string.Join(".", type.Types.Select(t => t.MetadataName.Replace('`', '_')));
        return (type.Namespace.Length > 0 ? type.Namespace + "." + name : name) + ".g.cs";
    }

    private static void Report(SourceProductionContext output, EquatableArray<DiagnosticInfo> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            output.ReportDiagnostic(Diagnostic.Create(diagnostic.Descriptor, diagnostic.Location ?? Location.None, diagnostic.Arguments.Select(a => (object)a).ToArray()));
        }
    }
}
