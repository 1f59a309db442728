namespace GenLog;

/// <summary>
/// The RFC 5424 field rules that both the generator (at compile time) and the runtime (at run time)
/// enforce. This one file is compiled into the runtime and linked into the generator, so the two can
/// never disagree about what a valid APP-NAME, MSGID or SD-ID is.
/// </summary>
internal static class SyslogLimits
{
    /// <summary>The longest APP-NAME (RFC 5424 §6.2.5).</summary>
    public const int MaxAppName = 48;

    /// <summary>The longest MSGID (RFC 5424 §6.2.7).</summary>
    public const int MaxMsgId = 32;

    /// <summary>The longest SD-NAME, which SD-IDs and PARAM-NAMEs are (RFC 5424 §6.3.2, §6.3.3).</summary>
    public const int MaxSdName = 32;

    /// <summary>PRINTUSASCII (RFC 5424 §6): '!' to '~', no space.</summary>
    public static bool IsPrintableAscii(char c) => c is >= '!' and <= '~';

    /// <summary>1 to <paramref name="maxLength"/> PRINTUSASCII characters: an APP-NAME or MSGID.</summary>
    public static bool IsHeaderField(string value, int maxLength) => IsField(value, maxLength, sdName: false);

    /// <summary>A character an SD-NAME may hold: PRINTUSASCII except '=', ']' and '"' (RFC 5424 §6.3.2).</summary>
    public static bool IsSdNameChar(char c) => IsPrintableAscii(c) && c is not '=' and not ']' and not '"';

    /// <summary>1 to 32 SD-NAME characters: a valid PARAM-NAME or SD-ID (RFC 5424 §6.3.2, §6.3.3).</summary>
    public static bool IsSdName(string name) => IsField(name, MaxSdName, sdName: true);

    /// <summary>A private SD-ID (RFC 5424 §6.3.2, §7.2.2): an SD-NAME of the form <c>name@enterprise-number</c>.</summary>
    public static bool IsPrivateSdId(string sdId)
    {
        var at = sdId.IndexOf('@');
        return IsSdName(sdId) && at > 0 && IsEnterpriseNumber(sdId.Substring(at + 1));
    }

    /// <summary>
    /// The part of a private SD-ID after '@' (RFC 5424 §7.2.2): a private enterprise number, digits
    /// with optional dot-separated sub-identifiers, e.g. <c>32473</c> or <c>32473.1.2</c>.
    /// </summary>
    public static bool IsEnterpriseNumber(string text)
    {
        if (text.Length == 0 || text[0] is < '0' or > '9' || text[text.Length - 1] == '.')
        {
            return false;
        }

        foreach (var c in text)
        {
            if (c is not (>= '0' and <= '9') and not '.')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsField(string value, int maxLength, bool sdName)
    {
        if (value.Length == 0 || value.Length > maxLength)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!(sdName ? IsSdNameChar(c) : IsPrintableAscii(c)))
            {
                return false;
            }
        }

        return true;
    }
}
