using System.Collections.Generic;
using System.Linq;
using System.Text;
using GenLog.Generator.Diagnostics;
using GenLog.Generator.Model;

namespace GenLog.Generator.Parsing;

/// <summary>
/// What the message sends, once the template and structured data are bound. Decides GENLOG006 (a value
/// never sent), GENLOG012 (constant part over 480 bytes) and GENLOG014 (a value formatted through ToString()).
/// An exception is always sent (SyslogMessageBuilder.AttachException), so it has no rule here; GENLOG013, which
/// said it was not, is retired.
/// </summary>
internal static class SendRules
{
    /// <summary>RFC 5426 §3.2: every UDP receiver must accept 480-byte messages.</summary>
    private const int PortableMessageSize = 480;

    /// <summary>GENLOG006: values the template does not name and SD does not carry.</summary>
    /// <param name="context">The method being parsed.</param>
    /// <param name="segments">The bound template.</param>
    /// <param name="roles">Each parameter's role.</param>
    /// <param name="hasElement">For each parameter, whether an SD-ID is in force for it (the method's, or its <c>[SdElement]</c>'s).</param>
    public static void CheckUnsent(ParseContext context, List<TemplateSegment> segments, ParameterRole[] roles, bool[] hasElement)
    {
        for (var i = 0; i < roles.Length; i++)
        {
            if (segments.Any(s => s.Parameter == i))
            {
                continue;
            }

            if (roles[i] == ParameterRole.Value && !hasElement[i])
            {
                var parameter = context.Method.Parameters[i];
                context.Report(Descriptors.UnusedParameter, context.LocationOf(parameter), parameter.Name);
            }
        }
    }

    /// <summary>GENLOG014: a sent value that only ToString() can format.</summary>
    public static void CheckToString(ParseContext context, List<TemplateSegment> segments, StructuredElement[] structured, ParameterModel[] parameters)
    {
        for (var i = 0; i < parameters.Length; i++)
        {
            if (parameters[i].Kind == ValueKind.ToString && (segments.Any(s => s.Parameter == i) || structured.Any(e => e.Parameters.Any(s => s.Parameter == i))))
            {
                var parameter = context.Method.Parameters[i];
                context.Report(Descriptors.FormattedByToString, context.LocationOf(parameter), parameter.Name, parameter.Type.ToDisplayString());
            }
        }
    }

    /// <summary>GENLOG012: the bytes fixed at compile time (template text, MSGID, each SD-ID with its PARAM-NAMEs and punctuation).</summary>
    public static void CheckConstantSize(ParseContext context, List<TemplateSegment> segments, string? msgId, StructuredElement[] structured, Microsoft.CodeAnalysis.Location? location)
    {
        var size = segments.Where(s => s.Parameter < 0).Sum(s => Encoding.UTF8.GetByteCount(s.Text))
            + (msgId?.Length ?? 0)
            + structured.Sum(e => e.SdId.Length + 2 + e.Parameters.Sum(s => s.Name.Length + 4));
        if (size > PortableMessageSize)
        {
            context.Report(Descriptors.ConstantTooLong, location, size, PortableMessageSize);
        }
    }
}
