using System;
using System.Diagnostics;
using System.Text;

namespace GenLog.Formatting;

/// <summary>
/// The validated, pre-encoded form of <see cref="SyslogWriterOptions"/>: every header byte that does
/// not change per message, computed once at construction.
/// </summary>
internal sealed class MessageLayout
{
    /// <summary>The largest message accepted by <see cref="SyslogWriterOptions.MaxMessageSize"/>.</summary>
    public const int MaxMessageSizeLimit = 16 * 1024 * 1024;

    /// <summary>Room that must be left for MSG after the longest possible header.</summary>
    private const int MinimumMessageRoom = 64;

    /// <summary>A message buffer's first size when the header is shorter: most messages fit.</summary>
    private const int DefaultInitialBuffer = 2048;

    /// <summary>The longest <see cref="SyslogWriterOptions.Ident"/> in UTF-8 bytes.</summary>
    internal const int MaxIdent = 256;

    // RFC 5424 §6: field lengths.
    private const int MaxHostName = 255;
    private const int MaxAppName = SyslogLimits.MaxAppName;
    private const int MaxProcId = 128;
    private const int MaxMsgId = SyslogLimits.MaxMsgId;

    // RFC 3164 §4.1.3: the TAG is at most 32 alphanumeric characters.
    private const int MaxTag = 32;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The default largest pickle: a frame (length, HMAC tag, pickle) still fits one UDP datagram.</summary>
    public const int DefaultPickleSize = 65_000;

