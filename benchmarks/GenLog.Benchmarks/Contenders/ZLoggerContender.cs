using System.Buffers;
using System.Net;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using ZLogger;
using ZLogger.Formatters;

namespace GenLog.Benchmarks.Contenders;

/// <summary>The same message through ZLogger's source generator (UTF-8 all the way).</summary>
public static partial class ZLoggerLog
{
    [ZLoggerMessage(EventId = 1, EventName = SyslogLine.MsgId, Level = LogLevel.Warning, Message = "Failed password for {User} from {Address} port {Port}")]
    public static partial void FailedPassword(ILogger logger, string user, IPAddress address, int port);
}

/// <summary>
/// ZLogger's output stage made synchronous and fair: formats each entry on the caller's thread into one reused
/// buffer with ZLogger's plain-text formatter, hands the bytes to the null sink and returns the pooled entry.
/// One thread at a time, as the benchmark calls it.
/// </summary>
public sealed class NullSinkLogProcessor(IZLoggerFormatter formatter, NullByteSink sink) : IAsyncLogProcessor
{
    private readonly ArrayBufferWriter<byte> _buffer = new(256);

    public void Post(IZLoggerEntry entry)
    {
        try
        {
            entry.FormatUtf8(_buffer, formatter);
            sink.Send(_buffer.WrittenSpan);
        }
        finally
        {
            _buffer.ResetWrittenCount();
            entry.Return();
        }
    }

    public ValueTask DisposeAsync() => default;
}

public static class ZLoggerSyslog
{
    /// <summary>
    /// A logger factory whose only provider is ZLogger into <paramref name="sink"/>. The plain-text formatter's
    /// prefix writes the RFC 5424 header (PRI, timestamp, host, app, procid, msgid, no SD, BOM), so ZLogger's
    /// output is the whole line GenLog sends, not only the message text.
    /// </summary>
    public static ILoggerFactory CreateFactory(NullByteSink sink, LogLevel minimum) =>
        LoggerFactory.Create(logging =>
        {
            logging.ClearProviders();
            logging.SetMinimumLevel(minimum);
            logging.AddZLoggerLogProcessor(options =>
            {
                UseSyslogLine(options);
                return new NullSinkLogProcessor(options.CreateFormatter(), sink);
            });
        });

    /// <summary>
    /// ZLogger's own asynchronous pipeline (its background writer into <paramref name="stream"/>), waiting when its
    /// queue is full as GenLog's <c>Overflow = Block</c> does: the contender of the queued benchmarks.
    /// </summary>
    public static ILoggerFactory CreateAsyncFactory(System.IO.Stream stream) =>
        LoggerFactory.Create(logging =>
        {
            logging.ClearProviders();
            logging.SetMinimumLevel(LogLevel.Trace);
            logging.AddZLoggerStream(stream, options =>
            {
                options.FullMode = BackgroundBufferFullMode.Block;
                UseSyslogLine(options);
            });
        });

    /// <summary>ZLogger's plain-text formatter with a prefix that writes the RFC 5424 header GenLog writes.</summary>
    public static void UseSyslogLine(ZLoggerOptions options) =>
        options.UsePlainTextFormatter(formatter => formatter.SetPrefixFormatter(
            $"<{0}>1 {1:yyyy-MM-ddTHH:mm:ss.ffffffZ} {2} {3} {4} {5} - \uFEFF",
            (in MessageTemplate template, in LogInfo info) => template.Format(
                SyslogLine.Priority(info.LogLevel),
                info.Timestamp.Utc,
                SyslogLine.Host,
                SyslogLine.App,
                SyslogLine.ProcId,
                info.EventId.Name ?? "-")));
}
