using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using GenLog.TestSupport;
using GenLog.Transports;

namespace GenLog.Tests;

/// <summary>
/// RelpTransport's bytes and its answers to every kind of response, against a RELP server of the test's own on
/// 127.0.0.1 (the real rsyslog imrelp tests are in GenLog.Interop.Tests), and the RELP URIs.
/// </summary>
public sealed class RelpTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private static SyslogWriterOptions Options(ConcurrentQueue<Exception> errors) => new()
    {
        HostName = "h",
        AppName = "a",
        ProcId = "1",
        Format = SyslogFormat.Bare,
        OnError = errors.Enqueue,
        CloseTimeout = TimeSpan.FromSeconds(5),
        Reconnect = new ReconnectPolicy { InitialDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(50) },
    };

    [Fact]
    public async Task Open_syslog_and_close_frames_are_exactly_as_librelp_writes_them()
    {
        using var server = new FakeRelpServer((_, connection) => connection.AcknowledgeAllAsync());
        var errors = new ConcurrentQueue<Exception>();
        var options = Options(errors);
        options.EscapeControlCharacters = false;
        await using (var writer = new SyslogWriter(new RelpTransport("127.0.0.1", server.Port), options))
        {
            PlainLog.Text(writer, "one");
            await writer.FlushAsync().WaitAsync(Wait);
            PlainLog.Text(writer, "two\nlines");
            await writer.FlushAsync().WaitAsync(Wait);
            Assert.Equal(2, writer.Statistics.Sent);
        }

        // RELP FRAME: TXNR SP COMMAND SP DATALEN [SP DATA] LF; "open" offers relp_version and commands; close has no data.
        // DATALEN frames the message, so a raw LF inside (escaping off) travels as it is.
        Assert.Equal(
            "1 open 30 relp_version=0\ncommands=syslog\n" +
            "2 syslog 13 <14>Text: one\n" +
            "3 syslog 19 <14>Text: two\nlines\n" +
            "4 close 0\n",
            await server.RawAsync(0));
        Assert.Empty(errors);
    }

    [Fact]
    public async Task After_a_broken_connection_only_the_unacknowledged_messages_are_sent_again_with_new_transaction_numbers()
    {
        // First connection: acknowledges two syslog commands, takes three more without answering, then drops.
        using var server = new FakeRelpServer(async (index, connection) =>
        {
            if (index > 0)
            {
                await connection.AcknowledgeAllAsync();
                return;
            }

            await connection.AnswerOpenAsync();
            for (var received = 1; received <= 5; received++)
            {
                var frame = await connection.ReadFrameAsync() ?? throw new EndOfStreamException();
                if (received <= 2)
                {
                    await connection.WriteAsync($"{frame.Transaction} rsp 6 200 OK\n");
                }
            }

            connection.Abort();
        });
        var errors = new ConcurrentQueue<Exception>();
        await using var writer = new SyslogWriter(new RelpTransport("127.0.0.1", server.Port), Options(errors));
        for (var i = 1; i <= 5; i++)
        {
            PlainLog.Text(writer, "m" + i);
        }

        await writer.FlushAsync().WaitAsync(Wait);
        var first = server.Syslog(0);
        var second = server.Syslog(1);
        Assert.Equal(new[] { "m1", "m2", "m3", "m4", "m5" }, first.Select(f => f.Text));
        Assert.Equal(new[] { "m3", "m4", "m5" }, second.Select(f => f.Text));
        Assert.Equal(new[] { 2, 3, 4 }, second.Select(f => f.Transaction));
        Assert.Equal(5, writer.Statistics.Sent);
        Assert.NotEmpty(errors);
    }

    [Theory]
    [InlineData("500 not now", typeof(IOException), "refused transaction 2: '500 not now'")]
    [InlineData("x", typeof(InvalidDataException), "no status code")]
    [InlineData("serverclose", typeof(IOException), "serverclose")]
    public async Task A_negative_malformed_or_serverclose_answer_is_reported_and_the_message_goes_again_on_a_new_session(string answer, Type error, string message)
    {
        using var server = new FakeRelpServer(async (index, connection) =>
        {
            if (index > 0)
            {
                await connection.AcknowledgeAllAsync();
                return;
            }

            await connection.AnswerOpenAsync();
            var frame = await connection.ReadFrameAsync() ?? throw new EndOfStreamException();
            await connection.WriteAsync(answer == "serverclose" ? "0 serverclose 0\n" : $"{frame.Transaction} rsp {Encoding.UTF8.GetByteCount(answer)} {answer}\n");
            await connection.DrainAsync();
        });
        var errors = new ConcurrentQueue<Exception>();
        await using var writer = new SyslogWriter(new RelpTransport("127.0.0.1", server.Port), Options(errors));
        PlainLog.Text(writer, "again");
        await writer.FlushAsync().WaitAsync(Wait);

        Assert.Equal(new[] { "again" }, server.Syslog(1).Select(f => f.Text));
        var reported = Assert.Single(errors, e => e.Message.Contains(message, StringComparison.Ordinal));
        Assert.IsType(error, reported);
        Assert.Equal(1, writer.Statistics.Sent);
        Assert.Equal(1, writer.Statistics.Reconnects);
    }

    [Fact]
    public async Task No_more_than_the_window_is_ever_unacknowledged()
    {
        // The server answers only when the test says so, oldest first; so the client's window is always full.
        var unanswered = new ConcurrentQueue<int>();
        var answer = new SemaphoreSlim(0);
        using var server = new FakeRelpServer(async (_, connection) =>
        {
            await connection.AnswerOpenAsync();
            var answering = Task.Run(async () =>
            {
                while (await answer.WaitAsync(Wait) && unanswered.TryDequeue(out var transaction))
                {
                    await connection.WriteAsync($"{transaction} rsp 6 200 OK\n");
                }
            });
            while (await connection.ReadFrameAsync() is { } frame)
            {
                if (frame.Command == "close")
                {
                    await connection.WriteAsync($"{frame.Transaction} rsp 6 200 OK\n");
                    break;
                }

                unanswered.Enqueue(frame.Transaction);
            }

            answer.Release(); // nothing is left to answer: the answering loop ends
            await answering;
        });

        // The transport on a thread of the test's own, so the test sees when a call waits.
        const int messages = 6;
        var sent = 0;
        var failure = default(Exception);
        var client = new Thread(() =>
        {
            try
            {
                using var transport = new RelpTransport("127.0.0.1", server.Port) { WindowSize = 2, ResponseTimeout = Wait };
                transport.Connect();
                for (var i = 0; i < messages; i++)
                {
                    transport.Send(Encoding.UTF8.GetBytes("<14>Text: w" + i));
                    Interlocked.Increment(ref sent);
                }

                transport.Flush();
            }
            catch (Exception exception)
            {
                failure = exception;
            }
        });
        client.Start();

        for (var answered = 0; answered < messages; answered++)
        {
            // Each time the client waits, the server holds exactly the window (2) of unanswered commands, or what is left.
            var window = Math.Min(2, messages - answered);
            await Eventually.HoldsAsync(
                () => (client.ThreadState & ThreadState.WaitSleepJoin) != 0 && unanswered.Count == window && Volatile.Read(ref sent) == Math.Min(answered + 2, messages),
                $"the client waiting with {window} unanswered after {answered} answers");
            Assert.Equal(answered + window, server.Syslog(0).Count);
            answer.Release();
        }

        Assert.True(client.Join(Wait), "the client did not finish");
        Assert.Null(failure);
        Assert.Equal(Enumerable.Range(0, messages).Select(i => "w" + i), server.Syslog(0).Select(f => f.Text));
    }

    [Fact]
    public async Task A_session_that_used_up_its_transaction_numbers_is_closed_and_a_new_one_opened()
    {
        using var server = new FakeRelpServer((_, connection) => connection.AcknowledgeAllAsync());
        var errors = new ConcurrentQueue<Exception>();
        await using (var writer = new SyslogWriter(new RelpTransport("127.0.0.1", server.Port) { MaxTransactionNumber = 4 }, Options(errors)))
        {
            for (var i = 1; i <= 3; i++)
            {
                PlainLog.Text(writer, "r" + i);
            }

            await writer.FlushAsync().WaitAsync(Wait);
        }

        // Transaction numbers never pass the maximum: the last one goes to close, the next session starts at 1 again.
        Assert.Equal(new[] { "1 open", "2 syslog", "3 syslog", "4 close" }, server.Frames(0).Select(f => $"{f.Transaction} {f.Command}"));
        Assert.Equal(new[] { "1 open", "2 syslog", "3 close" }, server.Frames(1).Select(f => $"{f.Transaction} {f.Command}"));
        Assert.Empty(errors);
    }

    [Fact]
    public void Relp_uris_and_failover_lists_are_parsed_and_unknown_parts_rejected()
    {
        var plain = Assert.IsType<RelpTransport>(TransportUri.Parse("relp://logs.example"));
        Assert.Equal(("logs.example", 2514, false), (plain.Host, plain.Port, plain.UseTls));
        var tls = Assert.IsType<RelpTransport>(TransportUri.Parse("relp+tls://logs.example:6514"));
        Assert.Equal((6514, true), (tls.Port, tls.UseTls));
        Assert.Equal("relp+tls://logs.example:6514", tls.ToString());

        var failover = Assert.IsType<FailoverTransport>(TransportUri.Parse("relp://a:2514,relp://b:2515,tcp://c"));
        Assert.Equal(new[] { "relp://a:2514", "relp://b:2515", "tcp://c:601" }, failover.Transports.Select(TransportNames.Describe));
        Assert.Equal("relp://a:2514", TransportNames.Describe(failover));

        Assert.Contains("'window'", Assert.Throws<ArgumentException>(() => TransportUri.Parse("relp://a?window=4")).Message);
        Assert.Contains("empty entry", Assert.Throws<ArgumentException>(() => TransportUri.Parse("relp://a,,relp://b")).Message);
        Assert.Contains("failover list", Assert.Throws<ArgumentException>(() => TransportUri.Parse("relp://a,udp://b")).Message);
        Assert.Throws<ArgumentException>(() => new FailoverTransport());
        Assert.Throws<ArgumentException>(() => new FailoverTransport(plain, plain));
    }

    /// <summary>
    /// A RELP server on 127.0.0.1 whose every connection runs the test's handler; it keeps each connection's bytes. No
    /// more than the test's own loopback traffic.
    /// </summary>
    private sealed class FakeRelpServer : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly Func<int, Connection, Task> _handle;
        private readonly ConcurrentDictionary<int, Connection> _connections = new();
        private readonly Task _accepting;

        public FakeRelpServer(Func<int, Connection, Task> handle)
        {
            _handle = handle;
            _listener.Start();
            _accepting = AcceptAsync();
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        /// <summary>Everything connection <paramref name="index"/> received, once its handler ended.</summary>
        public async Task<string> RawAsync(int index)
        {
            var connection = await ConnectionAsync(index);
            await connection.Done.WaitAsync(Wait);
            return Encoding.UTF8.GetString(connection.Raw.ToArray());
        }

        public IReadOnlyList<Frame> Frames(int index) => ConnectionAsync(index).GetAwaiter().GetResult().Frames.ToArray();

        public IReadOnlyList<Frame> Syslog(int index) => Frames(index).Where(f => f.Command == "syslog").ToArray();

        /// <summary>Stops the server and waits for every connection's handler: a failed server-side assertion fails the test.</summary>
        public void Dispose()
        {
            _listener.Stop();
            Assert.True(_accepting.Wait(Wait), "the accept loop did not stop");
            foreach (var connection in _connections.Values)
            {
                connection.Abort();
            }

            var handlers = _connections.OrderBy(c => c.Key).Select(c => c.Value.Done).ToArray();
            Assert.True(Task.WaitAll(handlers.Select(h => h.ContinueWith(_ => { }, TaskScheduler.Default)).ToArray(), Wait), "a connection's handler did not end");
            foreach (var handler in handlers)
            {
                // Rethrows the handler's own exception (an assertion's message), not an AggregateException.
                handler.GetAwaiter().GetResult();
            }
        }

        private async Task<Connection> ConnectionAsync(int index)
        {
            await Eventually.HoldsAsync(() => _connections.ContainsKey(index), $"connection {index}", Wait);
            return _connections[index];
        }

        private async Task AcceptAsync()
        {
            var index = 0;
            try
            {
                while (true)
                {
                    var socket = await _listener.AcceptSocketAsync();
                    var connection = new Connection(socket);
                    _connections[index] = connection;
                    var current = index++;
                    connection.Done = Task.Run(async () =>
                    {
                        try
                        {
                            await _handle(current, connection);
                        }
                        catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException or EndOfStreamException)
                        {
                            // The client went away.
                        }
                        finally
                        {
                            connection.Abort();
                        }
                    });
                }
            }
            catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
            {
                // Stopped.
            }
        }
    }

    private sealed record Frame(int Transaction, string Command, string Text);

    private sealed class Connection(Socket socket)
    {
        private readonly NetworkStream _stream = new(socket, ownsSocket: true);
        private readonly byte[] _one = new byte[1];

        public ConcurrentQueue<byte> Raw { get; } = new();

        public ConcurrentQueue<Frame> Frames { get; } = new();

        public Task Done { get; set; } = Task.CompletedTask;

        public async Task<Frame> AnswerOpenAsync()
        {
            var open = await ReadFrameAsync() ?? throw new EndOfStreamException();
            Assert.Equal("open", open.Command);
            await WriteAsync($"{open.Transaction} rsp 37 200 OK\nrelp_version=0\ncommands=syslog\n");
            return open;
        }

        /// <summary>
        /// imrelp's way: open accepted, every command answered 200 OK, close answered and the connection closed.
        /// Each command's transaction number must be one more than the one before (librelp's rule); checked after
        /// the answer, so only the handler's result (awaited on dispose) reports it.
        /// </summary>
        public async Task AcknowledgeAllAsync()
        {
            var previous = (await AnswerOpenAsync()).Transaction;
            while (await ReadFrameAsync() is { } frame)
            {
                await WriteAsync($"{frame.Transaction} rsp 6 200 OK\n");
                Assert.True(frame.Transaction == previous + 1, $"{frame.Command} has transaction {frame.Transaction} after {previous}");
                previous = frame.Transaction;
                if (frame.Command == "close")
                {
                    return;
                }
            }
        }

        /// <summary>Reads until the client closes, answering nothing.</summary>
        public async Task DrainAsync()
        {
            while (await ReadFrameAsync() is not null)
            {
            }
        }

        public async Task WriteAsync(string text) => await _stream.WriteAsync(Encoding.UTF8.GetBytes(text));

        public void Abort() => _stream.Dispose();

        /// <summary>The next frame; null at EOF.</summary>
        public async Task<Frame?> ReadFrameAsync()
        {
            var header = new StringBuilder();
            var fields = new List<string>();
            while (fields.Count < 3)
            {
                var b = await ReadByteAsync();
                if (b is null)
                {
                    return null;
                }

                if (b is (byte)' ' || (b is (byte)'\n' && fields.Count == 2))
                {
                    fields.Add(header.ToString());
                    header.Clear();
                    if (b is (byte)'\n')
                    {
                        var empty = new Frame(int.Parse(fields[0], CultureInfo.InvariantCulture), fields[1], string.Empty);
                        Frames.Enqueue(empty);
                        return empty;
                    }
                }
                else
                {
                    header.Append((char)b.Value);
                }
            }

            var data = new byte[int.Parse(fields[2], CultureInfo.InvariantCulture)];
            for (var i = 0; i < data.Length; i++)
            {
                data[i] = await ReadByteAsync() ?? throw new EndOfStreamException();
            }

            Assert.Equal((byte)'\n', await ReadByteAsync());
            var frame = new Frame(int.Parse(fields[0], CultureInfo.InvariantCulture), fields[1], StripHeader(Encoding.UTF8.GetString(data)));
            Frames.Enqueue(frame);
            return frame;
        }

        /// <summary>Bare messages are "&lt;14&gt;Text: …": the text is what the tests compare.</summary>
        private static string StripHeader(string data) => data.StartsWith("<14>Text: ", StringComparison.Ordinal) ? data["<14>Text: ".Length..] : data;

        private async Task<byte?> ReadByteAsync()
        {
            var read = await _stream.ReadAsync(_one.AsMemory(0, 1));
            if (read == 0)
            {
                return null;
            }

            Raw.Enqueue(_one[0]);
            return _one[0];
        }
    }
}
