using System;
using System.Collections.Generic;
using System.Linq;
using GenLog.Generator.Diagnostics;
using GenLog.Generator.Model;
using Microsoft.CodeAnalysis;

namespace GenLog.Generator.Parsing;

/// <summary>
/// The SD-ELEMENTs a method writes: every bound parameter, under its placeholder's name, in the method's
/// element when an SD-ID is in force; a parameter with <c>[SdElement("id@n")]</c> in that element instead,
/// whether the template names it or not. Decides GENLOG010 for an <c>[SdElement]</c> SD-ID (the same check
/// as <c>SdId</c>), GENLOG011 (a PARAM-NAME that is not a valid SD-NAME, RFC 5424 §6.3.3), GENLOG023 (two
/// SD-PARAMs of one element named alike) and GENLOG024 (<c>[SdElement]</c> on a writer, severity or exception).
/// </summary>
internal static class StructuredDataBinder
{
    /// <summary>The elements, the method's own first, and for each parameter whether an SD-ID is in force for it (so it is sent even when the template does not name it).</summary>
    internal sealed record Result(StructuredElement[] Elements, bool[] HasElement);

    public static Result Bind(ParseContext context, List<TemplateSegment> segments, ParameterRole[] roles, string? methodSdId)
    {
        var elements = new List<(string SdId, List<StructuredParameter> Parameters)>();
        if (methodSdId is not null)
        {
            elements.Add((methodSdId, new()));
        }

        var hasElement = new bool[roles.Length];
        for (var i = 0; i < roles.Length; i++)
        {
            var parameter = context.Method.Parameters[i];
            var placeholder = segments.FirstOrDefault(s => s.Parameter == i);
            var sdId = ElementOf(context, parameter, roles[i], out var grouped);
            hasElement[i] = grouped || methodSdId is not null;
            sdId ??= grouped ? null : methodSdId;

            // Everything bound goes to SD; the writer never, the severity and an exception only when the template names them.
            if (sdId is null || roles[i] == ParameterRole.Writer || (roles[i] is ParameterRole.Severity or ParameterRole.Exception && placeholder is null))
            {
                continue;
            }

            var name = placeholder?.Text ?? parameter.Name;
            if (!SyslogLimits.IsSdName(name))
            {
                context.Report(Descriptors.BadParamName, context.LocationOf(parameter), name, SyslogLimits.MaxSdName);
                continue;
            }

            var element = elements.FindIndex(e => e.SdId == sdId);
            if (element < 0)
            {
                elements.Add((sdId, new()));
                element = elements.Count - 1;
            }

            var same = elements[element].Parameters.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
            if (same is not null)
            {
                context.Report(Descriptors.DuplicateParamName, context.LocationOf(parameter), context.Method.Parameters[same.Parameter].Name, parameter.Name, name, sdId);
            }

            elements[element].Parameters.Add(new StructuredParameter(name, i, placeholder?.Format));
        }

        var result = elements.Select(e => new StructuredElement(e.SdId, e.Parameters.ToEquatableArray())).ToArray();
        return new Result(result, hasElement);
    }

    /// <summary>
    /// The SD-ID of the parameter's <c>[SdElement]</c>, or null without one (<paramref name="grouped"/> false) or
    /// after an error (<paramref name="grouped"/> true, so the parameter does not fall back to the method's element).
    /// </summary>
    private static string? ElementOf(ParseContext context, IParameterSymbol parameter, ParameterRole role, out bool grouped)
    {
        var attribute = parameter.GetAttributes().FirstOrDefault(a => KnownSymbols.Is(a.AttributeClass, context.Known.SdElementAttribute));
        grouped = attribute is not null;
        if (attribute is null)
        {
            return null;
        }

        if (role != ParameterRole.Value)
        {
            var what = role switch
            {
                ParameterRole.Writer => "SyslogWriter",
                ParameterRole.Severity => "severity",
                _ => "exception",
            };
            context.Report(Descriptors.SdElementOnNonValue, AttributeReader.LocationOf(attribute, context), parameter.Name, what);
            return null;
        }

        var arguments = AttributeReader.ConstructorArguments(attribute, context);
        if (arguments is null || !arguments.TryGetValue("sdId", out var argument))
        {
            return null;
        }

        var sdId = argument.Value.Value as string ?? string.Empty;
        if (MessageHeader.SdIdProblem(sdId) is { } problem)
        {
            context.Report(problem, SourceLocator.From(argument.Syntax) ?? AttributeReader.LocationOf(attribute, context), sdId, SyslogLimits.MaxSdName);
            return null;
        }

        return sdId;
    }
}
