using System;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using GenLog.Formatting;

namespace GenLog;

/// <summary>The header: PRI, version, timestamp, host, app, process, MSGID (RFC 5424 §6), or RFC 3164 §4.1's.</summary>
public ref partial struct SyslogMessageBuilder
{
    /// <summary>The largest PRI value: local7 (23) × 8 + debug (7).</summary>
    private const int MaxPriority = ((SyslogNames.MaxFacility + 1) * 8) - 1;

    /// <summary>"&lt;0&gt;" to "&lt;191&gt;" (RFC 5424 §6.2.1): the PRI part of every header, by value.</summary>
    private static readonly byte[][] PriorityTexts = BuildPriorityTexts();

    /// <summary>
    /// The PRI value of a facility and severity chosen at run time. Out-of-range values cannot come from generated code;
    /// by hand they fall back (to the default facility, to the severity's low three bits) rather than break the frame.
    /// </summary>
    private static int Priority(SyslogFacility? facility, SyslogSeverity severity, SyslogFacility defaultFacility)
    {
        var code = facility is { } f && (uint)f <= SyslogNames.MaxFacility ? f : defaultFacility;
        return ((int)code << 3) | ((int)severity & 7);
    }

    private static byte[][] BuildPriorityTexts()
    {
        var texts = new byte[(SyslogNames.MaxFacility + 1) * 8][];
        for (var pri = 0; pri < texts.Length; pri++)
        {
            texts[pri] = Encoding.ASCII.GetBytes("<" + pri.ToString(CultureInfo.InvariantCulture) + ">");
        }

        return texts;
    }

    private void WriteHeader(int priority, scoped ReadOnlySpan<byte> appName, scoped ReadOnlySpan<byte> msgId)
    {
        if (_layout.IsPickle)
        {
            WritePythonHeader(priority);
            return;
        }

        Write(PriorityTexts[priority]);
        if (_layout.Format == SyslogFormat.Rfc5424)
        {
            // RFC 5424 §6: <PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID SD
            Write("1 "u8);
            _buffer.Clock.WriteRfc5424(_bytes.AsSpan(_position, Timestamps.Rfc5424Length), _layout.Now(), _layout.MillisecondTimestamps);
            _position += _layout.Rfc5424TimestampLength;
            _bytes[_position++] = (byte)' ';
            Write(_layout.HostName);
            _bytes[_position++] = (byte)' ';
            Write(appName.IsEmpty ? _layout.AppName : appName[..Math.Min(appName.Length, SyslogLimits.MaxAppName)]);
            _bytes[_position++] = (byte)' ';
            Write(_layout.ProcId);
            _bytes[_position++] = (byte)' ';
            Write(msgId.IsEmpty ? "-"u8 : msgId[..Math.Min(msgId.Length, SyslogLimits.MaxMsgId)]);
            _bytes[_position++] = (byte)' ';
            if (_layout.SequenceId)
            {
                WriteSequenceId();
            }
        }
        else if (_layout.Format == SyslogFormat.Rfc3164)
        {
            WriteRfc3164Header(appName);
        }
    }

    /// <summary>RFC 5424 §7.3.1: <c>[meta sequenceId="N"]</c>, the first SD-ELEMENT.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void WriteSequenceId()
    {
        Write("[meta sequenceId=\""u8);
        _writer.NextSequenceId().TryFormat(_bytes.AsSpan(_position), out var digits, default, CultureInfo.InvariantCulture);
        _position += digits;
        Write("\"]"u8);
        _hasStructuredData = true;
    }

    /// <summary>RFC 3164 §4.1: <c>TIMESTAMP HOSTNAME TAG[PID]: </c> after the PRI. Kept out of line: the generated methods stay small.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void WriteRfc3164Header(scoped ReadOnlySpan<byte> appName)
    {
        _buffer.Clock.WriteRfc3164(_bytes.AsSpan(_position), _layout.Now(), _layout.TimeProvider.LocalTimeZone);
        _position += Timestamps.Rfc3164Length;
        _bytes[_position++] = (byte)' ';
        Write(_layout.HostName);
        _bytes[_position++] = (byte)' ';
        _position += appName.IsEmpty ? Copy(_layout.Tag) : MessageLayout.WriteTag(appName, _bytes.AsSpan(_position));
        _bytes[_position++] = (byte)'[';
        Write(_layout.ProcId);
        Write("]: "u8);
    }
}
