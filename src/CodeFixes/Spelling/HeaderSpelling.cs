using System;
using System.Text;

namespace GenLog.CodeFixes.Spelling;

/// <summary>
/// A valid spelling of an MSGID, APP-NAME or SD-ID close to what was written, by the rules the generator checks
/// (<see cref="SyslogLimits"/>, RFC 5424 §6.2.5, §6.2.7, §6.3.2, §7.2.2): each run of spaces between words becomes
/// one '-', any other character the field cannot hold is dropped, and the result is cut to the field's length.
/// </summary>
internal static class HeaderSpelling
{
    /// <summary>The enterprise number RFC 5612 reserves for documentation, which GenLog's examples use.</summary>
    public const string DocumentationEnterpriseNumber = "32473";

    /// <summary>An MSGID (1 to 32 PRINTUSASCII), or null when nothing printable is left.</summary>
    public static string? MsgId(string value) => Field(value, SyslogLimits.MaxMsgId, SyslogLimits.IsPrintableAscii);

    /// <summary>An APP-NAME (1 to 48 PRINTUSASCII), or null when nothing printable is left.</summary>
    public static string? AppName(string value) => Field(value, SyslogLimits.MaxAppName, SyslogLimits.IsPrintableAscii);

    /// <summary>
    /// A private SD-ID, <c>name@enterprise-number</c>: the name cleaned as an SD-NAME, the number kept when it is
    /// one, else <see cref="DocumentationEnterpriseNumber"/>; null when no name is left.
    /// </summary>
    public static string? SdId(string value)
    {
        var at = value.IndexOf('@');
        var name = at < 0 ? value : value.Substring(0, at);
        var number = at < 0 ? string.Empty : value.Substring(at + 1);
        if (!SyslogLimits.IsEnterpriseNumber(number) || number.Length > SyslogLimits.MaxSdName - 2)
        {
            number = DocumentationEnterpriseNumber;
        }

        var cleaned = Field(name, SyslogLimits.MaxSdName - 1 - number.Length, c => SyslogLimits.IsSdNameChar(c) && c != '@');
        return cleaned is null ? null : cleaned + "@" + number;
    }

    private static string? Field(string value, int maxLength, Func<char, bool> allowed)
    {
        var text = new StringBuilder(value.Length);
        var pendingSeparator = false;
        foreach (var c in value)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSeparator = text.Length > 0;
                continue;
            }

            if (!allowed(c))
            {
                continue;
            }

            if (pendingSeparator && text[text.Length - 1] != '-')
            {
                text.Append('-');
            }

            pendingSeparator = false;
            text.Append(c);
        }

        var result = text.ToString();
        if (result.Length > maxLength)
        {
            result = result.Substring(0, maxLength).TrimEnd('-');
        }

        // "-" alone is the NILVALUE (RFC 5424 §6): the field would read as absent.
        return result.Length == 0 || result == "-" ? null : result;
    }
}
