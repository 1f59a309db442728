using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Text.Json;
using System.Threading.Tasks;
using GenLog.ChaosProbe;
using GenLog.Interop.Tests.Support;
using Xunit.Abstractions;

namespace GenLog.Interop.Tests.Chaos;

/// <summary>
/// The scenarios that need a process of their own, run in GenLog.ChaosProbe: a name server that never answers (the
/// child sees a resolv.conf of the test's, bind-mounted in its own mount namespace, never the machine's resolver), and a
/// heap limit with many threads and a large MaxMessageSize.
/// </summary>
[Collection(ChaosCollection.Name)]
public sealed class ChaosProbeTests(ITestOutputHelper output)
{
    private const string NeverResolves = "never-answers.genlog.test";
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(2);

    [SkippableTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_name_server_that_never_answers_blocks_no_logging_call_and_no_Dispose(bool disposeDuringLookup)
    {
        Peers.Require(OperatingSystem.IsLinux(), "the DNS scenario needs Linux mount namespaces");
        var unshare = ProcessRunner.FindOnPath("unshare") ?? new[] { "/usr/bin/unshare", "/bin/unshare" }.FirstOrDefault(File.Exists);
        Peers.Require(unshare is not null, "unshare (util-linux) is not installed; the DNS scenario runs its child in a mount namespace of its own");
        var namespaceCheck = await ProcessRunner.RunAsync(unshare!, ["-m", "true"], TimeSpan.FromSeconds(10));
        Peers.Require(namespaceCheck.ExitCode == 0, $"`unshare -m true` failed ({namespaceCheck.StandardError.Trim()}): a mount namespace needs root or CAP_SYS_ADMIN");
        using var resolver = StartResolver();
        using var folder = new TempDirectory("genlog-chaos-dns-");
        var resolvConf = folder.Combine("resolv.conf");
        File.WriteAllText(resolvConf, resolver.ResolvConf);

        // In the child's own mount namespace only: /etc/resolv.conf becomes the test's, then the probe runs.
        var report = await RunProbeAsync(
            [unshare!, "-m", "--", "sh", "-c", "mount --bind \"$1\" /etc/resolv.conf && shift && exec \"$@\"", "sh", resolvConf,
             DotnetCli.Executable, ProbePath, "dns", $"host={NeverResolves}", "port=514",
             $"connectTimeoutMs={ConnectTimeout.TotalMilliseconds}", $"closeTimeoutMs={ChaosSuite.CloseTimeout.TotalMilliseconds}", $"dispose={(disposeDuringLookup ? "during" : "settled")}"],
            environment: null);
        output.WriteLine($"resolver {resolver.Address}:53 was asked: {string.Join(", ", resolver.Questions.Distinct())}");

        Assert.Contains(resolver.Questions, question => question.StartsWith(NeverResolves + " ", StringComparison.Ordinal));
        AssertAccounted(report);
        Assert.Equal(0, report.Sent);
        if (!disposeDuringLookup)
        {
            // Name resolution is bounded by the transport's ConnectTimeout (2 s here; glibc alone would wait 5 x 30 s).
            Assert.NotNull(report.FirstError);
            Assert.True(report.FirstErrorMs <= (ConnectTimeout + TimeSpan.FromSeconds(1)).TotalMilliseconds, $"the lookup gave up after {report.FirstErrorMs:F0} ms, ConnectTimeout is {ConnectTimeout.TotalMilliseconds:F0} ms");
        }
    }

    [SkippableFact]
    public async Task Under_a_1_GiB_heap_limit_32_threads_with_a_16_MiB_MaxMessageSize_log_without_an_exception()
    {
        Peers.Require(OperatingSystem.IsLinux(), "the heap scenario reads the child's peak memory from /proc");
        const int maxMessageSize = 16 * 1024 * 1024;
        const long heapLimit = 1L << 30;
        var report = await RunProbeAsync(
            [DotnetCli.Executable, ProbePath, "heap", "threads=32", $"maxMessageSize={maxMessageSize}", $"calls={(ChaosSuite.Long ? 4_000_000 : 400_000)}", $"closeTimeoutMs={ChaosSuite.CloseTimeout.TotalMilliseconds}"],
            environment: new Dictionary<string, string?> { ["DOTNET_GCHeapHardLimit"] = $"0x{heapLimit:X}" });

        Assert.Equal(heapLimit, report.HeapLimitBytes);
        AssertAccounted(report);
        Assert.Null(report.FirstError);

        // Per-thread buffers sized to what is written: 32 threads with buffers of MaxMessageSize would hold 512 MiB.
        Assert.True(report.PeakResidentMiB < 256, $"peak resident memory {report.PeakResidentMiB:F0} MiB");
    }

    [Fact]
    public async Task A_tool_that_returns_from_Main_without_disposing_its_writer_still_sends_what_it_logged()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        listener.Listen();
        var port = ((System.Net.IPEndPoint)listener.LocalEndPoint!).Port;
        var received = ReadUntilClosedAsync(listener);

        const int count = 50;
        var result = await ProcessRunner.RunAsync(DotnetCli.Executable, [ProbePath, "exit", "host=127.0.0.1", $"port={port}", $"count={count}"], TimeSpan.FromSeconds(60));
        output.WriteLine(result.Describe());
        Assert.Equal(0, result.ExitCode);

        // RFC 6587 octet counting: "LEN SP MSG" frames; each MSG carries its sequence number.
        var bytes = await received.WaitAsync(TimeSpan.FromSeconds(30));
        var numbers = new List<int>();
        for (var position = 0; position < bytes.Length;)
        {
            var space = Array.IndexOf(bytes, (byte)' ', position);
            var length = int.Parse(System.Text.Encoding.ASCII.GetString(bytes, position, space - position), System.Globalization.CultureInfo.InvariantCulture);
            var frame = System.Text.Encoding.UTF8.GetString(bytes, space + 1, length);
            var seq = frame[(frame.IndexOf("seq=", StringComparison.Ordinal) + 4)..];
            numbers.Add(int.Parse(seq[..seq.IndexOf(' ')], System.Globalization.CultureInfo.InvariantCulture));
            position = space + 1 + length;
        }

        Assert.Equal(Enumerable.Range(1, count), numbers);
    }

