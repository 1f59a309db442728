using Microsoft.CodeAnalysis;

namespace GenLog.Generator.Diagnostics;

/// <summary>
/// Every diagnostic GenLog reports, listed in docs/diagnostics.md. An ID, once shipped, is never reused.
/// Where one rule has several causes, each cause is its own descriptor under the same ID, so every
/// message is a real format and the parser passes only names and values as arguments.
/// </summary>
internal static class Descriptors
{
    private const string Category = "GenLog";
    private const string HelpBase = "https://github.com/genlog/genlog/blob/main/docs/diagnostics.md#";
    private const string PartialVoidRule = "; a [SyslogMessage] method must be 'partial', have no body and return 'void'";

    public static readonly DiagnosticDescriptor NotPartial = Error("GENLOG001", "Logging method must be a partial void method without a body", "Method '{0}' is not 'partial'" + PartialVoidRule);
    public static readonly DiagnosticDescriptor HasBody = Error("GENLOG001", NotPartial.Title, "Method '{0}' already has a body" + PartialVoidRule);
    public static readonly DiagnosticDescriptor NotVoid = Error("GENLOG001", NotPartial.Title, "Method '{0}' does not return 'void'" + PartialVoidRule);

    public static readonly DiagnosticDescriptor GenericMethod = Error("GENLOG002", "Logging method cannot be generic or live in a non-partial type", "Method '{0}' is generic; a [SyslogMessage] method cannot have type parameters");
    public static readonly DiagnosticDescriptor NonPartialType = Error("GENLOG002", GenericMethod.Title, "Type '{0}' must be 'partial' to hold the generated body of '{1}'");
    public static readonly DiagnosticDescriptor FileLocalType = Error("GENLOG002", GenericMethod.Title, "Type '{0}' is file-local, so the generated body of '{1}' cannot be added to it from another file; make the type internal");

    public static readonly DiagnosticDescriptor NoWriter = Error(
        "GENLOG003",
        "No SyslogWriter reachable",
        "Method '{0}' has no SyslogWriter: add a 'GenLog.SyslogWriter' parameter, make it an instance method of a type with one SyslogWriter field, property or primary-constructor parameter, or name one with Writer = nameof(...)");

    public static readonly DiagnosticDescriptor SeveralWriters = Error("GENLOG004", "More than one SyslogWriter candidate", "Method '{0}' can reach more than one SyslogWriter ({1}); pick one with Writer = nameof(...) on [SyslogMessage] or [SyslogSource]");
    public static readonly DiagnosticDescriptor SeveralWriterParameters = Error("GENLOG004", SeveralWriters.Title, "Method '{0}' takes more than one SyslogWriter parameter ({1}); keep exactly one");

    public static readonly DiagnosticDescriptor UnknownPlaceholder = Error("GENLOG005", "Placeholder has no parameter", "Placeholder '{{{0}}}' has no parameter of that name (names are matched ignoring case)");

    public static readonly DiagnosticDescriptor UnusedParameter = Warning("GENLOG006", "Parameter is not sent", "Parameter '{0}' is not used by the template and is in no SD element (no SdId, no [SdElement]), so it is never sent; name it in the template, or give it an SD element");

    public static readonly DiagnosticDescriptor NullTemplate = Error("GENLOG007", "Malformed message template", "Malformed template: the template is null");
    public static readonly DiagnosticDescriptor UnmatchedBrace = Error("GENLOG007", NullTemplate.Title, "Malformed template: '{0}' without a matching '{1}' (write '{0}{0}' for a literal brace)");
    public static readonly DiagnosticDescriptor EmptyFormat = Error("GENLOG007", NullTemplate.Title, "Malformed template: the format after ':' is empty");
    public static readonly DiagnosticDescriptor BadAlignment = Error("GENLOG007", NullTemplate.Title, "Malformed template: the alignment '{0}' is not a whole number from -1000 to 1000");
    public static readonly DiagnosticDescriptor EmptyPlaceholderName = Error("GENLOG007", NullTemplate.Title, "Malformed template: a placeholder has an empty name");
    public static readonly DiagnosticDescriptor NotAParameterName = Error("GENLOG007", NullTemplate.Title, "Malformed template: '{0}' is not a parameter name");

