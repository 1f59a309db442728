using System.Globalization;
using System.Linq;
using System.Text;
using GenLog.Generator.Model;

namespace GenLog.Generator.Emission;

/// <summary>
/// Writes one method's body: the severity test first (a disabled call costs a compare and nothing
/// else), then the message from precomputed UTF-8 constants with each value formatted in place.
/// </summary>
internal static class MethodEmitter
{
    private static readonly string[] SeverityNames = { "Emergency", "Alert", "Critical", "Error", "Warning", "Notice", "Informational", "Debug" };

    private static readonly string[] FacilityNames =
    {
        "Kern", "User", "Mail", "Daemon", "Auth", "Syslog", "Lpr", "News", "Uucp", "Cron", "AuthPriv", "Ftp",
        "Ntp", "Security", "Console", "SolarisCron", "Local0", "Local1", "Local2", "Local3", "Local4", "Local5", "Local6", "Local7",
    };

    private static readonly string GeneratedCode =
        $"[global::System.CodeDom.Compiler.GeneratedCode(\"GenLog\", \"{typeof(MethodEmitter).Assembly.GetName().Version!.ToString(3)}\")]";

    public static void Emit(CodeWriter code, MethodModel method)
    {
        if (!method.HasUserDocumentation)
        {
            code.Line($"/// <summary>Logs <c>{Literals.Xml(WireLine.Of(method))}</c></summary>");
        }

        code.Line(GeneratedCode);
        var parameters = string.Join(", ", method.Parameters.Select(p => $"{p.Prefix}{p.Type} {p.Name}"));
        code.Open($"{method.Modifiers} void {method.Name}({parameters})");

        var locals = LocalNames.For(method);
        var message = locals.Message;
        var writer = method.WriterExpression;
        if (writer.Contains("."))
        {
            // A member is read once, so the null test and the send see the same writer.
            code.Line($"var {locals.Writer} = {writer};");
            writer = locals.Writer;
        }

        var severity = method.SeverityParameter ?? "global::GenLog.SyslogSeverity." + SeverityNames[method.Severity!.Value];
        code.Open($"if ({writer} is null || !{writer}.IsEnabled({severity}))");
        code.Line("return;");
        code.Close();
        code.Line();

        var appName = Literals.Utf8OrDefault(method.AppName);
        var msgId = Literals.Utf8OrDefault(method.MsgId);
        if (method.Severity is { } constantSeverity && method.Facility is { } constantFacility)
        {
            // The PRI is fixed at compile time (RFC 5424 §6.2.1: facility * 8 + severity).
            var pri = (constantFacility * 8 + constantSeverity).ToString(CultureInfo.InvariantCulture);
            code.Line($"var {message} = new global::GenLog.SyslogMessageBuilder({writer}, priority: {pri}, appName: {appName}, msgId: {msgId});");
        }
        else
        {
            var facility = method.Facility is { } f ? "global::GenLog.SyslogFacility." + FacilityNames[f] : "null";
            code.Line($"var {message} = new global::GenLog.SyslogMessageBuilder({writer}, facility: {facility}, severity: {severity}, appName: {appName}, msgId: {msgId});");
        }

        var marks = 0;
        if (method.SdId is not null)
        {
            EmitStructuredData(code, locals, method, ref marks);
        }

        PythonRecordEmitter.Emit(code, locals, method);
        code.Line($"{message}.BeginText();");
        foreach (var segment in method.Template)
        {
            if (segment.Parameter < 0)
            {
                code.Line($"{message}.AppendLiteral({Literals.Utf8(segment.Text)});");
            }
            else
            {
                ValueEmitter.Emit(code, locals, method.Parameters[segment.Parameter], segment.Format, segment.Alignment, ref marks);
            }
        }

        code.Line($"{message}.Send();");
        code.Close();
    }

    private static void EmitStructuredData(CodeWriter code, LocalNames locals, MethodModel method, ref int marks)
    {
        var message = locals.Message;
        code.Open($"if ({message}.WritesStructuredData)");

        // Every ' NAME=""' is reserved up front, so no parameter is dropped when values must be shortened.
        var parametersLength = method.StructuredData.Sum(p => Encoding.UTF8.GetByteCount(p.Name) + 4);
        code.Line($"{message}.BeginStructuredData({Literals.Utf8(method.SdId!)}, parametersLength: {parametersLength.ToString(CultureInfo.InvariantCulture)});");
        foreach (var parameter in method.StructuredData)
        {
            code.Line($"{message}.BeginParameter({Literals.Utf8(parameter.Name)});");
            ValueEmitter.Emit(code, locals, method.Parameters[parameter.Parameter], parameter.Format, null, ref marks);
            code.Line($"{message}.EndParameter();");
        }

        code.Line($"{message}.EndStructuredData();");
        code.Close();
        code.Line();
    }
}
