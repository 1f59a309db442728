using System;
using System.Collections.Generic;
using System.Text;
using GenLog.Generator.Model;
using Microsoft.CodeAnalysis;

namespace GenLog.Generator.Parsing;

/// <summary>Turns a parameter into the <see cref="ParameterModel"/> the emitter repeats and formats.</summary>
internal static class ParameterModeler
{
    private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>LogRecord attributes (and GenLog's own keys): a parameter of that name is sent as param_NAME so it cannot overwrite them.</summary>
    private static readonly HashSet<string> ReservedRecordKeys = new(StringComparer.Ordinal)
    {
        "name", "msg", "args", "levelname", "levelno", "pathname", "filename", "module", "exc_info", "exc_text",
        "stack_info", "lineno", "funcName", "created", "msecs", "relativeCreated", "thread", "threadName",
        "processName", "process", "taskName", "message", "asctime", "syslog_severity", "syslog_facility", "msgid", "sd_id",
    };

    /// <param name="context">The method being parsed.</param>
    /// <param name="parameter">The parameter.</param>
    /// <param name="role">What it is for.</param>
    public static ParameterModel Model(ParseContext context, IParameterSymbol parameter, ParameterRole role)
    {
        var type = parameter.Type;
        var nullableValue = false;
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            type = nullable.TypeArguments[0];
            nullableValue = true;
        }

        var kind = role switch
        {
            ParameterRole.Writer => ValueKind.None,
            ParameterRole.Exception => ValueKind.Exception,
            ParameterRole.Severity => ValueKind.Enum,
            _ => ValueKinds.Of(type, context.Known),
        };
        var python = role switch
        {
            ParameterRole.Writer => PythonKind.None,
            // Its exc_text is written after 'msg' (SyslogMessageBuilder.AttachException), so it is what is cut first.
            ParameterRole.Exception => PythonKind.None,
            ParameterRole.Severity => PythonKind.Str,
            _ => ValueKinds.PythonOf(type, context.Known),
        };
        var key = ReservedRecordKeys.Contains(parameter.Name) ? "param_" + parameter.Name : parameter.Name;
        return new ParameterModel(Identifiers.Escape(parameter.Name), Prefix(context.Method, parameter), TypeName(parameter.Type), kind, nullableValue, python, key, parameter.Type.IsReferenceType);
    }

    /// <summary>A type as generated code writes it: fully qualified, nullable annotations included.</summary>
    public static string TypeName(ITypeSymbol type) => type.ToDisplayString(TypeFormat);

    /// <summary>The modifiers the generated signature repeats before the type (ref, out and params only in an empty body: they are errors otherwise).</summary>
    private static string Prefix(IMethodSymbol method, IParameterSymbol parameter)
    {
        var prefix = new StringBuilder();
        // A params span is scoped implicitly, and C# rejects the keyword beside 'params'.
        if (parameter.ScopedKind != ScopedKind.None && !parameter.IsParams)
        {
            prefix.Append("scoped ");
        }

        if (method.IsExtensionMethod && parameter.Ordinal == 0)
        {
            prefix.Append("this ");
        }

        if (parameter.IsParams)
        {
            prefix.Append("params ");
        }

        prefix.Append(parameter.RefKind switch
        {
            RefKind.Ref => "ref ",
            RefKind.Out => "out ",
            RefKind.In => "in ",
            RefKind.RefReadOnlyParameter => "ref readonly ",
            _ => string.Empty,
        });
        return prefix.ToString();
    }
}