    /// <summary>Accepts one connection and returns everything it carried once the peer closed it.</summary>
    private static async Task<byte[]> ReadUntilClosedAsync(Socket listener)
    {
        using var peer = await listener.AcceptAsync();
        using var all = new MemoryStream();
        var buffer = new byte[8192];
        int read;
        while ((read = await peer.ReceiveAsync(buffer, SocketFlags.None)) > 0)
        {
            all.Write(buffer, 0, read);
        }

        return all.ToArray();
    }

    private static string ProbePath => Path.Combine(AppContext.BaseDirectory, "GenLog.ChaosProbe.dll");

    /// <summary>What every probe scenario must show: no exception out of a call, every call counted, Dispose and each call bounded.</summary>
    private static void AssertAccounted(ProbeReport report)
    {
        Assert.True(report.Exceptions == 0, $"{report.Exceptions} exceptions left logging calls; the first: {report.FirstException}");
        Assert.True(report.LoadStopped, "a logging thread had not returned 30 s after Dispose");
        Assert.Equal(report.Calls, report.Sent + report.Dropped);
        Assert.Equal(0, report.QueueLength);
        Assert.True(report.DisposeMs <= (ChaosSuite.CloseTimeout + ChaosSuite.DisposeMargin).TotalMilliseconds, $"Dispose took {report.DisposeMs:F0} ms");
        Assert.True(report.MaxCallMs <= ChaosSuite.LongestCall.TotalMilliseconds, $"the longest logging call took {report.MaxCallMs:F1} ms ({report.SlowCalls} over 10 ms)");
        Assert.True(report.PeakResidentMiB < 256, $"peak resident memory {report.PeakResidentMiB:F0} MiB");
    }

    /// <summary>The resolver on port 53; binding it needs root (or CAP_NET_BIND_SERVICE), as the mount namespace does.</summary>
    private static SilentResolver StartResolver()
    {
        try
        {
            return new SilentResolver();
        }
        catch (SocketException exception)
        {
            Peers.Require(false, $"a UDP socket on port 53 cannot be bound ({exception.Message}): the DNS scenario needs root or CAP_NET_BIND_SERVICE");
            throw;
        }
    }

    /// <summary>Runs the probe (through <paramref name="command"/>) and reads its JSON report; fails with its output otherwise.</summary>
    private async Task<ProbeReport> RunProbeAsync(IReadOnlyList<string> command, IReadOnlyDictionary<string, string?>? environment)
    {
        var result = await ProcessRunner.RunAsync(command[0], command.Skip(1), TimeSpan.FromSeconds(120), environment: environment);
        output.WriteLine(result.Describe());
        Assert.True(result.ExitCode == 0, "the probe failed:\n" + result.Describe());
        var line = result.StandardOutput.Split('\n').LastOrDefault(l => l.StartsWith('{'));
        Assert.True(line is not null, "the probe printed no report:\n" + result.Describe());
        return JsonSerializer.Deserialize<ProbeReport>(line!) ?? throw new InvalidOperationException("empty report");
    }
}
