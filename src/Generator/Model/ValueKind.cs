namespace GenLog.Generator.Model;

/// <summary>
/// How a parameter's value is formatted, and only that: whether it is sent at all is decided by the
/// template, the structured data and the Python record that name it.
/// </summary>
internal enum ValueKind
{
    /// <summary>Not a value: the writer, which is never formatted.</summary>
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