    public static readonly DiagnosticDescriptor UnknownPriorityName = Error("GENLOG008", "Unknown facility or severity", "Unknown syslog {0} name \"{1}\"; valid names: {2}");
    public static readonly DiagnosticDescriptor PriorityOutOfRange = Error("GENLOG008", UnknownPriorityName.Title, "Syslog {0} {1} is out of range; a {0} is 0 to {2}");
    public static readonly DiagnosticDescriptor PriorityNotConstant = Error("GENLOG008", UnknownPriorityName.Title, "The syslog {0} must be a constant");

    public static readonly DiagnosticDescriptor BadMsgId = Error("GENLOG009", "Invalid MSGID", "MsgId \"{0}\" must be 1 to {1} printable US-ASCII characters without spaces (RFC 5424 §6.2.7)");

    private const string SdIdRule = " (RFC 5424 §6.3.2, §7.2.2)";
    public static readonly DiagnosticDescriptor SdIdLength = Error("GENLOG010", "Invalid SD-ID", "SdId \"{0}\" is not a valid SD-ID: it must be 1 to {1} characters" + SdIdRule);
    public static readonly DiagnosticDescriptor SdIdCharacters = Error("GENLOG010", SdIdLength.Title, "SdId \"{0}\" is not a valid SD-ID: it may hold only printable US-ASCII characters other than '=', ' ', ']' and '\"'" + SdIdRule);
    public static readonly DiagnosticDescriptor SdIdNotPrivate = Error("GENLOG010", SdIdLength.Title, "SdId \"{0}\" is not a valid SD-ID: a private SD-ID is name@enterprise-number, e.g. \"auth@32473\"" + SdIdRule);
    public static readonly DiagnosticDescriptor SdIdEnterpriseNumber = Error("GENLOG010", SdIdLength.Title, "SdId \"{0}\" is not a valid SD-ID: the part after '@' must be an enterprise number, e.g. 32473" + SdIdRule);

    public static readonly DiagnosticDescriptor BadParamName = Error(
        "GENLOG011",
        "Invalid SD-PARAM name",
        "'{0}' is sent as a PARAM-NAME but is not a valid SD-NAME: 1 to {1} printable US-ASCII characters, none of '=', ' ', ']', '\"' (RFC 5424 §6.3.3)");

    public static readonly DiagnosticDescriptor ConstantTooLong = Warning(
        "GENLOG012",
        "Constant part exceeds 480 bytes",
        "The constant part of this message is {0} bytes, more than the {1} bytes every UDP receiver must accept (RFC 5426 §3.2)");

    public static readonly DiagnosticDescriptor FormattedByToString = Warning(
        "GENLOG014",
        "Parameter is formatted through ToString()",
        "Parameter '{0}' of type '{1}' implements neither IUtf8SpanFormattable nor ISpanFormattable, so it is formatted through ToString(), which allocates");

    public static readonly DiagnosticDescriptor RefParameter = Error("GENLOG015", "ref, out or params parameter", "Parameter '{0}' is '{1}'; logging methods take their values by value or 'in'");

    public static readonly DiagnosticDescriptor SeverityTwice = Error("GENLOG016", "Severity given twice or not at all", "The severity is given twice: on [SyslogMessage] and by parameter '{0}'; keep one");
    public static readonly DiagnosticDescriptor NoSeverity = Error("GENLOG016", SeverityTwice.Title, "Method '{0}' has no severity: give one on [SyslogMessage] or add a GenLog.SyslogSeverity parameter");
    public static readonly DiagnosticDescriptor SeveralSeverityParameters = Error("GENLOG016", SeverityTwice.Title, "Method '{0}' has more than one SyslogSeverity parameter; keep one");

