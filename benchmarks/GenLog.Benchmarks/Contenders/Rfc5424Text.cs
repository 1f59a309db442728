using System;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace GenLog.Benchmarks.Contenders;

/// <summary>
/// The RFC 5424 line a text-based sink writes, built in one reused StringBuilder and encoded into one reused byte
/// buffer: what a careful Serilog or NLog syslog sink does. The message text comes from the library's renderer.
/// </summary>
public sealed class Rfc5424Text(NullByteSink sink)
{
    private readonly StringBuilder _text = new(256);
    private byte[] _bytes = new byte[1024];

    /// <summary>The line so far: PRI, version, timestamp, host, app, procid, MSGID, no SD, the BOM; MSG is appended next.</summary>
    public StringBuilder Begin(LogLevel level, DateTimeOffset timestamp, string? msgId)
    {
        Span<char> time = stackalloc char[32];
        timestamp.UtcDateTime.TryFormat(time, out var written, "yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture);
        return _text.Clear()
            .Append('<').Append(SyslogLine.Priority(level)).Append(">1 ")
            .Append(time[..written]).Append(' ')
            .Append(SyslogLine.Host).Append(' ').Append(SyslogLine.App).Append(' ').Append(SyslogLine.ProcId).Append(' ')
            .Append(msgId ?? "-").Append(" - ").Append(SyslogLine.Bom);
    }

    /// <summary>Encodes the finished line and hands it to the sink.</summary>
    public void Send()
    {
        var length = Encoding.UTF8.GetMaxByteCount(_text.Length);
        if (_bytes.Length < length)
        {
            _bytes = new byte[length];
        }

        var written = 0;
        foreach (var chunk in _text.GetChunks())
        {
            written += Encoding.UTF8.GetBytes(chunk.Span, _bytes.AsSpan(written));
        }

        sink.Send(_bytes.AsSpan(0, written));
    }
}
