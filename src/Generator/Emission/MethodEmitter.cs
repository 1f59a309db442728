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
        code.Open($"{method.Modifiers} void {method.Name}({Signature(method.Parameters)})");

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
        if (method.StructuredData.Count > 0)
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

        // Exceptions last, so their text is what is cut first: the builder moves one the template does not name into SD (RFC 5424),
        // into the method's own element (written first) when it has an SdId, else into an element of its own.
        var intoFirstElement = method.SdId is not null ? "true" : "false";
        for (var i = 0; i < method.Parameters.Count; i++)
        {
            if (method.Parameters[i].Kind == ValueKind.Exception)
            {
                var inTemplate = method.NamesInTemplate(i) ? "true" : "false";
                code.Line($"{message}.AttachException({method.Parameters[i].Name}, inTemplate: {inTemplate}, intoFirstElement: {intoFirstElement});");
            }
        }

        code.Line($"{message}.Send();");
        code.Close();
    }

    /// <summary>
    /// The body of a declaration GenLog reported an error on: nothing, so the build's only errors are GenLog's
    /// own. It never runs unless the error is configured away, and then, like a disabled severity, it logs
    /// nothing and never throws.
    /// </summary>
    public static void EmitEmpty(CodeWriter code, EmptyBody body)
    {
        code.Line(GeneratedCode);
        var constraints = string.Concat(body.Constraints.Select(c => " " + c));
        code.Open($"{body.Modifiers} {body.ReturnType} {body.Name}{body.TypeParameters}({Signature(body.Parameters)}){constraints}");
        foreach (var name in body.OutParameters)
        {
            code.Line($"{name} = default!;");
        }

        if (body.ReturnType != "void")
        {
            code.Line("return default!;");
        }

        code.Close();
    }

    private static string Signature(EquatableArray<ParameterModel> parameters) => string.Join(", ", parameters.Select(p => $"{p.Prefix}{p.Type} {p.Name}"));

    private static void EmitStructuredData(CodeWriter code, LocalNames locals, MethodModel method, ref int marks)
    {
        var message = locals.Message;
        code.Open($"if ({message}.WritesStructuredData)");
        foreach (var element in method.StructuredData)
        {
            // Every ' NAME=""' is reserved up front, so no parameter is dropped when values must be shortened.
            var parametersLength = element.Parameters.Sum(p => Encoding.UTF8.GetByteCount(p.Name) + 4);
            code.Line($"{message}.BeginStructuredData({Literals.Utf8(element.SdId)}, parametersLength: {parametersLength.ToString(CultureInfo.InvariantCulture)});");
            foreach (var parameter in element.Parameters)
            {
                code.Line($"{message}.BeginParameter({Literals.Utf8(parameter.Name)});");
                ValueEmitter.Emit(code, locals, method.Parameters[parameter.Parameter], parameter.Format, null, ref marks);
                code.Line($"{message}.EndParameter();");
            }

            code.Line($"{message}.EndStructuredData();");
        }

        code.Close();
        code.Line();
    }
}
