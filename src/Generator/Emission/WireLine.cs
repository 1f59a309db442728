using System.Globalization;
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
        if (method.SdId is null)
        {
            line.Append('-');
        }
        else
        {
            line.Append('[').Append(method.SdId);
            foreach (var parameter in method.StructuredData)
            {
                line.Append(' ').Append(parameter.Name).Append("=\"…\"");
            }

            line.Append(']');
        }

        return line.Append(' ').Append(method.TemplateText).ToString();
    }
}
