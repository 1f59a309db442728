using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Tasks;
using GenLog.Interop.Tests.Support;
using Xunit.Abstractions;

namespace GenLog.Interop.Tests.Chaos;

/// <summary>
/// Peers that accept a connection and then hang: a TCP server that never reads (the writer's socket write blocks), a
/// TLS server that never answers the handshake, a RELP server that never answers. The logging calls must not notice,
/// every message must be accounted for, and Dispose must return within CloseTimeout + 1 s although the sender is stuck
/// in a write, a handshake or a wait for a response whose own timeouts (30 s, 10 s, 30 s by default) are far longer.
/// </summary>
[Collection(ChaosCollection.Name)]
public sealed class StalledPeerChaosTests(ITestOutputHelper output)
{
    public enum Peer
    {
        /// <summary>Plain TCP to a server that never reads: after its receive buffer (4 KiB) and the client's send buffer fill up, the write blocks.</summary>
        TcpNeverReads,

        /// <summary>TLS to a server that accepts and never sends its handshake.</summary>
        TlsNeverAnswers,

        /// <summary>RELP to a server that accepts and never answers the <c>open</c> command.</summary>
        RelpNeverAnswers,
    }

    /// <summary>Each logging thread sleeps 1 ms after this many calls: ~200,000 messages/s, enough to fill the socket buffers within a second.</summary>
    private const int CallsPerPause = 50;

    [SkippableTheory]
    [InlineData(Peer.TcpNeverReads)]
    [InlineData(Peer.TlsNeverAnswers)]
    [InlineData(Peer.RelpNeverAnswers)]
    public async Task A_peer_that_hangs_blocks_no_logging_call_and_no_Dispose(Peer peer)
    {
        using var server = new SilentServer(receiveBufferSize: 4096);
        ChaosSuite.WarmUp();
        ISyslogTransport transport = peer switch
        {
            Peer.TcpNeverReads => new TcpTransport("127.0.0.1", server.Port),
            Peer.TlsNeverAnswers => new TlsTransport("localhost", server.Port, TestCertificates.Shared.CreateClientOptions()),
            _ => new RelpTransport("127.0.0.1", server.Port),
        };
        var errors = new ConcurrentQueue<Exception>();
        var options = ChaosSuite.Options(errors);

        // A small queue (64 KiB): it fills in a fraction of a second and DropNewest takes over.
        options.QueueCapacity = 64 * 1024;
        var writer = new SyslogWriter(transport, options);
        var tags = ChaosSuite.Tags(peer.ToString());
        var residentAtStart = ProcStatus.ResidentMiB();
        var load = new ChaosLoad(ChaosSuite.Threads, (seq, thread) => SequenceLog.Numbered(writer, seq, tags[thread]), CallsPerPause).Start();

        // Stuck: the server has the connection, the queue overflows, and the sender makes no progress.
        var statistics = writer.Statistics;
        var waited = Stopwatch.StartNew();
        var still = Stopwatch.StartNew();
        var sent = statistics.Sent;
        while (!(server.Accepted >= 1 && statistics.DroppedQueueFull > 0 && still.Elapsed >= TimeSpan.FromMilliseconds(300)))
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(20), $"the writer never got stuck: accepted {server.Accepted}, sent {statistics.Sent}, dropped {statistics.DroppedQueueFull}; {ChaosSuite.Describe(errors)}");
            await Task.Delay(20);
            if (statistics.Sent != sent)
            {
                sent = statistics.Sent;
                still.Restart();
            }
        }

        Assert.True(load.Stop(TimeSpan.FromSeconds(30)), "the logging threads did not return while the peer hung: " + load.Describe());
        var residentGrowth = ProcStatus.ResidentMiB() - residentAtStart;
        var (callsStuck, sentStuck, droppedStuck, queuedStuck) = (load.Calls, statistics.Sent, statistics.Dropped, statistics.QueueLength);
        output.WriteLine($"{peer}: stuck after {waited.Elapsed.TotalSeconds:F1} s; {load.Describe()}");
        output.WriteLine($"  while stuck: sent {sentStuck}, dropped {droppedStuck} (queue full {statistics.DroppedQueueFull}), queued {queuedStuck}, errors {statistics.Errors}; resident memory grew by {residentGrowth:F0} MiB");

        var (disposeTook, late) = await ChaosSuite.DisposeWhileLoggingAsync(writer, peer.ToString(), CallsPerPause);
        output.WriteLine($"  Dispose while stuck and logging: {disposeTook.TotalMilliseconds:F0} ms (CloseTimeout {ChaosSuite.CloseTimeout.TotalMilliseconds:F0} ms); {late.Describe()}");
        output.WriteLine($"  after Dispose: sent {statistics.Sent}, dropped {statistics.Dropped} (queue full {statistics.DroppedQueueFull}, shutdown {statistics.DroppedShutdown}), queued {statistics.QueueLength}; {ChaosSuite.Describe(errors)}");

        Assert.Empty(load.Exceptions);
        Assert.Equal(callsStuck, sentStuck + droppedStuck + queuedStuck);
        Assert.True(load.MaxCall <= ChaosSuite.LongestCall, load.Describe());
        Assert.True(late.MaxCall <= ChaosSuite.LongestCall, late.Describe());
        Assert.True(residentGrowth < 256, $"resident memory grew by {residentGrowth:F0} MiB");
        Assert.Equal(load.Calls + late.Calls, statistics.Sent + statistics.Dropped);
        Assert.Equal(0, statistics.QueueLength);
        Assert.True(statistics.DroppedShutdown > 0, "what the hung peer never took is counted as dropped at shutdown");
        if (peer != Peer.TcpNeverReads)
        {
            // Without a handshake (TLS) or an acknowledgement (RELP) nothing counts as sent.
            Assert.Equal(0, statistics.Sent);
        }

        Assert.True(disposeTook <= ChaosSuite.CloseTimeout + ChaosSuite.DisposeMargin, $"Dispose took {disposeTook.TotalMilliseconds:F0} ms with the sender stuck on a {peer} peer");
    }
}
