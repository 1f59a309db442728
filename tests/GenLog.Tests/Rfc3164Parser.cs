using System;
using System.Globalization;
using System.Text;

namespace GenLog.Tests;

/// <summary>An RFC 3164 message as GenLog writes it (§4.1: PRI, HEADER = TIMESTAMP SP HOSTNAME, MSG = TAG[PID]: CONTENT).</summary>
public sealed record Rfc3164Message(int Pri, string Timestamp, string HostName, string Tag, string Pid, string Content);

/// <summary>
/// A strict parser of the RFC 3164 §4.1 form GenLog promises (docs/formats.md): <c>&lt;PRI&gt;Mmm dd hh:mm:ss HOSTNAME TAG[PID]: MSG</c>.
/// Written from the RFC, independent of GenLog: PRI 1–3 digits without leading zeros (≤ 191), an English month
/// abbreviation, the day padded with a space, a real time of day, HOSTNAME 1–255 printable US-ASCII, TAG 1–32
/// alphanumerics (§4.1.3), PID printable without ']', then ": " and CONTENT, which must be valid shortest-form UTF-8.
/// Anything else throws <see cref="FormatException"/> with the offset.
/// </summary>
public static class Rfc3164Parser
{
    private static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static Rfc3164Message Parse(ReadOnlySpan<byte> message)
    {
        var bytes = message.ToArray();
        var position = 0;

        FormatException Fail(string what) => new($"Not RFC 3164 at byte {position}: {what}. Message: {Encoding.UTF8.GetString(bytes)}");

        void Expect(byte b, string what)
        {
            if (position >= bytes.Length || bytes[position] != b)
            {
                throw Fail($"{what}: expected '{(char)b}'");
            }

            position++;
        }

        int Number(int digits, int max, string what)
        {
            var value = 0;
            for (var i = 0; i < digits; i++)
            {
                if (position >= bytes.Length || bytes[position] is < (byte)'0' or > (byte)'9')
                {
                    throw Fail($"{what}: expected a digit");
                }

                value = (value * 10) + bytes[position++] - '0';
            }

            if (value > max)
            {
                throw Fail($"{what} {value} is over {max}");
            }

            return value;
        }

        string Run(Func<byte, bool> allowed, int min, int max, string what)
        {
            var start = position;
            while (position < bytes.Length && allowed(bytes[position]))
            {
                position++;
            }

            if (position - start < min || position - start > max)
            {
                throw Fail($"{what} must be {min} to {max} characters, got {position - start}");
            }

            return Encoding.ASCII.GetString(bytes, start, position - start);
        }

        Expect((byte)'<', "PRI");
        var digits = Run(b => b is >= (byte)'0' and <= (byte)'9', 1, 3, "PRIVAL");
        if (digits.Length > 1 && digits[0] == '0')
        {
            throw Fail("PRIVAL has a leading zero");
        }

        var pri = int.Parse(digits, CultureInfo.InvariantCulture);
        if (pri > 191)
        {
            throw Fail("PRIVAL is 0 to 191");
        }

        Expect((byte)'>', "PRI");
        var timestampStart = position;
        var month = Run(b => b is >= (byte)'A' and <= (byte)'z', 3, 3, "month");
        if (Array.IndexOf(Months, month) < 0)
        {
            throw Fail($"'{month}' is not a month (§4.1.2)");
        }

        Expect((byte)' ', "SP");
        int day;
        if (position < bytes.Length && bytes[position] == (byte)' ')
        {
            position++;
            day = Number(1, 9, "day");
        }
        else
        {
            day = Number(2, 31, "day");
            if (day < 10)
            {
                throw Fail("a day below 10 is padded with a space, not a zero (§4.1.2)");
            }
        }

        if (day == 0)
        {
            throw Fail("day 0");
        }

        Expect((byte)' ', "SP");
        Number(2, 23, "hour");
        Expect((byte)':', "time");
        Number(2, 59, "minute");
        Expect((byte)':', "time");
        Number(2, 59, "second");
        var timestamp = Encoding.ASCII.GetString(bytes, timestampStart, position - timestampStart);
        Expect((byte)' ', "SP");
        var host = Run(b => b is >= 33 and <= 126, 1, 255, "HOSTNAME");
        Expect((byte)' ', "SP");
        var tag = Run(b => b is (>= (byte)'0' and <= (byte)'9') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z'), 1, 32, "TAG");
        Expect((byte)'[', "PID");
        var pid = Run(b => b is >= 33 and <= 126 and not (byte)']', 1, 128, "PID");
        Expect((byte)']', "PID");
        Expect((byte)':', "TAG");
        Expect((byte)' ', "SP");
        string content;
        try
        {
            content = StrictUtf8.GetString(bytes, position, bytes.Length - position);
        }
        catch (DecoderFallbackException)
        {
            throw Fail("CONTENT is not valid UTF-8");
        }

        return new Rfc3164Message(pri, timestamp, host, tag, pid, content);
    }
}
