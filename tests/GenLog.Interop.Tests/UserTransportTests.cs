using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using GenLog.TestSupport;

namespace GenLog.Interop.Tests;

/// <summary>
/// Transports written outside GenLog (this project has no access to its internals) are first-class: batched,
/// acknowledged, failed over, described and aborted through the public capability interfaces, as the built-in ones
/// are (docs/transports.md, "Writing a transport").
/// </summary>
public class UserTransportTests
{
    private static readonly TimeSpan RealTimeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_user_datagram_transport_gets_whole_batches_and_describes_itself()
    {
        var transport = new BatchingTransport();
        await using (var writer = new SyslogWriter(transport, new SyslogWriterOptions { Format = SyslogFormat.Bare, MaxMessageSize = 1500 }))
        {
            for (var i = 0; i < 200; i++)
            {
                BareLog.AuthError(writer, i.ToString());
            }

            await writer.FlushAsync().WaitAsync(RealTimeout);
            Assert.Equal("mine+udp://collector:5140", writer.Statistics.ActiveEndpoint);
            Assert.Equal(200, writer.Statistics.Sent);
        }

        Assert.Equal(Enumerable.Range(0, 200).Select(i => "<35>" + i), transport.Datagrams);
        Assert.Equal(0, transport.SingleSends);
        Assert.True(transport.Batches.Max() > 1, "the sender hands a datagram transport batches, not one message at a time");
        Assert.Throws<ArgumentOutOfRangeException>(() => new SyslogWriter(new BatchingTransport(), new SyslogWriterOptions { MaxMessageSize = 2000 }));
        Assert.Throws<ArgumentException>(() => new FailoverTransport(new BatchingTransport(), new AcknowledgingTransport("b", failAfter: null)));
    }

    [Fact]
    public async Task A_user_acknowledging_transport_fails_over_and_only_the_unacknowledged_rest_is_sent_again()
    {
        var primary = new AcknowledgingTransport("primary", failAfter: 3);
        var secondary = new AcknowledgingTransport("secondary", failAfter: null);
        await using var writer = new SyslogWriter(new FailoverTransport(primary, secondary), new SyslogWriterOptions { Format = SyslogFormat.Bare });
        var sent = Enumerable.Range(0, 10).Select(i => "<35>" + i).ToArray();
        primary.Hold.Reset();
        for (var i = 0; i < 10; i++)
        {
            BareLog.AuthError(writer, i.ToString());
        }

        primary.Hold.Set();
        await writer.FlushAsync().WaitAsync(RealTimeout);

        Assert.Equal(sent.Take(3), primary.Acknowledged);
        Assert.Equal(sent.Skip(3), secondary.Acknowledged);
        Assert.Equal(1, writer.Statistics.Failovers);
        Assert.Equal("ack://secondary:1", writer.Statistics.ActiveEndpoint);
        Assert.Equal(10, writer.Statistics.Sent);
        Assert.Equal(1, writer.Statistics.Errors);
    }

    [Fact]
    public void A_user_transport_that_says_it_is_encrypted_is_not_mixed_with_plaintext_in_a_failover()
    {
        var error = Assert.Throws<ArgumentException>(() => new FailoverTransport(new AcknowledgingTransport("secure", failAfter: null, encrypted: true), new AcknowledgingTransport("plain", failAfter: null)));
        Assert.Contains("ack://secure:1", error.Message);
        Assert.Contains("ack://plain:1", error.Message);
    }

    [Fact]
    public async Task Dispose_aborts_a_user_transport_stuck_in_connect_within_CloseTimeout()
    {
        var transport = new HangingTransport();
        var writer = new SyslogWriter(transport, new SyslogWriterOptions { CloseTimeout = TimeSpan.FromMilliseconds(200) });
        BareLog.AuthError(writer, "stuck");
        Assert.True(transport.Connecting.Wait(RealTimeout));

        var clock = Stopwatch.StartNew();
        var disposing = writer.DisposeAsync().AsTask();
        var took = await CompletionClock.ElapsedWhenDone(disposing, clock);
        await disposing;
        Assert.True(took < TimeSpan.FromSeconds(1.2), $"Dispose took {took} with CloseTimeout 200 ms");
        Assert.True(transport.Aborted);
        Assert.True(transport.Disposed.Wait(RealTimeout), "the sender closes the transport once the abort freed it");
        Assert.Equal(1, writer.Statistics.DroppedShutdown);
    }

