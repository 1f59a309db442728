using System;
using System.Collections.Generic;
using GenLog.TestSupport;

namespace GenLog.Tests;

/// <summary>Fails every send, as a socket to a dead peer does.</summary>
public sealed class FailingTransport : ISyslogTransport
{
    public int Disconnects { get; private set; }

    public void Connect()
    {
    }

    public void Send(ReadOnlySpan<byte> message) => throw new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused);

    public void Flush()
    {
    }

    public void Disconnect() => Disconnects++;

    public void Dispose()
    {
    }
}

/// <summary>A clock that stands still, in a chosen local time zone.</summary>
public sealed class FixedTime(DateTimeOffset now, TimeZoneInfo? zone = null) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;

    public override TimeZoneInfo LocalTimeZone => zone ?? TimeZoneInfo.Utc;
}

public static class Writers
{
    public static readonly DateTimeOffset Now = new DateTimeOffset(2026, 11, 24, 9, 18, 0, TimeSpan.Zero).AddTicks(1234567);

    /// <summary>
    /// A queued writer (Bare format, fixed header fields, CloseTimeout 300 ms) over a transport whose server is up or down
    /// as the test says, on a clock the test advances.
    /// </summary>
    public static (SyslogWriter Writer, ScriptedTransport Transport, ManualTime Time) Scripted(DateTimeOffset start, Action<SyslogWriterOptions>? configure = null)
    {
        var time = new ManualTime(start);
        var transport = new ScriptedTransport(time);
        var options = new SyslogWriterOptions { HostName = "h", AppName = "a", ProcId = "1", Format = SyslogFormat.Bare, TimeProvider = time, CloseTimeout = TimeSpan.FromMilliseconds(300) };
        configure?.Invoke(options);
        return (new SyslogWriter(transport, options), transport, time);
    }

    /// <summary>A synchronous writer into a capture transport, with fixed header fields.</summary>
    public static (SyslogWriter Writer, CaptureTransport Transport) Capture(Action<SyslogWriterOptions>? configure = null)
    {
        var options = new SyslogWriterOptions
        {
            HostName = "host1",
            AppName = "app",
            ProcId = "42",
            TimeProvider = new FixedTime(Now),
            Synchronous = true,
        };
        configure?.Invoke(options);
        var transport = new CaptureTransport();
        return (new SyslogWriter(transport, options), transport);
    }
}

/// <summary>A transport whose server is up or down as the test says; it records every attempt and message.</summary>
public sealed class ScriptedTransport(TimeProvider time) : ISyslogTransport
{
    private readonly object _gate = new();
    private readonly List<byte[]> _delivered = new();
    private readonly List<byte[]> _pending = new();
    private bool _connected;

    /// <summary>Whether the server accepts connections.</summary>
    public volatile bool Up;

    /// <summary>Released once per connect attempt.</summary>
    public System.Threading.SemaphoreSlim AttemptMade { get; } = new(0);

    /// <summary>While reset, a connect attempt hangs (after <see cref="AttemptMade"/>), as a connect to a host that does not answer.</summary>
    public System.Threading.ManualResetEventSlim ConnectGate { get; } = new(true);

    /// <summary>The clock's time at each connect attempt.</summary>
    public List<DateTimeOffset> Attempts { get; } = new();

    public int Flushes { get; private set; }

    public List<string> Delivered
    {
        get
        {
            lock (_gate)
            {
                return _delivered.ConvertAll(m => System.Text.Encoding.UTF8.GetString(m));
            }
        }
    }

    public void Connect()
    {
        lock (_gate)
        {
            Attempts.Add(time.GetUtcNow());
        }

        AttemptMade.Release();
        ConnectGate.Wait();
        if (!Up)
        {
            throw new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused);
        }

        _connected = true;
    }

    public void Send(ReadOnlySpan<byte> message)
    {
        if (!_connected)
        {
            throw new InvalidOperationException("not connected");
        }

        _pending.Add(message.ToArray());
    }

    public void Flush()
    {
        lock (_gate)
        {
            _delivered.AddRange(_pending);
            Flushes++;
        }

        _pending.Clear();
    }

    public void Disconnect()
    {
        _connected = false;
        _pending.Clear();
    }

    public void Dispose() => Disconnect();
}
