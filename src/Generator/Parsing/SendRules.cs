using System.Collections.Generic;
using System.Linq;
using System.Text;
using GenLog.Generator.Diagnostics;
using GenLog.Generator.Model;

namespace GenLog.Generator.Parsing;

/// <summary>
/// What the message sends, once the template and structured data are bound. Decides GENLOG006 (a value
/// never sent), GENLOG012 (constant part over 480 bytes), GENLOG013 (an exception not sent) and
/// GENLOG014 (a value formatted through ToString()).
/// </summary>
internal static class SendRules
{
    /// <summary>RFC 5426 §3.2: every UDP receiver must accept 480-byte messages.</summary>
    private const int PortableMessageSize = 480;

    /// <summary>GENLOG006 and GENLOG013: parameters the template does not name and SD does not carry.</summary>
    public static void CheckUnsent(ParseContext context, List<TemplateSegment> segments, ParameterRole[] roles, bool hasSdId)
    {
        for (var i = 0; i < roles.Length; i++)
        {
            if (segments.Any(s => s.Parameter == i))
            {
                continue;
            }

            var parameter = context.Method.Parameters[i];
            if (roles[i] == ParameterRole.Exception)
            {
                context.Report(Descriptors.ExceptionNotSent, context.LocationOf(parameter), parameter.Name);
            }
            else if (roles[i] == ParameterRole.Value && !hasSdId)
            {
                context.Report(Descriptors.UnusedParameter, context.LocationOf(parameter), parameter.Name);
            }
        }
    }

    /// <summary>GENLOG014: a sent value that only ToString() can format.</summary>
    public static void CheckToString(ParseContext context, List<TemplateSegment> segments, StructuredParameter[] structured, ParameterModel[] parameters)
    {
        for (var i = 0; i < parameters.Length; i++)
        {
            if (parameters[i].Kind == ValueKind.ToString && (segments.Any(s => s.Parameter == i) || structured.Any(s => s.Parameter == i)))
            {
                var parameter = context.Method.Parameters[i];
                context.Report(Descriptors.FormattedByToString, context.LocationOf(parameter), parameter.Name, parameter.Type.ToDisplayString());
            }
        }
    }

    /// <summary>GENLOG012: the bytes fixed at compile time (template text, MSGID, SD-ID with its PARAM-NAMEs and punctuation).</summary>
    public static void CheckConstantSize(ParseContext context, List<TemplateSegment> segments, string? msgId, string? sdId, StructuredParameter[] structured, Microsoft.CodeAnalysis.Location? location)
    {
        var size = segments.Where(s => s.Parameter < 0).Sum(s => Encoding.UTF8.GetByteCount(s.Text))
            + (msgId?.Length ?? 0)
            + (sdId is null ? 0 : sdId.Length + 2 + structured.Sum(s => s.Name.Length + 4));
        if (size > PortableMessageSize)
        {
            context.Report(Descriptors.ConstantTooLong, location, size, PortableMessageSize);
        }
    }
}
