namespace GenLog.Generator.Model;

/// <summary>What one <c>[SyslogMessage]</c> method parsed into: the method to emit (if any) and the diagnostics.</summary>
internal sealed record ParseResult(MethodModel? Method, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>A namespace and the chain of containing types, outermost first: the key methods are grouped by.</summary>
internal sealed record TypeModel(string Namespace, EquatableArray<ContainingType> Types);

/// <summary>One containing type declaration as the generated partial repeats it.</summary>
/// <param name="Keyword">class, struct, record, record struct or interface.</param>
/// <param name="Name">The name with its type parameters, e.g. <c>Cache&lt;TKey&gt;</c>.</param>
/// <param name="Modifiers">What goes before <c>partial</c>: <c>static </c>, <c>readonly </c>, <c>ref </c>.</param>
/// <param name="MetadataName">The name for the hint file, e.g. <c>Cache`1</c>.</param>
internal sealed record ContainingType(string Keyword, string Name, string Modifiers, string MetadataName);

/// <summary>Everything the emitter needs for one method; no Roslyn symbols or syntax.</summary>
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
    EquatableArray<StructuredParameter> StructuredData,
    string TemplateText,
    bool HasUserDocumentation,
    PythonSource Python);

/// <summary>Where a record comes from, for Python's LogRecord: all known at compile time.</summary>
/// <param name="Name">The logger name: [SyslogSource] AppName, or the containing type's full name.</param>
/// <param name="Pathname">The declaring file's path.</param>
/// <param name="Line">The 1-based line of the method's name.</param>
internal sealed record PythonSource(string Name, string Pathname, int Line);

/// <summary>How a parameter becomes a native Python value in a pickled record.</summary>
internal enum PythonKind
{
    /// <summary>Not sent (the writer, an exception the template does not name).</summary>
    None,

    /// <summary>str: its text, as the syslog formats write it.</summary>
    Str,
    Integer,
    UnsignedInteger,
    Int128,
    UInt128,
    BigInteger,
    Float,
    Boolean,
}

/// <summary>How a parameter's value is written.</summary>
internal enum ValueKind
{
    /// <summary>Not written (the writer, the severity, an exception the template does not name).</summary>
    None,
    String,
    Chars,
    Char,
    Boolean,
    Exception,
    Enum,
    Utf8Formattable,
    SpanFormattable,
    ToString,
}

/// <summary>A parameter as the generated signature repeats it, and how its value is written.</summary>
/// <param name="Name">The C# name, escaped with @ when it is a keyword.</param>
/// <param name="Prefix">Modifiers before the type: <c>scoped</c>, <c>in</c>, <c>ref readonly</c>, <c>this</c>.</param>
/// <param name="Type">The fully qualified type, nullable annotations included.</param>
/// <param name="Kind">How the value is written.</param>
/// <param name="IsNullableValue">A <c>Nullable&lt;T&gt;</c> whose underlying value is written.</param>
/// <param name="Python">How the value goes into a Python record.</param>
/// <param name="PythonKey">The record key it goes under.</param>
/// <param name="IsReference">A reference type: null becomes Python's None.</param>
internal sealed record ParameterModel(string Name, string Prefix, string Type, ValueKind Kind, bool IsNullableValue, PythonKind Python, string PythonKey, bool IsReference);

/// <summary>A run of the template: literal text, or a placeholder bound to a parameter.</summary>
/// <param name="Text">The literal text (braces unescaped), or the placeholder's name as written.</param>
/// <param name="Parameter">The index of the bound parameter, or -1 for literal text.</param>
/// <param name="Format">The format after ':', or null.</param>
/// <param name="Alignment">The alignment after ',', or null.</param>
internal sealed record TemplateSegment(string Text, int Parameter, string? Format, int? Alignment);

/// <summary>A parameter sent as an SD-PARAM of the method's SD-ELEMENT.</summary>
internal sealed record StructuredParameter(string Name, int Parameter, string? Format);
