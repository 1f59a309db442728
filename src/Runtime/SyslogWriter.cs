using System;
using System.ComponentModel;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using GenLog.Formatting;

namespace GenLog;

/// <summary>
/// Formats the messages of <see cref="SyslogMessageAttribute"/> methods and hands them to a transport.
/// A logging call never throws: errors reach <see cref="SyslogWriterOptions.OnError"/> and
/// <see cref="Statistics"/>. Messages are sent on the caller's thread, as CPython's handlers do.
/// </summary>
public sealed class SyslogWriter : IDisposable, IAsyncDisposable
{
    private readonly ISyslogTransport _transport;
    private readonly MessageLayout _layout;
    private readonly Action<Exception>? _onError;
    private int _minimumSeverity;
    private long _sequenceId;
    private int _disposed;

    /// <summary>Creates a writer that sends through <paramref name="transport"/>; the writer owns and disposes it.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="transport"/> is null.</exception>
    /// <exception cref="ArgumentException">An option is invalid; the message names it.</exception>
    public SyslogWriter(ISyslogTransport transport, SyslogWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(transport);
        options ??= new SyslogWriterOptions();
        _layout = new MessageLayout(options);
        if (transport is UdpTransport && _layout.MaxMessageSize > UdpTransport.MaxDatagramSize)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _layout.MaxMessageSize, $"SyslogWriterOptions.MaxMessageSize must be at most {UdpTransport.MaxDatagramSize} for UDP, the largest datagram.");
        }

        _transport = transport;
        _onError = options.OnError;
        _minimumSeverity = (int)options.MinimumSeverity;
    }

    /// <summary>The wire format of every message.</summary>
    public SyslogFormat Format => _layout.Format;

    /// <summary>The facility of messages whose method and type name none.</summary>
    public SyslogFacility DefaultFacility => _layout.DefaultFacility;

    /// <summary>The largest message in bytes, after the format's default was applied.</summary>
    public int MaxMessageSize => _layout.MaxMessageSize;

    /// <summary>Messages less severe than this are skipped before anything is formatted; may be changed at any time.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined severity.</exception>
    public SyslogSeverity MinimumSeverity
    {
        get => (SyslogSeverity)Volatile.Read(ref _minimumSeverity);
        set
        {
            if ((uint)value > SyslogNames.MaxSeverity)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "MinimumSeverity must be a severity from Emergency (0) to Debug (7).");
            }

            Volatile.Write(ref _minimumSeverity, (int)value);
        }
    }

    /// <summary>Counters of what was sent, dropped, truncated and failed.</summary>
    public SyslogStatistics Statistics { get; } = new();

    /// <summary>
    /// Creates a writer from a URI: <c>udp://host:514</c> (the port defaults to 514).
    /// The other transports of the design (tcp, tls, unix, relp, python) are not built yet and are refused.
    /// </summary>
    /// <exception cref="ArgumentException">The URI is malformed, has an unknown scheme, or has query options (none are defined for UDP).</exception>
    public static SyslogWriter Create(string uri, SyslogWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(uri);
        const string expected = "Expected udp://host[:port], for example udp://localhost:514.";
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || string.IsNullOrEmpty(parsed.Host))
        {
            throw new ArgumentException($"'{uri}' is not a syslog URI. {expected}", nameof(uri));
        }

        if (!string.IsNullOrEmpty(parsed.Query) || !string.IsNullOrEmpty(parsed.Fragment) || parsed.AbsolutePath != "/" || !string.IsNullOrEmpty(parsed.UserInfo))
        {
            throw new ArgumentException($"'{uri}' has a path, query, fragment or user part, and UDP takes none. {expected}", nameof(uri));
        }

        ISyslogTransport transport = parsed.Scheme switch
        {
            "udp" => new UdpTransport(parsed.IdnHost, parsed.IsDefaultPort ? 514 : parsed.Port),
            _ => throw new ArgumentException($"'{uri}': the scheme '{parsed.Scheme}' is not supported. {expected}", nameof(uri)),
        };
        return new SyslogWriter(transport, options);
    }

    /// <summary>True when a message of <paramref name="severity"/> would be sent; generated methods test this first.</summary>
    public bool IsEnabled(SyslogSeverity severity) => (uint)severity <= (uint)_minimumSeverity;

    /// <summary>Waits until every message given so far has been handed to the transport. Sends are synchronous today, so this completes at once.</summary>
    public Task FlushAsync(CancellationToken cancellationToken = default) =>
        cancellationToken.IsCancellationRequested ? Task.FromCanceled(cancellationToken) : Task.CompletedTask;

    /// <summary>Starts a message whose PRI was computed at compile time (<c>"&lt;36&gt;"u8</c>). For generated code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public SyslogMessageBuilder BeginMessage(ReadOnlySpan<byte> priority, ReadOnlySpan<byte> appName, ReadOnlySpan<byte> msgId) =>
        new(this, _layout, priority, appName, msgId);

    /// <summary>Starts a message whose PRI is known only at run time (a severity parameter, or the writer's default facility). For generated code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public SyslogMessageBuilder BeginMessage(SyslogFacility? facility, SyslogSeverity severity, ReadOnlySpan<byte> appName, ReadOnlySpan<byte> msgId)
    {
        // Out-of-range values cannot come from generated code; by hand they fall back rather than break the frame.
        var code = facility is { } f && (uint)f <= SyslogNames.MaxFacility ? f : _layout.DefaultFacility;
        var pri = ((int)code << 3) | ((int)severity & 7);
        Span<byte> text = stackalloc byte[5];
        text[0] = (byte)'<';
        pri.TryFormat(text[1..], out var digits, default, CultureInfo.InvariantCulture);
        text[digits + 1] = (byte)'>';
        return new(this, _layout, text[..(digits + 2)], appName, msgId);
    }

    /// <summary>Closes the transport. Messages logged afterwards are counted as dropped.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _transport.Dispose();
        }
    }

    /// <summary>Closes the transport (CPython's <c>close()</c>).</summary>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    internal long NextSequenceId()
    {
        // RFC 5424 §7.3.1: 1 to 2147483647, then wraps to 1.
        var next = Interlocked.Increment(ref _sequenceId);
        return ((next - 1) % int.MaxValue) + 1;
    }

    internal void Deliver(ReadOnlySpan<byte> message, bool truncated)
    {
        if (truncated)
        {
            Statistics.AddTruncated();
        }

        if (Volatile.Read(ref _disposed) != 0)
        {
            Statistics.AddDropped();
            return;
        }

        try
        {
            _transport.Send(message);
            Statistics.AddSent();
        }
        catch (Exception exception)
        {
            Statistics.AddDropped();
            ReportError(exception);
        }
    }

    internal void ReportError(Exception exception)
    {
        Statistics.AddError();
        try
        {
            _onError?.Invoke(exception);
        }
        catch (Exception)
        {
            // OnError must not throw; if it does, the logging call still must not.
        }
    }
}
