using System;
using System.Globalization;
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
internal sealed class RelpSession : IDisposable
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
    private readonly Stream _stream;
    private readonly RelpResponseClock _responseClock;
    private bool _expired;
    private readonly int _window;
    private readonly int _maxTransactionNumber;
    private readonly object _gate = new();
    private readonly Task _reader;
    private byte[] _buffer = new byte[WriteBufferSize];
    private int _length;

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

    private RelpSession(Socket socket, Stream stream, RelpResponseClock responseClock, int window, int maxTransactionNumber, CancellationTokenRegistration abortRegistration)
    {
        _abortRegistration = abortRegistration;
        _socket = socket;
        _stream = stream;
        _responseClock = responseClock;
        _window = window;
        _maxTransactionNumber = maxTransactionNumber;
        _reader = Task.Run(ReadAsync);
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
            session = new RelpSession(socket, stream, responseClock, window, maxTransactionNumber, registration);
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
        lock (_gate)
        {
            _failure ??= new ObjectDisposedException(nameof(RelpSession));
            Monitor.PulseAll(_gate);
        }

        _length = 0;
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
            throw new IOException($"The RELP server at {endPoint} did not accept the offers relp_version and commands=syslog; it answered '{Escape(response)}'.");
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

    /// <summary>"RELP FRAME": <c>TXNR SP COMMAND SP DATALEN [SP DATA] TRAILER</c>; no SP and no DATA when DATALEN is 0.</summary>
    private void Append(int transaction, ReadOnlySpan<byte> command, ReadOnlySpan<byte> data)
    {
        var needed = 9 + 1 + command.Length + 1 + 9 + 1 + data.Length + 1;
        if (_length + needed > _buffer.Length)
        {
            WriteBuffer();
            if (needed > _buffer.Length)
            {
                _buffer = new byte[needed];
            }
        }

        var destination = _buffer.AsSpan(_length);
        transaction.TryFormat(destination, out var written, default, CultureInfo.InvariantCulture);
        destination[written++] = (byte)' ';
        command.CopyTo(destination[written..]);
        written += command.Length;
        destination[written++] = (byte)' ';
        data.Length.TryFormat(destination[written..], out var digits, default, CultureInfo.InvariantCulture);
        written += digits;
        if (data.Length > 0)
        {
            destination[written++] = (byte)' ';
            data.CopyTo(destination[written..]);
            written += data.Length;
        }

        destination[written++] = (byte)'\n';
        _length += written;
    }

    private void WriteBuffer()
    {
        if (_length > 0)
        {
            var length = _length;
            _length = 0;
            _stream.Write(_buffer, 0, length);
        }
    }

    /// <summary>Takes every frame the server sends off the wire until the connection ends.</summary>
    private async Task ReadAsync()
    {
        var parser = new RelpResponseParser(MaxResponseData);
        var buffer = new byte[4096];
        Exception failure;
        try
        {
            while (true)
            {
                var read = await _stream.ReadAsync(buffer).ConfigureAwait(false);
                if (read == 0)
                {
                    failure = new IOException("The RELP server closed the connection.");
                    break;
                }

                var frames = parser.Feed(buffer.AsSpan(0, read));
                foreach (var frame in frames)
                {
                    Handle(frame);
                }
            }
        }
        catch (Exception exception)
        {
            failure = exception;
        }

        lock (_gate)
        {
            _failure ??= failure;
            Monitor.PulseAll(_gate);
        }
    }

    private void Handle(RelpFrame frame)
    {
        lock (_gate)
        {
            if (frame.Transaction == 0)
            {
                // "Hint Command serverclose": the server closes the session; anything unanswered was not taken.
                if (frame.Command == "serverclose")
                {
                    throw new IOException("The RELP server closed the session (serverclose).");
                }

                // Other hints (transaction 0) need no answer and change nothing.
                return;
            }

            if (frame.Command != "rsp")
            {
                throw new InvalidDataException($"The RELP server sent the command '{frame.Command}' with transaction {frame.Transaction}; a server only answers with rsp.");
            }

            // Responses come "in the exact same order as commands were received", each with its command's TXNR.
            if (_oldest == _next || frame.Transaction != _oldest)
            {
                throw new InvalidDataException($"The RELP server answered transaction {frame.Transaction}, but the oldest unanswered one is {(_oldest == _next ? "none" : _oldest.ToString(CultureInfo.InvariantCulture))}.");
            }

            // "rsp" data: STATUS SP HUMAN-TEXT [LF DATA]; 200 is OK, anything else an error.
            var data = frame.Data;
            var end = data.IndexOf('\n');
            var line = end >= 0 ? data[..end] : data;
            if (line.Length < 3 || !char.IsAsciiDigit(line[0]) || !char.IsAsciiDigit(line[1]) || !char.IsAsciiDigit(line[2]) || (line.Length > 3 && line[3] != ' '))
            {
                throw new InvalidDataException($"The RELP server's response to transaction {frame.Transaction} has no status code: '{Escape(data)}'.");
            }

            if (!line.StartsWith("200", StringComparison.Ordinal))
            {
                throw new IOException($"The RELP server refused transaction {frame.Transaction}: '{Escape(line)}'.");
            }

            if (frame.Transaction == _openTransaction)
            {
                _openResponse = end >= 0 ? data[(end + 1)..] : string.Empty;
            }
            else if (frame.Transaction == _closeTransaction)
            {
                _closeAnswered = true;
            }
            else if (!_abandoned)
            {
                _acknowledged++;
            }

            _oldest++;
            Monitor.PulseAll(_gate);
        }
    }

    private static string Escape(string text)
    {
        var shown = text.Length > 200 ? text[..200] + "…" : text;
        return shown.Replace("\n", "\\n", StringComparison.Ordinal);
    }
}

