using System.Linq;

namespace GenLog.Generator.Model;

/// <summary>Everything the emitter needs for one method; no Roslyn symbols or syntax.</summary>
/// <param name="Type">The containing types, for grouping and the partial declarations.</param>
/// <param name="Name">The method name, escaped with @ when it is a keyword.</param>
/// <param name="Modifiers">The declaration's modifiers, as written.</param>
/// <param name="Parameters">Every parameter, in declaration order.</param>
/// <param name="WriterExpression">The expression that reaches the SyslogWriter.</param>
/// <param name="SeverityParameter">The SyslogSeverity parameter of a method with a dynamic severity, or null.</param>
/// <param name="Severity">The constant severity code, or null when a parameter gives it.</param>
/// <param name="Facility">The constant facility code, or null for the writer's default.</param>
/// <param name="AppName">[SyslogSource] AppName, or null for the writer's.</param>
/// <param name="MsgId">The MSGID, or null.</param>
/// <param name="SdId">The SD-ID of the method's own element (method, else type), or null; Python records send it as <c>sd_id</c>.</param>
/// <param name="Template">The template's literal runs and placeholders, in order.</param>
/// <param name="StructuredData">The SD-ELEMENTs: the method's own first (whenever an SD-ID is in force, even with no SD-PARAM), then each <c>[SdElement]</c> SD-ID in the order its first parameter is declared.</param>
/// <param name="TemplateText">The template as written, for the XML doc.</param>
/// <param name="HasUserDocumentation">The user wrote an XML doc, so the generated one is left out.</param>
/// <param name="Python">Where a Python record comes from.</param>
internal sealed record MethodModel(
    TypeModel Type,
    string Name,
    string Modifiers,
    EquatableArray<ParameterModel> Parameters,
    string WriterExpression,
    string? SeverityParameter,
    int? Severity,
    int? Facility,
    string? AppName,
    string? MsgId,
    string? SdId,
    EquatableArray<TemplateSegment> Template,
    EquatableArray<StructuredElement> StructuredData,
    string TemplateText,
    bool HasUserDocumentation,
    PythonSource Python)
{
    /// <summary>Whether a placeholder of the template names the parameter at <paramref name="index"/>.</summary>
    public bool NamesInTemplate(int index) => Template.Any(s => s.Parameter == index);
}
