namespace GenLog;

/// <summary>
/// How an exception is written (<see cref="SyslogWriterOptions.ExceptionFormat"/>): where the template names it, in
/// its place; otherwise as the SD-PARAM <c>exception</c> (RFC 5424), after the message text (RFC 3164, Bare) or as a
/// Python record's <c>exc_text</c>. docs/formats.md, "Exceptions".
/// </summary>
public enum ExceptionFormat
{
    /// <summary>
    /// <see cref="System.Exception.ToString()"/>: type, message, inner exceptions and stack trace, its line breaks
    /// escaped (<c>#012</c>) so the whole text stays one record. Builds one string per logged exception.
    /// </summary>
    Full = 0,

    /// <summary><c>Type: message</c> on one line, written from what the exception already holds (no string built).</summary>
    TypeAndMessage = 1,

    /// <summary>Nothing: an exception is not sent (no <c>exception</c> SD-PARAM, no <c>exc_text</c>).</summary>
    None = 2,
}