/// <summary>One frame received from a RELP server: its transaction number, command and data (Latin-1, for inspection only).</summary>
internal readonly record struct RelpFrame(int Transaction, string Command, string Data);

/// <summary>
/// Cuts the bytes a RELP server sends into frames, as librelp's receive state machine does ("RELP FRAME"): TXNR of 1–9
/// digits, SP, COMMAND of 1–32 letters, SP, DATALEN of 1–9 digits, then SP and DATALEN octets when DATALEN is not 0,
/// then LF. Anything else is a malformed frame.
/// </summary>
internal sealed class RelpResponseParser(int maxData)
{
    private byte[] _pending = new byte[4096];
    private int _length;

    /// <summary>Adds received bytes; returns the frames completed by them.</summary>
    /// <exception cref="InvalidDataException">The bytes do not form a RELP frame.</exception>
    public System.Collections.Generic.List<RelpFrame> Feed(ReadOnlySpan<byte> received)
    {
        if (_length + received.Length > _pending.Length)
        {
            Array.Resize(ref _pending, Math.Max(_pending.Length * 2, _length + received.Length));
        }

        received.CopyTo(_pending.AsSpan(_length));
        _length += received.Length;
        var frames = new System.Collections.Generic.List<RelpFrame>();
        var start = 0;
        while (TryParse(_pending.AsSpan(start, _length - start), out var frame, out var used))
        {
            frames.Add(frame);
            start += used;
        }

        _pending.AsSpan(start, _length - start).CopyTo(_pending);
        _length -= start;
        return frames;
    }

    private bool TryParse(ReadOnlySpan<byte> bytes, out RelpFrame frame, out int used)
    {
        frame = default;
        used = 0;
        var position = 0;
        if (!Number(bytes, ref position, out var transaction) || !Separator(bytes, ref position))
        {
            return false;
        }

        var commandStart = position;
        while (position < bytes.Length && char.IsAsciiLetter((char)bytes[position]))
        {
            if (position - commandStart == 32)
            {
                throw Malformed(bytes, "a command longer than 32 letters");
            }

            position++;
        }

        if (position == bytes.Length)
        {
            return false;
        }

        if (position == commandStart)
        {
            throw Malformed(bytes, "no command");
        }

        var command = Encoding.ASCII.GetString(bytes[commandStart..position]);
        if (!Separator(bytes, ref position) || !Number(bytes, ref position, out var dataLength))
        {
            return false;
        }

        if (dataLength > maxData)
        {
            throw Malformed(bytes, $"DATALEN {dataLength}, more than the {maxData} a response may have");
        }

        var data = string.Empty;
        if (dataLength > 0)
        {
            if (!Separator(bytes, ref position))
            {
                return false;
            }

            if (bytes.Length - position < dataLength)
            {
                return false;
            }

            data = Encoding.Latin1.GetString(bytes.Slice(position, dataLength));
            position += dataLength;
        }

        if (position == bytes.Length)
        {
            return false;
        }

        if (bytes[position] != (byte)'\n')
        {
            throw Malformed(bytes, "no LF after the data (TRAILER)");
        }

        frame = new RelpFrame(transaction, command, data);
        used = position + 1;
        return true;
    }

    /// <summary>Reads NUMBER = 1*9DIGIT; false when the bytes end inside it.</summary>
    private static bool Number(ReadOnlySpan<byte> bytes, ref int position, out int value)
    {
        value = 0;
        var start = position;
        while (position < bytes.Length && char.IsAsciiDigit((char)bytes[position]))
        {
            if (position - start == 9)
            {
                throw Malformed(bytes, "a number of more than 9 digits");
            }

            value = (value * 10) + (bytes[position] - '0');
            position++;
        }

        if (position == bytes.Length)
        {
            return false;
        }

        if (position == start)
        {
            throw Malformed(bytes, "a field that should be a number");
        }

        return true;
    }

    /// <summary>Expects SP; false when the bytes end before it.</summary>
    private static bool Separator(ReadOnlySpan<byte> bytes, ref int position)
    {
        if (position == bytes.Length)
        {
            return false;
        }

        if (bytes[position] != (byte)' ')
        {
            throw Malformed(bytes, "no SP between the header fields");
        }

        position++;
        return true;
    }

    private static InvalidDataException Malformed(ReadOnlySpan<byte> bytes, string problem)
    {
        var shown = Encoding.Latin1.GetString(bytes[..Math.Min(bytes.Length, 80)]).Replace("\n", "\\n", StringComparison.Ordinal);
        return new InvalidDataException($"The RELP server sent a malformed frame ({problem}): '{shown}'.");
    }
}