    public MessageLayout(SyslogWriterOptions options, bool pickle = false)
    {
        IsPickle = pickle;
        Format = options.Format switch
        {
            SyslogFormat.Rfc5424 or SyslogFormat.Rfc3164 or SyslogFormat.Bare => options.Format,
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Format, "SyslogWriterOptions.Format must be Rfc5424, Rfc3164 or Bare."),
        };
        if ((uint)options.DefaultFacility > SyslogNames.MaxFacility)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.DefaultFacility, "SyslogWriterOptions.DefaultFacility must be a facility from Kern (0) to Local7 (23).");
        }

        if ((uint)options.MinimumSeverity > SyslogNames.MaxSeverity)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MinimumSeverity, "SyslogWriterOptions.MinimumSeverity must be a severity from Emergency (0) to Debug (7).");
        }

        ExceptionFormat = options.ExceptionFormat is ExceptionFormat.Full or ExceptionFormat.TypeAndMessage or ExceptionFormat.None
            ? options.ExceptionFormat
            : throw new ArgumentOutOfRangeException(nameof(options), options.ExceptionFormat, "SyslogWriterOptions.ExceptionFormat must be Full, TypeAndMessage or None.");
        TraceContext = options.TraceContext;
        if (TraceContext)
        {
            TraceSdId = SyslogLimits.IsPrivateSdId(options.TraceStructuredDataId ?? string.Empty)
                ? Encoding.ASCII.GetBytes(options.TraceStructuredDataId!)
                : throw new ArgumentException($"SyslogWriterOptions.TraceStructuredDataId must be a private SD-ID, name@enterprise-number, 1 to 32 printable US-ASCII characters without '=', space, ']' or '\"' (RFC 5424 §6.3.2, §7.2.2); got \"{options.TraceStructuredDataId}\".", nameof(options));
        }

        HostName = HeaderField(options.HostName, nameof(SyslogWriterOptions.HostName), MaxHostName, DefaultHostName);
        AppName = HeaderField(options.AppName, nameof(SyslogWriterOptions.AppName), MaxAppName, DefaultAppName);
        ProcId = HeaderField(options.ProcId, nameof(SyslogWriterOptions.ProcId), MaxProcId, () => Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Tag = ToTag(AppName);
        Ident = IdentBytes(options.Ident);
        DefaultFacility = options.DefaultFacility;
        AppendNul = options.AppendNul;
        Utf8Bom = options.Utf8Bom && Format == SyslogFormat.Rfc5424;
        EscapeControlCharacters = options.EscapeControlCharacters;
        SequenceId = options.SequenceId && Format == SyslogFormat.Rfc5424;
        TimeProvider = options.TimeProvider ?? TimeProvider.System;
        MillisecondTimestamps = options.TimestampPrecision switch
        {
            TimestampPrecision.Microseconds => false,
            TimestampPrecision.Milliseconds => true,
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.TimestampPrecision, "SyslogWriterOptions.TimestampPrecision must be Microseconds or Milliseconds."),
        };
        _coarseClock = MillisecondTimestamps && ReferenceEquals(TimeProvider, TimeProvider.System) && CoarseClock.IsAvailable;
        Started = Now();

        if (pickle)
        {
            Python = new PythonRecordParts(ProcId, options.AppName);
        }

        var minimum = (pickle ? Python!.LongestFixedPart : LongestHeader()) + Ident.Length + MinimumMessageRoom;
        MaxMessageSize = options.MaxMessageSize ?? Math.Max(minimum, pickle ? DefaultPickleSize : Format == SyslogFormat.Rfc3164 ? 1024 : 8192);
        if (MaxMessageSize < minimum || MaxMessageSize > MaxMessageSizeLimit)
        {
            throw new ArgumentOutOfRangeException(
                nameof(options),
                MaxMessageSize,
                $"SyslogWriterOptions.MaxMessageSize must be from {minimum} (the longest header these options can produce, plus {MinimumMessageRoom} bytes of message) to {MaxMessageSizeLimit}.");
        }

        // The trailing NUL is part of MaxMessageSize, so the formatted bytes stop one short of it.
        ContentLimit = MaxMessageSize - (AppendNul ? 1 : 0);

        // Room for the longest header and some message: most messages never grow the buffer.
        InitialBufferSize = Math.Min(MaxMessageSize, Math.Max(DefaultInitialBuffer, minimum));
    }

    /// <summary>Read the kernel's coarse clock for the timestamps (<see cref="TimestampPrecision.Milliseconds"/>, the system's time provider).</summary>
    private readonly bool _coarseClock;

    public SyslogFormat Format { get; }

    /// <summary>Messages are Python logging records (pickles) for the Python transports, not syslog lines.</summary>
    public bool IsPickle { get; }

    /// <summary>The precomputed parts of a Python record; set when <see cref="IsPickle"/>.</summary>
    public PythonRecordParts? Python { get; }

    public byte[] HostName { get; }

    public byte[] AppName { get; }

    public byte[] ProcId { get; }

    /// <summary>The RFC 3164 TAG made from <see cref="AppName"/>.</summary>
    public byte[] Tag { get; }

    public byte[] Ident { get; }

    public SyslogFacility DefaultFacility { get; }

    public bool AppendNul { get; }

    public bool Utf8Bom { get; }

    public bool EscapeControlCharacters { get; }

    public bool SequenceId { get; }

    public ExceptionFormat ExceptionFormat { get; }

    /// <summary>Messages carry the trace context of <see cref="Activity.Current"/> (<see cref="SyslogWriterOptions.TraceContext"/>).</summary>
    public bool TraceContext { get; }

    /// <summary>The SD-ID of the trace context's element; empty unless <see cref="TraceContext"/>.</summary>
    public byte[] TraceSdId { get; } = [];

    public TimeProvider TimeProvider { get; }

    /// <summary><see cref="TimestampPrecision.Milliseconds"/>: three fraction digits, and the coarse clock where there is one.</summary>
    public bool MillisecondTimestamps { get; }

    /// <summary>The length of the RFC 5424 timestamp this layout writes (RFC 5424 §6.2.3: 3 or 6 TIME-SECFRAC digits).</summary>
    public int Rfc5424TimestampLength => MillisecondTimestamps ? Timestamps.Rfc5424MillisecondsLength : Timestamps.Rfc5424Length;

    /// <summary>When the writer was made: Python's relativeCreated counts from here.</summary>
    public DateTimeOffset Started { get; }

    /// <summary>
    /// The time a message is stamped with: the time provider's, or with <see cref="TimestampPrecision.Milliseconds"/>
    /// the coarse clock's (when the provider is the system's), cut to the millisecond.
    /// </summary>
    public DateTimeOffset Now()
    {
        if (!MillisecondTimestamps)
        {
            return TimeProvider.GetUtcNow();
        }

        var now = _coarseClock ? CoarseClock.UtcNow() : TimeProvider.GetUtcNow();
        return new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }

    public int MaxMessageSize { get; }

    /// <summary>The bytes a message may fill before the trailing NUL.</summary>
    public int ContentLimit { get; }

    /// <summary>
    /// The size a message's buffer starts at: the longest header and some message, at most <see cref="MaxMessageSize"/>.
    /// Headers are written without checks, so it must hold the longest one; values grow the buffer as they need.
    /// </summary>
    public int InitialBufferSize { get; }

    /// <summary>Keeps the alphanumeric characters of an APP-NAME, at most 32 (RFC 3164 §4.1.3).</summary>
    public static int WriteTag(ReadOnlySpan<byte> appName, Span<byte> destination)
    {
        var length = 0;
        foreach (var b in appName)
        {
            if (length == MaxTag)
            {
                break;
            }

            if (b is (>= (byte)'0' and <= (byte)'9') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z'))
            {
                destination[length++] = b;
            }
        }

        return length;
    }

    private static byte[] ToTag(byte[] appName)
    {
        Span<byte> tag = stackalloc byte[MaxTag];
        var length = WriteTag(appName, tag);
        return length == 0 ? "genlog"u8.ToArray() : tag[..length].ToArray();
    }

    private int LongestHeader()
    {
        const int pri = 5; // "<191>"
        return Format switch
        {
            // <PRI>1 TIMESTAMP HOST APP PROCID MSGID [meta sequenceId="2147483647"] BOM
            SyslogFormat.Rfc5424 => pri + 2 + 27 + 1 + HostName.Length + 1 + MaxAppName + 1 + ProcId.Length + 1 + MaxMsgId + 1
                + (SequenceId ? "[meta sequenceId=\"2147483647\"]".Length : 1) + 1 + (Utf8Bom ? 3 : 0),
            // <PRI>Mmm dd hh:mm:ss HOST TAG[PID]: 
            SyslogFormat.Rfc3164 => pri + 16 + HostName.Length + 1 + MaxTag + 1 + ProcId.Length + 3,
            _ => pri,
        } + (AppendNul ? 1 : 0);
    }

    private static byte[] HeaderField(string? value, string option, int maxLength, Func<string> fallback)
    {
        if (value is null)
        {
            return Sanitize(fallback(), maxLength);
        }

        if (!SyslogLimits.IsHeaderField(value, maxLength))
        {
            throw new ArgumentException($"SyslogWriterOptions.{option} must be 1 to {maxLength} printable US-ASCII characters (RFC 5424 §6), without spaces; got \"{value}\".", "options");
        }

        return Encoding.ASCII.GetBytes(value);
    }

    /// <summary>Defaults come from the machine, which we do not control: keep what is valid rather than fail.</summary>
    private static byte[] Sanitize(string value, int maxLength)
    {
        var bytes = new byte[Math.Min(value.Length, maxLength)];
        for (var i = 0; i < bytes.Length; i++)
        {
            var c = value[i];
            bytes[i] = SyslogLimits.IsPrintableAscii(c) ? (byte)c : (byte)'_';
        }

        return bytes.Length == 0 ? "-"u8.ToArray() : bytes;
    }

    private static string DefaultHostName()
    {
        try
        {
            return Environment.MachineName;
        }
        catch (InvalidOperationException)
        {
            return "-";
        }
    }

    private static string DefaultAppName()
    {
        using var process = Process.GetCurrentProcess();
        return process.ProcessName;
    }

    private static byte[] IdentBytes(string? ident)
    {
        if (string.IsNullOrEmpty(ident))
        {
            return Array.Empty<byte>();
        }

        foreach (var c in ident)
        {
            if (c < ' ' || c == '\u007f')
            {
                throw new ArgumentException("SyslogWriterOptions.Ident must not contain control characters.", "options");
            }
        }

        byte[] bytes;
        try
        {
            bytes = StrictUtf8.GetBytes(ident);
        }
        catch (EncoderFallbackException)
        {
            throw new ArgumentException("SyslogWriterOptions.Ident must be valid UTF-16 (it has a lone surrogate).", "options");
        }

        // A prefix such as "myapp: ": bounded, so that it cannot silently raise the default MaxMessageSize.
        return bytes.Length <= MaxIdent
            ? bytes
            : throw new ArgumentOutOfRangeException("options", bytes.Length, $"SyslogWriterOptions.Ident must be at most {MaxIdent} bytes in UTF-8 (a prefix such as \"myapp: \").");
    }
}
