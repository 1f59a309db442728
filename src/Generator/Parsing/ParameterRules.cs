using System.Linq;
using GenLog.Generator.Diagnostics;
using Microsoft.CodeAnalysis;

namespace GenLog.Generator.Parsing;

/// <summary>
/// What each parameter is for, and whether the generated code can take it. Decides GENLOG015 (ref, out,
/// params), GENLOG016 (severity given twice or not at all) and GENLOG021 (types with no text).
/// </summary>
internal static class ParameterRules
{
    /// <summary>Each parameter's role, by its type compared as a symbol.</summary>
    public static ParameterRole[] Roles(ParseContext context) =>
        context.Method.Parameters.Select(p =>
            context.Known.IsWriter(p.Type) ? ParameterRole.Writer
            : context.Known.IsSeverity(p.Type) ? ParameterRole.Severity
            : context.Known.IsException(p.Type) ? ParameterRole.Exception
            : ParameterRole.Value).ToArray();

    /// <summary>GENLOG015: values are taken by value or <c>in</c>.</summary>
    public static void CheckPassing(ParseContext context)
    {
        foreach (var parameter in context.Method.Parameters)
        {
            var kind = parameter.IsParams ? "params" : parameter.RefKind switch
            {
                RefKind.Ref => "ref",
                RefKind.Out => "out",
                _ => null,
            };
            if (kind is not null)
            {
                context.Report(Descriptors.RefParameter, context.LocationOf(parameter), parameter.Name, kind);
            }
        }
    }

    /// <summary>GENLOG021: types the generated code cannot hand to a formatter (ref structs but char spans, pointers, dynamic).</summary>
    public static void CheckLoggable(ParseContext context, ParameterRole[] roles)
    {
        for (var i = 0; i < roles.Length; i++)
        {
            var parameter = context.Method.Parameters[i];
            var type = parameter.Type;
            var descriptor = type.TypeKind switch
            {
                TypeKind.Pointer or TypeKind.FunctionPointer => Descriptors.PointerParameter,
                TypeKind.Dynamic => Descriptors.DynamicParameter,
                _ when type.IsRefLikeType && !ValueKinds.IsCharSpan(type, context.Known) => Descriptors.RefStructParameter,
                _ => null,
            };
            if (roles[i] == ParameterRole.Value && descriptor is not null)
            {
                context.Report(descriptor, context.LocationOf(parameter), parameter.Name, type.ToDisplayString());
            }
        }
    }

    /// <summary>GENLOG016: the severity comes from the attribute or one parameter. Returns that parameter, or null.</summary>
    public static IParameterSymbol? SeverityParameter(ParseContext context, ParameterRole[] roles, bool onAttribute)
    {
        var parameters = context.Method.Parameters.Where((_, i) => roles[i] == ParameterRole.Severity).ToArray();
        if (onAttribute && parameters.Length > 0)
        {
            context.Report(Descriptors.SeverityTwice, context.LocationOf(parameters[0]), parameters[0].Name);
        }
        else if (!onAttribute && parameters.Length == 0)
        {
            context.Report(Descriptors.NoSeverity, AttributeReader.LocationOf(context.Attribute, context), context.Method.Name);
        }
        else if (parameters.Length > 1)
        {
            context.Report(Descriptors.SeveralSeverityParameters, context.LocationOf(parameters[1]), context.Method.Name);
        }

        return parameters.Length == 1 && !onAttribute ? parameters[0] : null;
    }
}
