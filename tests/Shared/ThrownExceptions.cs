using System;
using System.Diagnostics;
using System.Text;

namespace GenLog.TestSupport;

/// <summary>Real exceptions, thrown and caught, and the one-line form a syslog receiver shows them in.</summary>
public static class ThrownExceptions
{
    /// <summary>An InvalidOperationException with an inner IOException, its stack trace <paramref name="depth"/> frames deep and more.</summary>
    public static Exception Thrown(int depth = 3)
    {
        try
        {
            Recurse(depth);
            throw new UnreachableException();
        }
        catch (Exception exception)
        {
            return exception;
        }
    }

    /// <summary>What rsyslog shows for a control character (RFC 5424 §8.2): '#' and three octal digits (#012 for LF); TAB kept.</summary>
    public static string OneLine(string text)
    {
        var result = new StringBuilder();
        foreach (var c in text)
        {
            if ((c < ' ' && c != '\t') || c == '\u007f')
            {
                result.Append('#').Append(Convert.ToString(c, 8).PadLeft(3, '0'));
            }
            else
            {
                result.Append(c);
            }
        }

        return result.ToString();
    }

    private static void Recurse(int depth)
    {
        if (depth > 0)
        {
            Recurse(depth - 1);
            return;
        }

        try
        {
            throw new System.IO.IOException("disk \"gone\" [sda]");
        }
        catch (System.IO.IOException inner)
        {
            throw new InvalidOperationException("upload failed", inner);
        }
    }
}
