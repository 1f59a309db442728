using Microsoft.CodeAnalysis;

namespace GenLog.Generator.Diagnostics;

/// <summary>Every diagnostic GenLog reports (DESIGN §4). An ID, once shipped, is never reused.</summary>
internal static class Descriptors
{
    private const string Category = "GenLog";
    private const string HelpBase = "https://github.com/genlog/genlog/blob/main/docs/diagnostics.md#";

    public static readonly DiagnosticDescriptor NotPartialVoid = Error(
        "GENLOG001",
        "Logging method must be a partial void method without a body",
        "Method '{0}' {1}; a [SyslogMessage] method must be 'partial', have no body and return 'void'");

    public static readonly DiagnosticDescriptor GenericOrNonPartialType = Error(
        "GENLOG002",
        "Logging method cannot be generic or live in a non-partial type",
        "{0}");

    public static readonly DiagnosticDescriptor NoWriter = Error(
        "GENLOG003",
        "No SyslogWriter reachable",
        "Method '{0}' has no SyslogWriter: add a 'GenLog.SyslogWriter' parameter, or make it an instance method of a type with one SyslogWriter field, property or primary-constructor parameter");

    public static readonly DiagnosticDescriptor SeveralWriters = Error(
        "GENLOG004",
        "More than one SyslogWriter candidate",
        "Method '{0}' can reach more than one SyslogWriter ({1}); keep exactly one");

    public static readonly DiagnosticDescriptor UnknownPlaceholder = Error(
        "GENLOG005",
        "Placeholder has no parameter",
        "Placeholder '{{{0}}}' has no parameter of that name (names are matched ignoring case)");

    public static readonly DiagnosticDescriptor UnusedParameter = Warning(
        "GENLOG006",
        "Parameter is not sent",
        "Parameter '{0}' is not used by the template and no SdId is in force, so it is never sent");

    public static readonly DiagnosticDescriptor MalformedTemplate = Error(
        "GENLOG007",
        "Malformed message template",
        "Malformed template: {0}");

    public static readonly DiagnosticDescriptor BadPriority = Error(
        "GENLOG008",
        "Unknown facility or severity",
        "{0}");

    public static readonly DiagnosticDescriptor BadMsgId = Error(
        "GENLOG009",
        "Invalid MSGID",
        "MsgId \"{0}\" must be 1 to 32 printable US-ASCII characters without spaces (RFC 5424 §6.2.7)");

    public static readonly DiagnosticDescriptor BadSdId = Error(
        "GENLOG010",
        "Invalid SD-ID",
        "SdId \"{0}\" is not a valid SD-ID: {1} (RFC 5424 §6.3.2, §7.2.2)");

    public static readonly DiagnosticDescriptor BadParamName = Error(
        "GENLOG011",
        "Invalid SD-PARAM name",
        "'{0}' is sent as a PARAM-NAME but is not a valid SD-NAME: 1 to 32 printable US-ASCII characters, none of '=', ' ', ']', '\"' (RFC 5424 §6.3.3)");

    public static readonly DiagnosticDescriptor ConstantTooLong = Warning(
        "GENLOG012",
        "Constant part exceeds 480 bytes",
        "The constant part of this message is {0} bytes, more than the 480 bytes every UDP receiver must accept (RFC 5426 §3.2)");

    public static readonly DiagnosticDescriptor ExceptionNotSent = new(
        "GENLOG013",
        "Exception parameter is not sent",
        "Exception parameter '{0}' is not sent, as CPython's SysLogHandler sends no exception information; name it in the template to send its type and message",
        Category,
        DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "genlog013");

    public static readonly DiagnosticDescriptor FormattedByToString = Warning(
        "GENLOG014",
        "Parameter is formatted through ToString()",
        "Parameter '{0}' of type '{1}' implements neither IUtf8SpanFormattable nor ISpanFormattable, so it is formatted through ToString(), which allocates");

    public static readonly DiagnosticDescriptor RefParameter = Error(
        "GENLOG015",
        "ref, out or params parameter",
        "Parameter '{0}' is '{1}'; logging methods take their values by value or 'in'");

    public static readonly DiagnosticDescriptor SeverityCount = Error(
        "GENLOG016",
        "Severity given twice or not at all",
        "{0}");

    public static readonly DiagnosticDescriptor BadAppName = Error(
        "GENLOG017",
        "Invalid APP-NAME",
        "AppName \"{0}\" must be 1 to 48 printable US-ASCII characters without spaces (RFC 5424 §6.2.5)");

    public static readonly DiagnosticDescriptor CaseOnlyPlaceholders = Warning(
        "GENLOG018",
        "Placeholders differ only by case",
        "Placeholders '{{{0}}}' and '{{{1}}}' differ only by case but bind different parameters");

    public static readonly DiagnosticDescriptor ControlInTemplate = Warning(
        "GENLOG019",
        "Control character in the template",
        "The template holds the control character U+{0}; it breaks LF framing and most log viewers");

    public static readonly DiagnosticDescriptor WriterHidden = Error(
        "GENLOG020",
        "A parameter hides the SyslogWriter",
        "Parameter '{0}' hides the primary-constructor parameter of the same name that holds the SyslogWriter; rename one of them");

    public static readonly DiagnosticDescriptor UnloggableType = Error(
        "GENLOG021",
        "Parameter type cannot be logged",
        "Parameter '{0}' of type '{1}' cannot be logged: {2}");

    /// <summary>Every descriptor, for lookup by ID when reporting.</summary>
    public static readonly DiagnosticDescriptor[] All =
    {
        NotPartialVoid, GenericOrNonPartialType, NoWriter, SeveralWriters, UnknownPlaceholder, UnusedParameter,
        MalformedTemplate, BadPriority, BadMsgId, BadSdId, BadParamName, ConstantTooLong, ExceptionNotSent,
        FormattedByToString, RefParameter, SeverityCount, BadAppName, CaseOnlyPlaceholders, ControlInTemplate,
        WriterHidden, UnloggableType,
    };

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + id.ToLowerInvariant());

    private static DiagnosticDescriptor Warning(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpBase + id.ToLowerInvariant());
}
