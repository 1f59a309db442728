using System;
using System.IO;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace GenLog.Transports;

/// <summary>
/// One RELP session on one TCP (or TLS) connection, as librelp's client speaks it (RELP specification, librelp
/// doc/relp.md). The sender thread writes commands; a reader task takes every response off the wire as it comes, so
/// acknowledgements, a negative answer, a malformed frame, <c>serverclose</c> and EOF are seen at once, and the window
/// frees up while the sender is still writing.
/// </summary>
internal sealed partial class RelpSession : IDisposable
{
    /// <summary>"RELP FRAME": <c>NUMBER = 1*9DIGIT</c>, so a transaction number is at most 999,999,999.</summary>
    public const int MaxTransactionNumber = 999_999_999;

    /// <summary>The largest response accepted; an <c>rsp</c> is a status line and, for <c>open</c>, a few offers.</summary>
    private const int MaxResponseData = 64 * 1024;

    /// <summary>Frames are collected into one buffer of this size before a write, so a batch becomes few writes.</summary>
    private const int WriteBufferSize = 64 * 1024;

    /// <summary>"Command open": the offers librelp's client makes (relp_version 0, as librelp speaks it; the syslog command).</summary>
    private static readonly byte[] Offers = "relp_version=0\ncommands=syslog"u8.ToArray();

    /// <summary>How long a graceful close waits for the <c>close</c> response and then for the server's FIN.</summary>
    private static readonly TimeSpan CloseWait = TimeSpan.FromSeconds(2);

    private readonly Socket _socket;
    private readonly CancellationTokenRegistration _abortRegistration;
    private readonly CancellationTokenRegistration _abortWake;
    private readonly Stream _stream;
    private readonly RelpResponseClock _responseClock;
    private bool _expired;
    private readonly int _window;
    private readonly int _maxTransactionNumber;
    private readonly object _gate = new();
    private readonly Task _reader;
    private readonly RelpFrameWriter _frames = new(WriteBufferSize);

    // Under _gate: the reader answers what the sender asked.
    private int _next = 1;
    private int _oldest = 1;
    private int _openTransaction = -1;
    private int _closeTransaction = -1;
    private string? _openResponse;
    private bool _closeAnswered;
    private int _acknowledged;
    private Exception? _failure;
    private bool _abandoned;

    private RelpSession(Socket socket, Stream stream, RelpResponseClock responseClock, int window, int maxTransactionNumber, AbortSignal abort, CancellationTokenRegistration abortRegistration)
    {
        _abortRegistration = abortRegistration;
        _socket = socket;
        _stream = stream;
        _responseClock = responseClock;
        _window = window;
        _maxTransactionNumber = maxTransactionNumber;
        _reader = Task.Run(ReadAsync);

        // An abort wakes a sender waiting for a response here and now, in the Abort call: the reader would see the
        // closed socket too, but only once the thread pool runs its continuation, which a busy process can delay past
        // what Dispose promises.
        _abortWake = abort.Token.Register(static state => ((RelpSession)state!).Fail(new OperationCanceledException("The RELP transport was aborted: Dispose's CloseTimeout ran out.")), this);
    }

    /// <summary>True when only the last transaction number is left, which <c>close</c> takes: the session must be closed and a new one opened.</summary>
    public bool Exhausted
    {
        get
        {
            lock (_gate)
            {
                return _next >= _maxTransactionNumber;
            }
        }
    }

    /// <summary>True when the server closed the session (serverclose, EOF) or it failed while idle.</summary>
    public bool Failed
    {
        get
        {
            lock (_gate)
            {
                return _failure is not null;
            }
        }
    }

    /// <summary>
    /// Connects (and authenticates TLS) within <paramref name="connectTimeout"/>, sends <c>open</c> and waits for its
    /// response, which must accept relp_version and the syslog command ("Command open").
    /// </summary>
    public static RelpSession Open(string host, int port, SslClientAuthenticationOptions? tls, TimeSpan connectTimeout, TimeSpan writeTimeout, RelpResponseClock responseClock, int window, int maxTransactionNumber, AbortSignal abort)
    {
        var address = HostResolver.Resolve(host, connectTimeout, abort);
        var endPoint = new IPEndPoint(address, port);
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };

        // From here on an abort closes the socket: a blocked connect, write or wait for a response ends at once.
        var registration = abort.Watch(socket);
        RelpSession? session = null;
        try
        {
            // librelp speaks TLS from the first byte.
            var stream = SocketStreams.Open(socket, endPoint, connectTimeout, writeTimeout, tls, abort);
            session = new RelpSession(socket, stream, responseClock, window, maxTransactionNumber, abort, registration);
            session.Handshake(endPoint);
            return session;
        }
        catch
        {
            session?.Dispose();
            registration.Dispose();
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Adds a <c>syslog</c> command for <paramref name="message"/>, first waiting (reading acknowledgements) while the window is full.</summary>
    public void Send(ReadOnlySpan<byte> message)
    {
        bool full;
        lock (_gate)
        {
            ThrowIfFailed();
            full = _next - _oldest >= _window;
        }

        if (full)
        {
            // The window is full: what is buffered must reach the server before its answers can free a slot. One free
            // slot is enough to go on: waiting for more makes it worse, as the server's small answers then wait on
            // Nagle and delayed ACKs (measured: 5x slower against imrelp).
            WriteBuffer();
            lock (_gate)
            {
                WaitUntil(() => _next - _oldest < _window, "a free slot in the window");
            }
        }

        int transaction;
        lock (_gate)
        {
            // Only this (the sender's) thread assigns transaction numbers; the reader compares them under the lock.
            transaction = _next++;
        }

        Append(transaction, "syslog"u8, message);
    }

    /// <summary>Writes what is buffered and returns when every command sent so far was answered with 200.</summary>
    public void Flush()
    {
        WriteBuffer();
        _stream.Flush();
        lock (_gate)
        {
            WaitUntil(() => _oldest == _next, "the acknowledgement of every message");
        }
    }

    /// <summary>Syslog commands acknowledged since the last call (or the start); the count starts over.</summary>
    public int TakeAcknowledged()
    {
        lock (_gate)
        {
            var acknowledged = _acknowledged;
            _acknowledged = 0;
            return acknowledged;
        }
    }

    /// <summary>Gives the session up after a failure: later acknowledgements are not counted, and the connection is dropped.</summary>
    public int Abandon()
    {
        int acknowledged;
        lock (_gate)
        {
            acknowledged = _acknowledged;
            _acknowledged = 0;
            _abandoned = true;
        }

        Dispose();
        return acknowledged;
    }

    /// <summary>
    /// "Command close": sends <c>close</c> when every command was answered and waits briefly for its response, then
    /// closes the connection in order (TLS close_notify, FIN, a short wait for the server's side).
    /// </summary>
    public void Close()
    {
        try
        {
            bool answered;
            lock (_gate)
            {
                answered = _failure is null && _oldest == _next && _next <= _maxTransactionNumber;
                if (answered)
                {
                    _closeTransaction = _next++;
                }
            }

            if (answered)
            {
                Append(_closeTransaction, "close"u8, default);
                WriteBuffer();
                lock (_gate)
                {
                    // A bounded courtesy on the real clock: Dispose's CloseTimeout aborts it anyway.
                    var waited = System.Diagnostics.Stopwatch.StartNew();
                    while (!_closeAnswered && _failure is null && waited.Elapsed < CloseWait)
                    {
                        Monitor.Wait(_gate, CloseWait - waited.Elapsed);
                    }
                }
            }

            if (_stream is SslStream ssl)
            {
                ssl.ShutdownAsync().Wait(CloseWait);
            }

            _socket.Shutdown(SocketShutdown.Send);
            _reader.Wait(CloseWait);
        }
        catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException or AggregateException or TimeoutException)
        {
            // The peer is gone already: nothing more to close politely.
        }

        Dispose();
    }

    /// <summary>Drops the connection at once (after a failure).</summary>
    public void Dispose()
    {
        Fail(new ObjectDisposedException(nameof(RelpSession)));
        _frames.Clear();
        _abortWake.Dispose();
        _abortRegistration.Dispose();
        _stream.Dispose();
        _socket.Dispose();
    }

    private void Handshake(EndPoint endPoint)
    {
        lock (_gate)
        {
            _openTransaction = _next++;
        }

        Append(_openTransaction, "open"u8, Offers);
        WriteBuffer();
        _stream.Flush();
        string response;
        lock (_gate)
        {
            WaitUntil(() => _openResponse is not null, "the response to open");
            response = _openResponse!;
        }

        // "Command open": the server answers with the offers it accepts; relp_version must be among them, and the
        // client must not use a command the server did not list.
        var offers = response.Split('\n');
        var version = Array.Find(offers, offer => offer.StartsWith("relp_version=", StringComparison.Ordinal));
        var commands = Array.Find(offers, offer => offer.StartsWith("commands=", StringComparison.Ordinal));
        if (version is null || commands is null || Array.IndexOf(commands["commands=".Length..].Split(','), "syslog") < 0)
        {
            throw new IOException($"The RELP server at {endPoint} did not accept the offers relp_version and commands=syslog; it answered '{Shown(Encoding.Latin1.GetBytes(response))}'.");
        }
    }

    /// <summary>Waits on <see cref="_gate"/> (held) until <paramref name="done"/>; fails on a session failure or when no response arrives for the response timeout.</summary>
    /// <summary>
    /// Waits (holding <c>_gate</c>, which Monitor.Wait releases) until <paramref name="done"/>, a failure, or no response for
    /// the response timeout — a timer on the transport's clock, so a test's clock drives it; every response starts it over.
    /// </summary>
    private void WaitUntil(Func<bool> done, string what)
    {
        if (done())
        {
            return;
        }

        var progress = _oldest;
        _expired = false;
        using var timer = _responseClock.Start(static state => ((RelpSession)state!).Expire(), this);
        while (!done())
        {
            ThrowIfFailed();
            if (_oldest != progress)
            {
                // A response arrived: the server is alive, the timeout starts over.
                progress = _oldest;
                _expired = false;
                _responseClock.Restart(timer);
            }
            else if (_expired)
            {
                throw new TimeoutException($"The RELP server sent no response for {_responseClock.Timeout.TotalSeconds:0.###} s while GenLog waited for {what} ({_next - _oldest} command(s) unanswered).");
            }

            Monitor.Wait(_gate);
        }
    }

    /// <summary>Ends the session with <paramref name="failure"/> (the first one stays) and wakes whoever waits for a response.</summary>
    private void Fail(Exception failure)
    {
        lock (_gate)
        {
            _failure ??= failure;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>The response timer ran out: the waiter sees it.</summary>
    private void Expire()
    {
        lock (_gate)
        {
            _expired = true;
            Monitor.PulseAll(_gate);
        }
    }

    private void ThrowIfFailed()
    {
        if (_failure is { } failure)
        {
            throw failure switch
            {
                ObjectDisposedException => new IOException("The RELP session was closed.", failure),
                InvalidDataException => new InvalidDataException(failure.Message, failure),
                _ => new IOException(failure.Message, failure),
            };
        }
    }

    private void Append(int transaction, ReadOnlySpan<byte> command, ReadOnlySpan<byte> data) => _frames.Append(transaction, command, data, _stream);

    private void WriteBuffer() => _frames.WriteTo(_stream);
}
