using System;
using System.Collections.Generic;
using System.Text;

namespace GenLog.Tests;

/// <summary>One SD-ELEMENT, with PARAM-VALUEs unescaped.</summary>
public sealed record SdElement(string Id, IReadOnlyList<KeyValuePair<string, string>> Parameters);

/// <summary>An RFC 5424 message, field by field.</summary>
public sealed record Rfc5424Message(
    int Pri,
    string Timestamp,
    string HostName,
    string AppName,
    string ProcId,
    string MsgId,
    IReadOnlyList<SdElement> StructuredData,
    bool HasBom,
    string? Msg);

/// <summary>
/// A strict parser of RFC 5424 §6 (ABNF), written from the RFC, independent of GenLog's formatter:
/// anything the grammar does not allow throws <see cref="FormatException"/> with the offset.
/// </summary>
public static class Rfc5424Parser
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static Rfc5424Message Parse(ReadOnlySpan<byte> message)
    {
        var reader = new Reader(message.ToArray());
        var pri = reader.Pri();
        reader.Expect((byte)'1', "VERSION");
        reader.Space();
        var timestamp = reader.Timestamp();
        reader.Space();
        var host = reader.Field(255, "HOSTNAME");
        reader.Space();
        var app = reader.Field(48, "APP-NAME");
        reader.Space();
        var procId = reader.Field(128, "PROCID");
        reader.Space();
        var msgId = reader.Field(32, "MSGID");
        reader.Space();
        var sd = reader.StructuredData();
        string? msg = null;
        var bom = false;
        if (!reader.AtEnd)
        {
            reader.Space();
            bom = reader.TryBom();
            msg = reader.Utf8Rest("MSG");
        }

        return new Rfc5424Message(pri, timestamp, host, app, procId, msgId, sd, bom, msg);
    }

    private sealed class Reader(byte[] bytes)
    {
        private int _position;

        public bool AtEnd => _position == bytes.Length;

        public int Pri()
        {
            Expect((byte)'<', "PRI");
            var start = _position;
            while (!AtEnd && bytes[_position] is >= (byte)'0' and <= (byte)'9')
            {
                _position++;
            }

            var digits = Encoding.ASCII.GetString(bytes, start, _position - start);
            if (digits.Length is 0 or > 3 || (digits.Length > 1 && digits[0] == '0'))
            {
                throw Fail("PRIVAL must be 1 to 3 digits without leading zeros");
            }

            var value = int.Parse(digits);
            if (value > 191)
            {
                throw Fail("PRIVAL is 0 to 191");
            }

            Expect((byte)'>', "PRI");
            return value;
        }

        public string Timestamp()
        {
            if (TryNil())
            {
                return "-";
            }

            // FULL-DATE "T" PARTIAL-TIME [TIME-SECFRAC] TIME-OFFSET (RFC 5424 §6.2.3)
            var start = _position;
            Digits(4); Expect((byte)'-', "date"); Digits(2); Expect((byte)'-', "date"); Digits(2);
            Expect((byte)'T', "TIMESTAMP");
            Digits(2); Expect((byte)':', "time"); Digits(2); Expect((byte)':', "time"); Digits(2);
            if (!AtEnd && bytes[_position] == (byte)'.')
            {
                _position++;
                var fraction = _position;
                while (!AtEnd && bytes[_position] is >= (byte)'0' and <= (byte)'9')
                {
                    _position++;
                }

                if (_position - fraction is 0 or > 6)
                {
                    throw Fail("TIME-SECFRAC is 1 to 6 digits");
                }
            }

            if (!AtEnd && bytes[_position] == (byte)'Z')
            {
                _position++;
            }
            else
            {
                if (AtEnd || bytes[_position] is not ((byte)'+' or (byte)'-'))
                {
                    throw Fail("TIME-OFFSET");
                }

                _position++;
                Digits(2); Expect((byte)':', "offset"); Digits(2);
            }

            var text = Encoding.ASCII.GetString(bytes, start, _position - start);
            if (!DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _))
            {
                throw Fail($"'{text}' is not a real date and time");
            }

            return text;
        }

        public string Field(int max, string name)
        {
            var start = _position;
            while (!AtEnd && bytes[_position] is >= 33 and <= 126)
            {
                _position++;
            }

            var length = _position - start;
            if (length is 0 || length > max)
            {
                throw Fail($"{name} must be 1 to {max} PRINTUSASCII, got {length}");
            }

            return Encoding.ASCII.GetString(bytes, start, length);
        }

        public List<SdElement> StructuredData()
        {
            var elements = new List<SdElement>();
            if (TryNil())
            {
                return elements;
            }

            if (AtEnd || bytes[_position] != (byte)'[')
            {
                throw Fail("STRUCTURED-DATA must be '-' or SD-ELEMENTs");
            }

            while (!AtEnd && bytes[_position] == (byte)'[')
            {
                _position++;
                var id = SdName("SD-ID");
                if (elements.Exists(e => e.Id == id))
                {
                    throw Fail($"SD-ID '{id}' appears twice (RFC 5424 §6.3.2)");
                }

                var parameters = new List<KeyValuePair<string, string>>();
                while (!AtEnd && bytes[_position] == (byte)' ')
                {
                    _position++;
                    var name = SdName("PARAM-NAME");
                    Expect((byte)'=', "SD-PARAM");
                    Expect((byte)'"', "PARAM-VALUE");
                    parameters.Add(new(name, ParamValue()));
                }

                Expect((byte)']', "SD-ELEMENT");
                elements.Add(new SdElement(id, parameters));
            }

            return elements;
        }

        public bool TryBom()
        {
            if (bytes.Length - _position >= 3 && bytes[_position] == 0xEF && bytes[_position + 1] == 0xBB && bytes[_position + 2] == 0xBF)
            {
                _position += 3;
                return true;
            }

            return false;
        }

        public string Utf8Rest(string name)
        {
            try
            {
                var text = StrictUtf8.GetString(bytes, _position, bytes.Length - _position);
                _position = bytes.Length;
                return text;
            }
            catch (DecoderFallbackException)
            {
                throw Fail($"{name} is not valid UTF-8");
            }
        }

        public void Space() => Expect((byte)' ', "SP");

        public void Expect(byte b, string what)
        {
            if (AtEnd || bytes[_position] != b)
            {
                throw Fail($"{what}: expected '{(char)b}'");
            }

            _position++;
        }

        private string SdName(string what)
        {
            var start = _position;
            while (!AtEnd && bytes[_position] is >= 33 and <= 126 and not (byte)'=' and not (byte)']' and not (byte)'"')
            {
                _position++;
            }

            if (_position - start is 0 or > 32)
            {
                throw Fail($"{what} must be 1 to 32 SD-NAME characters");
            }

            return Encoding.ASCII.GetString(bytes, start, _position - start);
        }

        /// <summary>RFC 5424 §6.3.3: '"', '\' and ']' MUST be escaped; a backslash before anything else is a literal backslash.</summary>
        private string ParamValue()
        {
            var value = new List<byte>();
            while (true)
            {
                if (AtEnd)
                {
                    throw Fail("PARAM-VALUE is not closed");
                }

                var b = bytes[_position++];
                if (b == (byte)'"')
                {
                    break;
                }

                if (b == (byte)']')
                {
                    throw Fail("']' in PARAM-VALUE must be escaped");
                }

                if (b == (byte)'\\' && !AtEnd && bytes[_position] is (byte)'"' or (byte)'\\' or (byte)']')
                {
                    b = bytes[_position++];
                }

                value.Add(b);
            }

            try
            {
                return StrictUtf8.GetString(value.ToArray());
            }
            catch (DecoderFallbackException)
            {
                throw Fail("PARAM-VALUE is not valid UTF-8");
            }
        }

        private bool TryNil()
        {
            if (!AtEnd && bytes[_position] == (byte)'-' && (_position + 1 == bytes.Length || bytes[_position + 1] == (byte)' '))
            {
                _position++;
                return true;
            }

            return false;
        }

        private void Digits(int count)
        {
            for (var i = 0; i < count; i++)
            {
                if (AtEnd || bytes[_position] is < (byte)'0' or > (byte)'9')
                {
                    throw Fail("expected a digit");
                }

                _position++;
            }
        }

        private FormatException Fail(string message) =>
            new($"Not RFC 5424 at byte {_position}: {message}. Message: {Encoding.UTF8.GetString(bytes)}");
    }
}