    /// <summary>One datagram per message, many per call: what a user's own UDP-like transport does.</summary>
    private sealed class BatchingTransport : IDatagramBatchTransport, IDescribedTransport
    {
        public List<string> Datagrams { get; } = new();

        public List<int> Batches { get; } = new();

        public int SingleSends { get; private set; }

        public string Endpoint => "mine+udp://collector:5140";

        public bool IsEncrypted => false;

        public int MaxMessageSize => 1500;

        public void Connect()
        {
        }

        public void Send(ReadOnlySpan<byte> message)
        {
            SingleSends++;
            Datagrams.Add(Encoding.UTF8.GetString(message));
        }

        public int SendBatch(ReadOnlySpan<byte> messages, ReadOnlySpan<int> lengths)
        {
            var offset = 0;
            foreach (var length in lengths)
            {
                Datagrams.Add(Encoding.UTF8.GetString(messages.Slice(offset, length)));
                offset += length;
            }

            Batches.Add(lengths.Length);
            return lengths.Length;
        }

        public void Flush()
        {
        }

        public void Disconnect()
        {
        }

        public void Dispose()
        {
        }
    }

    /// <summary>A peer that acknowledges each message; with <c>failAfter</c>, the connection breaks after that many acknowledgements.</summary>
    private sealed class AcknowledgingTransport(string name, int? failAfter, bool encrypted = false) : IAcknowledgingTransport, IDescribedTransport
    {
        private readonly List<string> _pending = new();
        private int _acknowledgedInBatch;
        private bool _broken;

        public ManualResetEventSlim Hold { get; } = new(true);

        public List<string> Acknowledged { get; } = new();

        public string Endpoint => $"ack://{name}:1";

        public bool IsEncrypted => encrypted;

        public int MaxMessageSize => int.MaxValue;

        public void Connect()
        {
            if (_broken)
            {
                throw new SocketException((int)SocketError.ConnectionRefused);
            }
        }

        public void Send(ReadOnlySpan<byte> message)
        {
            Hold.Wait();
            _pending.Add(Encoding.UTF8.GetString(message));
        }

        public void Flush()
        {
            foreach (var message in _pending)
            {
                if (failAfter is { } limit && Acknowledged.Count >= limit)
                {
                    _broken = true;
                    throw new SocketException((int)SocketError.ConnectionReset);
                }

                Acknowledged.Add(message);
                _acknowledgedInBatch++;
            }

            _pending.Clear();
            _acknowledgedInBatch = 0;
        }

        public int TakeAcknowledged()
        {
            var acknowledged = _acknowledgedInBatch;
            _acknowledgedInBatch = 0;
            return acknowledged;
        }

        public void Disconnect() => _pending.Clear();

        public void Dispose()
        {
        }
    }

    /// <summary>A connect that never returns on its own, only when aborted: a user transport's blocking call.</summary>
    private sealed class HangingTransport : IAbortableTransport
    {
        private readonly ManualResetEventSlim _abort = new();

        public ManualResetEventSlim Connecting { get; } = new();

        public ManualResetEventSlim Disposed { get; } = new();

        public bool Aborted => _abort.IsSet;

        public void Connect()
        {
            Connecting.Set();
            _abort.Wait();
            throw new OperationCanceledException("aborted");
        }

        public void Send(ReadOnlySpan<byte> message)
        {
        }

        public void Flush()
        {
        }

        public void Disconnect()
        {
        }

        public void Abort() => _abort.Set();

        public void Dispose() => Disposed.Set();
    }
}
