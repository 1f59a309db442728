using System.Collections.Generic;
using System.Linq;
using GenLog.Generator.Diagnostics;
using GenLog.Generator.Model;

namespace GenLog.Generator.Parsing;

/// <summary>
/// The SD-PARAMs of the method's SD-ELEMENT when an SD-ID is in force: every bound parameter, under its
/// placeholder's name. Decides GENLOG011 (a PARAM-NAME that is not a valid SD-NAME, RFC 5424 §6.3.3).
/// </summary>
internal static class StructuredDataBinder
{
    public static StructuredParameter[] Bind(ParseContext context, List<TemplateSegment> segments, ParameterRole[] roles)
    {
        var result = new List<StructuredParameter>();
        for (var i = 0; i < roles.Length; i++)
        {
            var placeholder = segments.FirstOrDefault(s => s.Parameter == i);

            // Everything bound goes to SD; the writer never, the severity and an exception only when the template names them.
            if (roles[i] == ParameterRole.Writer || (roles[i] is ParameterRole.Severity or ParameterRole.Exception && placeholder is null))
            {
                continue;
            }

            var parameter = context.Method.Parameters[i];
            var name = placeholder?.Text ?? parameter.Name;
            if (!SyslogLimits.IsSdName(name))
            {
                context.Report(Descriptors.BadParamName, context.LocationOf(parameter), name, SyslogLimits.MaxSdName);
                continue;
            }

            result.Add(new StructuredParameter(name, i, placeholder?.Format));
        }

        return result.ToArray();
    }
}