    public static readonly DiagnosticDescriptor BadAppName = Error("GENLOG017", "Invalid APP-NAME", "AppName \"{0}\" must be 1 to {1} printable US-ASCII characters without spaces (RFC 5424 §6.2.5)");

    public static readonly DiagnosticDescriptor CaseOnlyPlaceholders = Warning("GENLOG018", "Placeholders differ only by case", "Placeholders '{{{0}}}' and '{{{1}}}' differ only by case but bind different parameters");

    public static readonly DiagnosticDescriptor ControlInTemplate = Warning("GENLOG019", "Control character in the template", "The template holds the control character U+{0}; it breaks LF framing and most log viewers");

    public static readonly DiagnosticDescriptor WriterHidden = Error(
        "GENLOG020",
        "A parameter hides the SyslogWriter",
        "Parameter '{0}' hides the primary-constructor parameter of the same name that holds the SyslogWriter; rename one of them");

    private const string WriterRule = "Writer does not name a usable SyslogWriter";
    public static readonly DiagnosticDescriptor WriterNotFound = Error("GENLOG022", WriterRule, "Writer \"{0}\" names no field, property or primary-constructor parameter of '{1}' or its base types");
    public static readonly DiagnosticDescriptor WriterWrongType = Error("GENLOG022", WriterRule, "Writer \"{0}\" names a {1} of type '{2}', not a GenLog.SyslogWriter");
    public static readonly DiagnosticDescriptor WriterNotStatic = Error("GENLOG022", WriterRule, "Method '{0}' is static, so Writer must name a static field or property, and \"{1}\" is an instance {2}; make the method an instance method or take the writer as a parameter");
    public static readonly DiagnosticDescriptor WriterBesideParameter = Error("GENLOG022", WriterRule, "Method '{0}' logs to its SyslogWriter parameter '{1}', so Writer \"{2}\" would be ignored; remove one of them");

    private const string UnloggableRule = "Parameter '{0}' of type '{1}' cannot be logged: ";
    public static readonly DiagnosticDescriptor PointerParameter = Error("GENLOG021", "Parameter type cannot be logged", UnloggableRule + "a pointer has no text");
    public static readonly DiagnosticDescriptor DynamicParameter = Error("GENLOG021", PointerParameter.Title, UnloggableRule + "a dynamic value is only known at run time, through reflection");
    public static readonly DiagnosticDescriptor RefStructParameter = Error("GENLOG021", PointerParameter.Title, UnloggableRule + "a ref struct other than ReadOnlySpan<char> or Span<char> cannot be passed to a formatter");

    public static readonly DiagnosticDescriptor DuplicateParamName = Warning(
        "GENLOG023",
        "Two SD-PARAMs of one SD-ELEMENT have the same name",
        "Parameters '{0}' and '{1}' are both sent as PARAM-NAME '{2}' (ignoring case) in SD-ELEMENT [{3}]; most receivers keep only one of them");

    public static readonly DiagnosticDescriptor SdElementOnNonValue = Error(
        "GENLOG024",
        "[SdElement] on a parameter that is not a value",
        "Parameter '{0}' is the message's {1}, not a value, so it cannot be sent in an SD-ELEMENT; remove [SdElement]");

    /// <summary>One descriptor per ID, in ID order: the rule list that docs/diagnostics.md and the release files track.</summary>
    public static readonly DiagnosticDescriptor[] All =
    {
        NotPartial, GenericMethod, NoWriter, SeveralWriters, UnknownPlaceholder, UnusedParameter,
        NullTemplate, UnknownPriorityName, BadMsgId, SdIdLength, BadParamName, ConstantTooLong,
        FormattedByToString, RefParameter, SeverityTwice, BadAppName, CaseOnlyPlaceholders, ControlInTemplate,
        WriterHidden, PointerParameter, WriterNotFound, DuplicateParamName, SdElementOnNonValue,
    };

    private static DiagnosticDescriptor Error(string id, LocalizableString title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + id.ToLowerInvariant());

    private static DiagnosticDescriptor Warning(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpBase + id.ToLowerInvariant());
}
