using System;
using System.Text.Json;

namespace GenLog.Interop.Tests.Support;

/// <summary>
/// One message as rsyslog parsed it: a line of the JSON file <see cref="RsyslogServer"/> has rsyslog write
/// (template <c>genlog-json</c>, every value JSON-escaped by rsyslog's <c>jsonf</c> format). The names are rsyslog's
/// property names. A NILVALUE field ("-") stays "-", as rsyslog reports it.
/// </summary>
/// <remarks>
/// What rsyslog 8.2302 does on reception, before any field is parsed (so it shows in <see cref="RawMsg"/> too):
/// <list type="bullet">
/// <item>C0 control characters become <c>#</c> + three octal digits (<c>#033</c> for ESC, <c>#012</c> for an LF inside
/// an octet-counted frame or a datagram), TAB too (<c>#011</c>) unless <see cref="RsyslogOptions.EscapeTab"/> is
/// off; DEL (0x7F) and bytes ≥ 0x80 pass unchanged. NUL always becomes <c>#000</c>, even with escaping off.</item>
/// <item>One trailing LF of a frame or datagram is dropped.</item>
/// <item>The UTF-8 BOM that starts an RFC 5424 MSG is kept: <see cref="Msg"/> starts with U+FEFF
/// (<see cref="MsgWithoutBom"/> strips it).</item>
/// <item>A message that is not valid RFC 5424 falls through to the RFC 3164 parser: <see cref="ProtocolVersion"/> is
/// then "0" (it is "1" for RFC 5424), and <see cref="Msg"/> usually keeps the space after the tag.</item>
/// </list>
/// </remarks>
/// <param name="InputName">The listener: <see cref="RsyslogServer.TcpInputName"/>, <see cref="RsyslogServer.TlsInputName"/>,
/// <see cref="RsyslogServer.UdpInputName"/> or <see cref="RsyslogServer.UnixInputName"/>.</param>
/// <param name="Timestamp">TIMESTAMP as rsyslog renders it in RFC 3339 (the sender's precision and offset, "Z" kept).</param>
/// <param name="ProtocolVersion">"1" when parsed as RFC 5424, "0" as RFC 3164.</param>
public sealed record RsyslogRecord(
    int Pri,
    int Facility,
    int Severity,
    string Timestamp,
    string HostName,
    string AppName,
    string ProcId,
    string MsgId,
    string StructuredData,
    string Msg,
    string RawMsg,
    string ProtocolVersion,
    string InputName,
    string FromHostIp,
    string Json)
{
    /// <summary><see cref="Msg"/> without the leading U+FEFF (the BOM RFC 5424 allows before MSG), if any.</summary>
    public string MsgWithoutBom => Msg.StartsWith('\uFEFF') ? Msg[1..] : Msg;

    /// <summary>True when <see cref="Msg"/> starts with the BOM.</summary>
    public bool MsgHasBom => Msg.StartsWith('\uFEFF');

    /// <summary>Parses one line of the harness's output file.</summary>
    public static RsyslogRecord Parse(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        return new RsyslogRecord(
            Number(root, "pri"),
            Number(root, "facility"),
            Number(root, "severity"),
            Text(root, "timestamp"),
            Text(root, "hostname"),
            Text(root, "app-name"),
            Text(root, "procid"),
            Text(root, "msgid"),
            Text(root, "structured-data"),
            Text(root, "msg"),
            Text(root, "rawmsg"),
            Text(root, "protocol-version"),
            Text(root, "inputname"),
            Text(root, "fromhost-ip"),
            line);
    }

    private static string Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : string.Empty;

    private static int Number(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value))
        {
            return -1;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number => value.GetInt32(),
            JsonValueKind.String when int.TryParse(value.GetString(), out var parsed) => parsed,
            _ => -1,
        };
    }

    /// <summary>The fields a test usually asserts, on one line, for failure messages.</summary>
    public override string ToString() =>
        $"<{Pri}> ({Facility}.{Severity}) v{ProtocolVersion} {Timestamp} host={HostName} app={AppName} procid={ProcId} msgid={MsgId} sd={StructuredData} msg={JsonSerializer.Serialize(Msg)} [input {InputName}]";
}
