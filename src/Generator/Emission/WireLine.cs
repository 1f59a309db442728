using System.Globalization;
using System.Linq;
using System.Text;
using GenLog.Generator.Model;

namespace GenLog.Generator.Emission;

/// <summary>The RFC 5424 line a method sends, with its variable fields named: the generated XML doc shows it.</summary>
internal static class WireLine
{
    public static string Of(MethodModel method)
    {
        var line = new StringBuilder();
        line.Append(method.Severity is { } s && method.Facility is { } f ? "<" + (f * 8 + s).ToString(CultureInfo.InvariantCulture) + ">" : "<PRI>");
        line.Append("1 TIMESTAMP HOSTNAME ").Append(method.AppName ?? "APP-NAME").Append(" PROCID ").Append(method.MsgId ?? "-").Append(' ');
        // An exception the template does not name joins the method's own element (the first, when it has an SdId),
        // or gets its own element after the others (SyslogMessageBuilder.AttachException).
        var exception = method.Parameters.Where((p, i) => p.Kind == ValueKind.Exception && !method.NamesInTemplate(i)).Any();
        for (var i = 0; i < method.StructuredData.Count; i++)
        {
            var element = method.StructuredData[i];
            line.Append('[').Append(element.SdId);
            foreach (var parameter in element.Parameters)
            {
                line.Append(' ').Append(parameter.Name).Append("=\"…\"");
            }

            line.Append(exception && i == 0 && method.SdId is not null ? " exception=\"…\"]" : "]");
        }

        if (exception && method.SdId is null)
        {
            line.Append("[exception@32473 exception=\"…\"]");
        }
        else if (method.StructuredData.Count == 0)
        {
            line.Append('-');
        }

        return line.Append(' ').Append(method.TemplateText).ToString();
    }
}
