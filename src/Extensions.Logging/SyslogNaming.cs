using System;
using System.Globalization;
using System.Text.Unicode;
using Microsoft.Extensions.Logging;

namespace GenLog.Extensions.Logging;

/// <summary>MEL names made into the names syslog and Python records accept, written into the caller's stack buffer.</summary>
internal static class SyslogNaming
{
    /// <summary>RFC 5424 §6: MSGID is at most 32 characters.</summary>
    public const int MaxMsgId = 32;

    /// <summary>RFC 5424 §6.3.3: SD-NAME is at most 32 characters.</summary>
    public const int MaxSdName = 32;

    /// <summary>A Python record key longer than this is cut (at a character boundary).</summary>
    public const int MaxPythonKey = 128;

    /// <summary>
    /// MSGID: the event's name when it is a valid MSGID (1 to 32 printable US-ASCII characters, RFC 5424 §6),
    /// else its id when not zero, else nothing (the NILVALUE <c>-</c>). Returns the bytes written.
    /// </summary>
    public static int WriteMsgId(EventId eventId, Span<byte> destination)
    {
        if (eventId.Name is { Length: > 0 and <= MaxMsgId } name && IsPrintableAscii(name))
        {
            for (var i = 0; i < name.Length; i++)
            {
                destination[i] = (byte)name[i];
            }

            return name.Length;
        }

        return eventId.Id != 0 && eventId.Id.TryFormat(destination, out var written, default, CultureInfo.InvariantCulture) ? written : 0;
    }

    /// <summary>SD-NAME (RFC 5424 §6.3.3): every character that is not printable US-ASCII, or is '=', SP, ']' or '"', becomes '_'; cut at 32.</summary>
    public static int WriteSdName(string name, Span<byte> destination)
    {
        if (name.Length == 0)
        {
            destination[0] = (byte)'_';
            return 1;
        }

        var length = Math.Min(name.Length, MaxSdName);
        for (var i = 0; i < length; i++)
        {
            var c = name[i];
            destination[i] = c is <= ' ' or > '~' or '=' or ']' or '"' ? (byte)'_' : (byte)c;
        }

        return length;
    }

    /// <summary>The length of <c> NAME=""</c> for <paramref name="name"/> made an SD-NAME.</summary>
    public static int ParameterLength(string name) => Math.Clamp(name.Length, 1, MaxSdName) + 4;

    /// <summary>A Python record key: any text, as UTF-8 (invalid UTF-16 replaced), cut at a character boundary.</summary>
    public static int WritePythonKey(string name, Span<byte> destination)
    {
        Utf8.FromUtf16(name, destination, out _, out var written, replaceInvalidSequences: true);
        return written;
    }

    private static bool IsPrintableAscii(string text)
    {
        foreach (var c in text)
        {
            if (c is <= ' ' or > '~')
            {
                return false;
            }
        }

        return true;
    }
}
