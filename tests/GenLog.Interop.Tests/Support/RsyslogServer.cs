using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace GenLog.Interop.Tests.Support;

/// <summary>How rsyslog's TLS listener treats client certificates (imtcp <c>streamDriver.authMode</c>).</summary>
public enum RsyslogTlsAuthMode
{
    /// <summary><c>anon</c>: any client, with or without a certificate, is accepted (server authentication only).</summary>
    Anonymous,

    /// <summary><c>x509/certvalid</c>: the client must present a certificate signed by the test CA (mTLS).</summary>
    CertificateValid,
}

/// <summary>Which listeners an <see cref="RsyslogServer"/> opens and how rsyslog treats what it receives.</summary>
public sealed record RsyslogOptions
{
    /// <summary>Plain TCP (imtcp) on 127.0.0.1. Framing is detected per frame: a frame that starts with a digit is
    /// octet-counted (RFC 6587 "LEN SP MSG"), any other is LF-terminated; both may be mixed on one connection.</summary>
    public bool Tcp { get; init; }

    /// <summary>TLS (imtcp, gtls stream driver, RFC 5425) on 127.0.0.1, framing detected as for <see cref="Tcp"/>.</summary>
    public bool Tls { get; init; }

    /// <summary>UDP (imudp) on 127.0.0.1, one message per datagram.</summary>
    public bool Udp { get; init; }

    /// <summary>RELP (imrelp, Debian package rsyslog-relp) on 127.0.0.1: every message acknowledged.</summary>
    public bool Relp { get; init; }

    /// <summary>RELP over TLS (imrelp <c>tls="on"</c>, librelp's own TLS) on 127.0.0.1, with the server certificate of
    /// <see cref="TlsServerCertificate"/>; mutual TLS: the client must present a certificate signed by the test CA.</summary>
    public bool RelpTls { get; init; }

    /// <summary>A Unix datagram socket (imuxsock) at <see cref="RsyslogServer.UnixSocketPath"/>.</summary>
    public bool UnixSocket { get; init; }

    /// <summary>Client certificate policy of the TLS listener.</summary>
    public RsyslogTlsAuthMode TlsAuthMode { get; init; } = RsyslogTlsAuthMode.Anonymous;

    /// <summary>The certificates (CA and default server certificate); <see cref="TestCertificates.Shared"/> when null.</summary>
    public TestCertificates? Certificates { get; init; }

    /// <summary>The certificate the TLS listener presents; <see cref="TestCertificates.Server"/> when null. Give
    /// <see cref="TestCertificates.WrongHostServer"/> or <see cref="TestCertificates.SelfSignedServer"/> to test
    /// a client's host name or chain check.</summary>
    public TestCertificate? TlsServerCertificate { get; init; }

    /// <summary>
    /// True (default): the Unix socket hands messages to rsyslog's normal parser chain (imuxsock
    /// <c>useSpecialParser="off"</c>), so <c>&lt;PRI&gt;1 …</c> is parsed as RFC 5424 and <c>&lt;PRI&gt;tag: msg</c>
    /// as RFC 3164 without a host name. False: imuxsock's own local-socket parser, which knows only
    /// <c>&lt;PRI&gt;[TIMESTAMP ]TAG…</c> — an RFC 5424 line then comes out as APP-NAME "1" and the rest in MSG.
    /// </summary>
    public bool UnixSocketRfc5424 { get; init; } = true;

    /// <summary>
    /// rsyslog's main queue in Direct mode: an input thread writes each message to the records file before it returns
    /// (and imrelp before it acknowledges), so a SIGKILL loses nothing that was acknowledged. rsyslog's default (off here
    /// too) is an in-memory queue, whose content a SIGKILL loses even after imrelp acknowledged it.
    /// </summary>
    public bool DirectQueue { get; init; }

    /// <summary>rsyslog's <c>maxMessageSize</c> (bytes), set before any input. Longer messages are cut by rsyslog.</summary>
    public int MaxMessageSize { get; init; } = 64 * 1024;

    /// <summary>rsyslog's <c>parser.escapeControlCharactersOnReceive</c> (default on, as in rsyslog): control
    /// characters in a received message become <c>#ooo</c>.</summary>
    public bool EscapeControlCharacters { get; init; } = true;

    /// <summary>rsyslog's <c>parser.escapeControlCharacterTab</c> (default on, as in rsyslog): TAB becomes <c>#011</c>
    /// too while <see cref="EscapeControlCharacters"/> is on.</summary>
    public bool EscapeTab { get; init; } = true;

    /// <summary>
    /// Runs rsyslog's <c>mmpstrucdata</c> on every message, which parses RFC 5424 structured data into
    /// <c>$!rfc5424-sd!ID!NAME</c> (names kept as sent, values unescaped): the records then carry it as
    /// <c>"sd"</c> (<see cref="RsyslogRecord.Json"/>), a string holding that subtree's JSON text.
    /// </summary>
    public bool ParseStructuredData { get; init; }

    /// <summary>RainerScript added to the generated configuration, after the inputs (bound to the default ruleset
    /// unless it names one; the harness's ruleset is <c>genlog</c>).</summary>
    public string? ExtraConfiguration { get; init; }

    /// <summary>How long a start (or restart) may take before it fails with rsyslog's output.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Every listener at once.</summary>
    public static RsyslogOptions All => new() { Tcp = true, Tls = true, Udp = true, UnixSocket = true };
}

/// <summary>
/// A real rsyslogd (docs/reliability.md, README "The two commands") started by a test with its own configuration, in its own temp folder, with listeners
/// on 127.0.0.1 only. Everything it parses goes to a JSON-lines file, read back as <see cref="RsyslogRecord"/>s.
/// It never reads /etc/rsyslog.conf or /etc/rsyslog.d and never opens /dev/log, the kernel log or the journal, so it
/// runs beside (and without touching) the machine's own syslog daemon.
/// </summary>
/// <remarks>
/// Ports: the first start lets rsyslog choose them (<c>port="0"</c>; imtcp reports the port through
/// <c>listenPortFileName</c>, imudp's is read from /proc), so there is no race with other tests; a restart reuses
/// them. While rsyslogd is down (killed or stopped, to be restarted), its TCP ports stay its own: a socket bound to
/// each, not listening, so a connect is refused as from a dead server, and the kernel hands the port to no other
/// test's port-0 bind (another rsyslogd, a loopback server) that a writer still retrying it would then reach.
/// A start is complete when every listener is bound and rsyslog has logged its "start" message; when rsyslogd
/// exits, prints anything on stderr (configuration errors, a listener that could not bind) or is not ready in time,
/// the start fails with rsyslog's own output and the configuration. A running rsyslogd is always stopped:
/// <see cref="DisposeAsync"/>, and at the latest when the test process exits.
/// </remarks>
public sealed class RsyslogServer : IAsyncDisposable
{
    /// <summary>rsyslog's <c>localHostName</c>: the HOSTNAME of messages that carry none (e.g. RFC 3164 on the Unix socket).</summary>
    public const string LocalHostName = "rsyslog-harness";

    /// <summary><see cref="RsyslogRecord.InputName"/> of what the plain TCP listener received.</summary>
    public const string TcpInputName = "tcp";

    /// <summary><see cref="RsyslogRecord.InputName"/> of what the TLS listener received.</summary>
    public const string TlsInputName = "tls";

    /// <summary><see cref="RsyslogRecord.InputName"/> of what the UDP listener received.</summary>
    public const string UdpInputName = "udp";

    /// <summary><see cref="RsyslogRecord.InputName"/> of what the Unix socket received (imuxsock cannot be renamed).</summary>
    public const string UnixInputName = "imuxsock";

    /// <summary><see cref="RsyslogRecord.InputName"/> of what the RELP listener received.</summary>
    public const string RelpInputName = "relp";

    /// <summary><see cref="RsyslogRecord.InputName"/> of what the RELP-over-TLS listener received.</summary>
    public const string RelpTlsInputName = "relp-tls";

    private const int SigTerm = 15;
    private static readonly ConcurrentDictionary<RsyslogServer, byte> Running = new();
    private static readonly Lazy<string?> ExecutablePath = new(FindExecutable);
    private static readonly Lazy<bool> GtlsPresent = new(FindGtlsDriver);
    private static readonly Lazy<bool> RelpPresent = new(() => FindModule("imrelp.so"));

    private readonly TempDirectory _directory;
    private readonly StringBuilder _console = new();
    private readonly object _gate = new();
    private Process? _process;
    private int _run;
    private int _runConsoleStart;
    private bool _exitExpected;
    private int? _tcpPort;
    private int? _tlsPort;
    private int? _udpPort;
    private int? _relpPort;
    private int? _relpTlsPort;
    private readonly List<Socket> _portHolds = new();
    private string? _caFile;
    private string? _certificateFile;
    private string? _keyFile;

    static RsyslogServer()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var server in Running.Keys)
            {
                server.KillNow();
            }
        };
    }

    private RsyslogServer(RsyslogOptions options, TempDirectory directory)
    {
        Options = options;
        _directory = directory;
    }

    /// <summary>The rsyslogd executable, or null when it is not installed.</summary>
    public static string? Executable => ExecutablePath.Value;

    /// <summary>
    /// Fails (GENLOG_REQUIRE_PEERS=1) or skips the calling test when rsyslogd — or, with <paramref name="tls"/>, its
    /// gtls driver — is missing; returns the rsyslogd path.
    /// </summary>
    public static string RequireRsyslogd(bool tls = false, bool relp = false)
    {
        Peers.Require(OperatingSystem.IsLinux(), "the rsyslog harness runs on Linux only (it reads /proc)");
        Peers.Require(Executable is not null, "rsyslogd is not installed (Debian: apt-get install rsyslog rsyslog-gnutls; scripts/test.sh does it when run as root)");
        if (tls)
        {
            Peers.Require(GtlsPresent.Value, "rsyslog's TLS driver lmnsd_gtls.so is not installed (Debian package rsyslog-gnutls)");
        }

        if (relp)
        {
            Peers.Require(RelpPresent.Value, "rsyslog's RELP input imrelp.so is not installed (Debian package rsyslog-relp)");
        }

        return Executable!;
    }

    /// <summary>Starts rsyslogd with the listeners <paramref name="options"/> asks for and waits until all are ready.</summary>
    public static async Task<RsyslogServer> StartAsync(RsyslogOptions options)
    {
        RequireRsyslogd(options.Tls, relp: options.Relp || options.RelpTls);
        if (!options.Tcp && !options.Tls && !options.Udp && !options.UnixSocket && !options.Relp && !options.RelpTls)
        {
            throw new ArgumentException("RsyslogOptions asks for no listener.", nameof(options));
        }

        var server = new RsyslogServer(options, new TempDirectory("genlog-rsyslog-"));
        try
        {
            server.Prepare();
            await server.LaunchAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public RsyslogOptions Options { get; }

    /// <summary>rsyslog's work directory: configuration, pid file, port files, certificates, logs.</summary>
    public string WorkDirectory => _directory.Path;

    /// <summary>The generated configuration file.</summary>
    public string ConfigurationPath => _directory.Combine("rsyslog.conf");

    /// <summary>The JSON-lines file rsyslog writes every received message to.</summary>
    public string RecordsPath => _directory.Combine("records.jsonl");

    /// <summary>rsyslog's own messages (start, exit, TLS and framing errors).</summary>
    public string InternalLogPath => _directory.Combine("internal.log");

    /// <summary>The imtcp plain TCP port on 127.0.0.1.</summary>
    public int TcpPort => _tcpPort ?? throw NotConfigured(nameof(RsyslogOptions.Tcp));

    /// <summary>The imtcp TLS port on 127.0.0.1.</summary>
    public int TlsPort => _tlsPort ?? throw NotConfigured(nameof(RsyslogOptions.Tls));

    /// <summary>The imrelp port on 127.0.0.1.</summary>
    public int RelpPort => _relpPort ?? throw NotConfigured(nameof(RsyslogOptions.Relp));

    /// <summary>The imrelp TLS port on 127.0.0.1.</summary>
    public int RelpTlsPort => _relpTlsPort ?? throw NotConfigured(nameof(RsyslogOptions.RelpTls));

    /// <summary>The imudp port on 127.0.0.1.</summary>
    public int UdpPort => _udpPort ?? throw NotConfigured(nameof(RsyslogOptions.Udp));

    /// <summary>The imuxsock datagram socket.</summary>
    public string UnixSocketPath => Options.UnixSocket ? _directory.Combine("log") : throw NotConfigured(nameof(RsyslogOptions.UnixSocket));

    /// <summary>The CA file the TLS listener trusts (PEM).</summary>
    public string CaFile => _caFile ?? throw NotConfigured(nameof(RsyslogOptions.Tls));

    /// <summary>
    /// A TCP port on 127.0.0.1 that was free a moment ago, for inputs that cannot choose their own (imrelp takes no
    /// port 0): bound with port 0, read, released. A clash with another process is possible but shows as a failed start.
    /// </summary>
    public static int FreeTcpPort()
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    /// <summary>The certificates in use (<see cref="RsyslogOptions.Certificates"/> or the shared ones).</summary>
    public TestCertificates Certificates => Options.Certificates ?? TestCertificates.Shared;

    /// <summary>The running rsyslogd's process id, or null while it is stopped.</summary>
    public int? ProcessId
    {
        get
        {
            lock (_gate)
            {
                return _process is { HasExited: false } process ? process.Id : null;
            }
        }
    }

    /// <summary>True while rsyslogd runs.</summary>
    public bool IsRunning => ProcessId is not null;

    /// <summary>Everything rsyslogd printed on stdout and stderr, across restarts.</summary>
    public string ConsoleOutput
    {
        get
        {
            lock (_console)
            {
                return _console.ToString();
            }
        }
    }

    /// <summary>The records rsyslog has written so far (complete lines only), oldest first.</summary>
    public IReadOnlyList<RsyslogRecord> ReadRecords() => ReadLines().Select(RsyslogRecord.Parse).ToArray();

    /// <summary>
    /// The records, as <see cref="ReadRecords"/>, of a server that was killed (SIGKILL) while it wrote: rsyslog's file
    /// output buffers its writes, so a kill can leave the last record cut short, and the restarted rsyslog appends right
    /// after it. Such a line keeps its last complete record (each starts with <c>{"pri":</c>); the records cut short
    /// are counted in <paramref name="torn"/>.
    /// </summary>
    public IReadOnlyList<RsyslogRecord> ReadRecordsAcrossKills(out int torn)
    {
        const string recordStart = "{\"pri\":";
        var records = new List<RsyslogRecord>();
        torn = 0;
        foreach (var line in ReadLines())
        {
            var start = line.LastIndexOf(recordStart, StringComparison.Ordinal);
            if (start > 0)
            {
                torn++;
            }

            try
            {
                records.Add(RsyslogRecord.Parse(start > 0 ? line[start..] : line));
            }
            catch (System.Text.Json.JsonException)
            {
                // Cut short by the kill, with nothing appended after it yet.
                torn++;
            }
        }

        return records;
    }

    /// <summary>The complete lines of the records file.</summary>
    private string[] ReadLines()
    {
        string text;
        try
        {
            using var stream = new FileStream(RecordsPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), detectEncodingFromByteOrderMarks: false);
            text = reader.ReadToEnd();
        }
        catch (FileNotFoundException)
        {
            return [];
        }

        var end = text.LastIndexOf('\n');
        return end < 0 ? [] : text[..end].Split('\n').Where(line => line.Length > 0).ToArray();
    }

    /// <summary>
    /// Waits until rsyslog has written at least <paramref name="count"/> records and returns all of them (possibly
    /// more); fails with what did arrive and rsyslog's output when the timeout passes or rsyslogd dies.
    /// </summary>
    public Task<IReadOnlyList<RsyslogRecord>> WaitForRecordsAsync(int count, TimeSpan timeout) =>
        WaitAsync(records => records.Count >= count, $"{count} record(s)", timeout);

    /// <summary>
    /// <see cref="WaitForRecordsAsync"/> for a server that was killed while it wrote: the records as
    /// <see cref="ReadRecordsAcrossKills"/> reads them.
    /// </summary>
    public Task<IReadOnlyList<RsyslogRecord>> WaitForRecordsAcrossKillsAsync(int count, TimeSpan timeout) =>
        WaitAsync(records => records.Count >= count, $"{count} record(s)", timeout, () => ReadRecordsAcrossKills(out _));

    /// <summary>Waits for the first record that matches <paramref name="match"/> (e.g. by MSG), failing as <see cref="WaitForRecordsAsync"/>.</summary>
    public async Task<RsyslogRecord> WaitForRecordAsync(Func<RsyslogRecord, bool> match, TimeSpan timeout, string description = "a matching record")
    {
        var records = await WaitAsync(records => records.Any(match), description, timeout);
        return records.First(match);
    }

    private async Task<IReadOnlyList<RsyslogRecord>> WaitAsync(Func<IReadOnlyList<RsyslogRecord>, bool> done, string what, TimeSpan timeout, Func<IReadOnlyList<RsyslogRecord>>? read = null)
    {
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            var records = (read ?? ReadRecords)();
            if (done(records))
            {
                return records;
            }

            if (UnexpectedExit() is { } exit)
            {
                throw new InvalidOperationException($"rsyslogd {exit} while waiting for {what}; {records.Count} record(s) arrived.\n{Format(records)}\n{Describe()}");
            }

            if (stopwatch.Elapsed >= timeout)
            {
                throw new TimeoutException($"Waited {timeout.TotalSeconds:F1} s for {what} from rsyslog; {records.Count} record(s) arrived.\n{Format(records)}\n{Describe()}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>
    /// For asserting that something did NOT arrive, without a fixed wait: sends a sentinel record over the plain TCP
    /// listener (<see cref="RsyslogOptions.Tcp"/>), waits for it, and returns the records written before it. rsyslog
    /// writes what it received in order, so what was sent before the sentinel and is not there never arrived.
    /// </summary>
    public async Task<IReadOnlyList<RsyslogRecord>> RecordsBeforeSentinelAsync(TimeSpan timeout)
    {
        var sentinel = "sentinel-" + Guid.NewGuid().ToString("N");
        using (var client = new TcpClient())
        {
            await client.ConnectAsync(IPAddress.Loopback, TcpPort);
            await client.GetStream().WriteAsync(Encoding.UTF8.GetBytes($"<14>1 - - - - - - {sentinel}\n"));
        }

        var records = await WaitAsync(records => records.Any(r => r.Msg == sentinel), "the sentinel record", timeout);
        return records.TakeWhile(r => r.Msg != sentinel).ToArray();
    }

    /// <summary>Kills rsyslogd with SIGKILL (no clean shutdown: a crash) and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        var process = Detach();
        if (process is null)
        {
            return;
        }

        using (process)
        {
            try
            {
                process.Kill();
            }
            catch (InvalidOperationException)
            {
                // Already exited.
            }

            await WaitForExitAsync(process, TimeSpan.FromSeconds(10));
        }

        HoldPorts();
    }

    /// <summary>
    /// Starts rsyslogd again (stopping it first if it still runs) with the same configuration, ports, socket path and
    /// records file; new records are appended.
    /// </summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await LaunchAsync();
    }

    /// <summary>Stops rsyslogd cleanly (SIGTERM; SIGKILL after 10 s) and waits until it is gone.</summary>
    public async Task StopAsync()
    {
        var process = Detach();
        if (process is null)
        {
            return;
        }

        using (process)
        {
            if (process.HasExited || SendSignal(process.Id, SigTerm) != 0 || !await WaitForExitAsync(process, TimeSpan.FromSeconds(10)))
            {
                try
                {
                    process.Kill();
                }
                catch (InvalidOperationException)
                {
                }

                await WaitForExitAsync(process, TimeSpan.FromSeconds(10));
            }
        }

        HoldPorts();
    }

    /// <summary>Stops rsyslogd and deletes its folder.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            KillNow();
            ReleasePorts();
            Running.TryRemove(this, out _);
            _directory.Dispose();
        }
    }

    /// <summary>State, ports, rsyslog's console output and internal log, and the configuration: for failure messages.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        text.Append("rsyslogd ").Append(ProcessId is { } pid ? $"running as pid {pid}" : "not running")
            .Append(", work directory ").AppendLine(WorkDirectory);
        text.Append("listeners:")
            .Append(Options.Tcp ? $" tcp 127.0.0.1:{_tcpPort}" : string.Empty)
            .Append(Options.Tls ? $" tls 127.0.0.1:{_tlsPort} ({Options.TlsAuthMode})" : string.Empty)
            .Append(Options.Udp ? $" udp 127.0.0.1:{_udpPort}" : string.Empty)
            .Append(Options.Relp ? $" relp 127.0.0.1:{_relpPort}" : string.Empty)
            .Append(Options.RelpTls ? $" relp-tls 127.0.0.1:{_relpTlsPort}" : string.Empty)
            .AppendLine(Options.UnixSocket ? $" unix {UnixSocketPath}" : string.Empty);
        text.AppendLine("--- rsyslogd stdout/stderr ---").AppendLine(ConsoleOutput);
        text.AppendLine("--- internal.log (last 40 lines) ---").AppendLine(Tail(InternalLogPath, 40));
        text.AppendLine("--- rsyslog.conf ---").AppendLine(ReadOrNothing(ConfigurationPath));
        return text.ToString();
    }

    /// <summary>Binds this instance's TCP ports (without listening) while rsyslogd is down; see the remarks.</summary>
    private void HoldPorts()
    {
        foreach (var port in new[] { _tcpPort, _tlsPort, _relpPort, _relpTlsPort })
        {
            if (port is not { } held)
            {
                continue;
            }

            var hold = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                // SO_REUSEADDR: the port may still have connections in TIME_WAIT from before the kill.
                hold.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
                hold.Bind(new IPEndPoint(IPAddress.Loopback, held));
                lock (_gate)
                {
                    _portHolds.Add(hold);
                }
            }
            catch (SocketException)
            {
                // Taken already (the race this closes): the restart will report it.
                hold.Dispose();
            }
        }
    }

    private void ReleasePorts()
    {
        lock (_gate)
        {
            foreach (var hold in _portHolds)
            {
                hold.Dispose();
            }

            _portHolds.Clear();
        }
    }

    private void Prepare()
    {
        if (Options.UnixSocket && Encoding.UTF8.GetByteCount(UnixSocketPath) > 100)
        {
            throw new InvalidOperationException($"The Unix socket path '{UnixSocketPath}' is too long for sockaddr_un (108 bytes); set TMPDIR to a shorter folder.");
        }

        if (Options.Tls || Options.RelpTls)
        {
            var server = Options.TlsServerCertificate ?? Certificates.Server;
            (_caFile, _) = Certificates.Ca.WritePem(WorkDirectory);
            (_certificateFile, _keyFile) = server.WritePem(WorkDirectory);
        }
    }

    private async Task LaunchAsync()
    {
        var first = _run == 0;
        _run++;
        if (first)
        {
            _relpPort = Options.Relp ? FreeTcpPort() : null;
            _relpTlsPort = Options.RelpTls ? FreeTcpPort() : null;
        }

        // Leftovers of the previous run (after SIGKILL rsyslog had no chance to remove them).
        foreach (var stale in new[] { PortFile("tcp"), PortFile("tls"), _directory.Combine("rsyslogd.pid"), Options.UnixSocket ? UnixSocketPath : null })
        {
            if (stale is not null)
            {
                File.Delete(stale);
            }
        }

        File.WriteAllText(ConfigurationPath, BuildConfiguration());
        ReleasePorts();

        var start = new ProcessStartInfo(Executable!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
            WorkingDirectory = WorkDirectory,
        };

        // -n: stay in the foreground (our child); -C: no chdir to /; -f: this file instead of /etc/rsyslog.conf
        // (which is what includes /etc/rsyslog.d); -i: our own pid file, so it never collides with the system daemon's.
        foreach (var argument in new[] { "-n", "-C", "-f", ConfigurationPath, "-i", _directory.Combine("rsyslogd.pid") })
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var run = _run;
        process.OutputDataReceived += (_, e) => Capture(run, "stdout", e.Data);
        process.ErrorDataReceived += (_, e) => Capture(run, "stderr", e.Data);
        lock (_console)
        {
            _console.Append("=== run ").Append(run).Append(": ").Append(start.FileName).Append(' ').AppendJoin(' ', start.ArgumentList).AppendLine(" ===");
            _runConsoleStart = _console.Length;
        }

        lock (_gate)
        {
            process.Start();
            _process = process;
            _exitExpected = false;
        }

        Running.TryAdd(this, 0);
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await WaitUntilReadyAsync(process, first);
        }
        catch
        {
            await KillAsync();
            throw;
        }
    }

    private async Task WaitUntilReadyAsync(Process process, bool first)
    {
        var stopwatch = Stopwatch.StartNew();
        var missing = new List<string>();
        TimeSpan? firstOutput = null;
        while (true)
        {
            missing.Clear();
            if (process.HasExited)
            {
                await WaitForExitAsync(process, TimeSpan.FromSeconds(5));
                throw StartFailed($"rsyslogd exited with code {process.ExitCode} during start");
            }

            var pid = process.Id;
            var listening = ListeningPorts(pid);
            if (Options.Tcp)
            {
                CheckTcp("tcp", ref _tcpPort, first, listening.Tcp, missing);
            }

            if (Options.Tls)
            {
                CheckTcp("tls", ref _tlsPort, first, listening.Tcp, missing);
            }

            foreach (var (relpName, relpPort) in new[] { ("relp", _relpPort), ("relp-tls", _relpTlsPort) })
            {
                if (relpPort is { } port && !listening.Tcp.Contains(port))
                {
                    missing.Add($"{relpName} listener on 127.0.0.1:{port} (imrelp)");
                }
            }

            if (Options.Udp)
            {
                if (first && _udpPort is null && listening.Udp.Count == 1)
                {
                    _udpPort = listening.Udp.Single();
                }

                if (_udpPort is null || !listening.Udp.Contains(_udpPort.Value))
                {
                    missing.Add($"UDP socket on 127.0.0.1:{_udpPort?.ToString(CultureInfo.InvariantCulture) ?? "?"} (imudp)");
                }
            }

            if (Options.UnixSocket && !File.Exists(UnixSocketPath))
            {
                missing.Add($"Unix socket {UnixSocketPath} (imuxsock)");
            }

            var started = ReadOrNothing(InternalLogPath).Split('\n').Any(line => line.Contains($"x-pid=\"{pid}\"", StringComparison.Ordinal) && line.Contains("] start", StringComparison.Ordinal));
            if (!started)
            {
                missing.Add("rsyslog's \"start\" message in internal.log");
            }

            // Configuration errors are printed while the file is parsed, before the "start" message; rsyslogd then
            // runs on without what it could not understand (even with a file it "could not interpret" at all, and
            // then without our internal.log), so any output is a failure: as soon as rsyslog has started, or a
            // second after the first line (time for the rest of its messages).
            if (RunConsoleOutput().Length > 0)
            {
                firstOutput ??= stopwatch.Elapsed;
            }

            if (missing.Count == 0 || (firstOutput is { } outputAt && (started || stopwatch.Elapsed - outputAt >= TimeSpan.FromSeconds(1))))
            {
                await Task.Delay(100);
                var output = RunConsoleOutput();
                if (output.Length > 0)
                {
                    throw StartFailed("rsyslogd printed messages while starting (configuration errors or a listener that could not bind)");
                }

                return;
            }

            if (stopwatch.Elapsed >= Options.StartTimeout)
            {
                throw StartFailed($"rsyslogd was not ready after {Options.StartTimeout.TotalSeconds:F0} s; still missing: {string.Join("; ", missing)}");
            }

            await Task.Delay(50);
        }
    }

    private void CheckTcp(string name, ref int? port, bool first, HashSet<int> listening, List<string> missing)
    {
        if (first && port is null && File.Exists(PortFile(name)) && int.TryParse(ReadOrNothing(PortFile(name)).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var reported) && reported > 0)
        {
            port = reported;
        }

        if (port is null || !listening.Contains(port.Value))
        {
            missing.Add($"{name} listener on 127.0.0.1:{port?.ToString(CultureInfo.InvariantCulture) ?? "?"} (imtcp)");
        }
    }

    private string BuildConfiguration()
    {
        var work = WorkDirectory;
        var o = Options;
        var text = new StringBuilder();
        text.AppendLine($$"""
            # Generated by GenLog's rsyslog test harness (tests/GenLog.Interop.Tests/Support/RsyslogServer.cs), run as
            #   rsyslogd -n -C -f {{Quote(ConfigurationPath)}} -i {{Quote(_directory.Combine("rsyslogd.pid"))}}
            # This file replaces /etc/rsyslog.conf, so /etc/rsyslog.d is never included; no imklog, imjournal or system
            # socket (/dev/log) input is loaded: only the inputs below, on 127.0.0.1 and in this folder.
            global(
              workDirectory="{{Quote(work)}}"
              # Before any input: inputs size their buffers from it (as the legacy $MaxMessageSize had to come first).
              maxMessageSize="{{o.MaxMessageSize}}"
              # rsyslog's own messages (start, exit, errors) go through the default ruleset to internal.log, never to
              # syslog(3) or the journal.
              processInternalMessages="on"
              net.enableDNS="off"
              localHostName="{{LocalHostName}}"
              # $EscapeControlCharactersOnReceive (rsyslog's default is on): on reception, before parsing, every control
              # character below 0x20 becomes '#' and three octal digits (ESC -> #033, an LF inside a frame -> #012);
              # TAB too (#011) while escapeControlCharacterTab is on (default). NUL becomes #000 even when off.
              parser.escapeControlCharactersOnReceive="{{OnOff(o.EscapeControlCharacters)}}"
              parser.escapeControlCharacterTab="{{OnOff(o.EscapeTab)}}"
            )

            """);

        if (o.DirectQueue)
        {
            text.AppendLine("main_queue(queue.type=\"Direct\")");
        }

        if (o.Tcp || o.Tls)
        {
            text.AppendLine("module(load=\"imtcp\")");
        }

        if (o.Udp)
        {
            text.AppendLine("module(load=\"imudp\")");
        }

        if (o.Relp || o.RelpTls)
        {
            text.AppendLine("module(load=\"imrelp\")");
        }

        if (o.ParseStructuredData)
        {
            text.AppendLine("module(load=\"mmpstrucdata\")");
        }

        if (o.UnixSocket)
        {
            text.AppendLine("# SysSock.Use=\"off\": never the system socket /dev/log, only the input below.");
            text.AppendLine("module(load=\"imuxsock\" SysSock.Use=\"off\")");
        }

        text.AppendLine($$"""

            # One JSON object per line, every value JSON-escaped by rsyslog (jsonf), numbers for PRI and its parts.
            template(name="genlog-json" type="list" option.jsonf="on") {
              property(outname="pri" name="pri" format="jsonf" datatype="number")
              property(outname="facility" name="syslogfacility" format="jsonf" datatype="number")
              property(outname="severity" name="syslogseverity" format="jsonf" datatype="number")
              property(outname="protocol-version" name="protocol-version" format="jsonf")
              property(outname="timestamp" name="timereported" dateFormat="rfc3339" format="jsonf")
              property(outname="hostname" name="hostname" format="jsonf")
              property(outname="app-name" name="app-name" format="jsonf")
              property(outname="procid" name="procid" format="jsonf")
              property(outname="msgid" name="msgid" format="jsonf")
              property(outname="structured-data" name="structured-data" format="jsonf")
              property(outname="msg" name="msg" format="jsonf")
              property(outname="rawmsg" name="rawmsg" format="jsonf")
              property(outname="inputname" name="inputname" format="jsonf")
              property(outname="fromhost-ip" name="fromhost-ip" format="jsonf")
              {{(o.ParseStructuredData ? "property(outname=\"sd\" name=\"$!rfc5424-sd\" format=\"jsonf\")" : string.Empty)}}
            }

            ruleset(name="genlog") {
              {{(o.ParseStructuredData ? "action(type=\"mmpstrucdata\" sd_name.lowercase=\"off\")" : string.Empty)}}
              action(type="omfile" name="genlog-records" file="{{Quote(RecordsPath)}}" template="genlog-json")
            }

            """);

        if (o.Tcp)
        {
            text.AppendLine($"""
                # Octet counting ("LEN SP MSG") or LF framing, detected per frame: a frame that starts with a digit is
                # octet-counted.
                input(type="imtcp" name="{TcpInputName}" address="127.0.0.1" {PortSetting("tcp", _tcpPort)} ruleset="genlog"
                      supportOctetCountedFraming="on" ratelimit.interval="0")
                """);
        }

        if (o.Tls)
        {
            var authMode = o.TlsAuthMode == RsyslogTlsAuthMode.CertificateValid ? "x509/certvalid" : "anon";
            text.AppendLine($"""
                # RFC 5425 over the gtls driver (rsyslog-gnutls); authMode {authMode}.
                input(type="imtcp" name="{TlsInputName}" address="127.0.0.1" {PortSetting("tls", _tlsPort)} ruleset="genlog"
                      supportOctetCountedFraming="on" ratelimit.interval="0"
                      streamDriver.name="gtls" streamDriver.mode="1" streamDriver.authMode="{authMode}"
                      streamDriver.caFile="{Quote(_caFile!)}" streamDriver.certFile="{Quote(_certificateFile!)}" streamDriver.keyFile="{Quote(_keyFile!)}")
                """);
        }

        if (o.Relp)
        {
            text.AppendLine($"""
                # RELP (librelp): every syslog command is answered with "rsp 200 OK" once rsyslog has taken the message.
                input(type="imrelp" name="{RelpInputName}" address="127.0.0.1" port="{_relpPort}" ruleset="genlog")
                """);
        }

        if (o.RelpTls)
        {
            text.AppendLine($"""
                # RELP over TLS (librelp's own TLS from the first byte). With a certificate of its own librelp always asks
                # for the client's (mutual TLS); certvalid: any client certificate signed by the test CA.
                input(type="imrelp" name="{RelpTlsInputName}" address="127.0.0.1" port="{_relpTlsPort}" ruleset="genlog"
                      tls="on" tls.authMode="certvalid" tls.cacert="{Quote(_caFile!)}" tls.mycert="{Quote(_certificateFile!)}" tls.myprivkey="{Quote(_keyFile!)}")
                """);
        }

        if (o.Udp)
        {
            text.AppendLine($"""
                input(type="imudp" name="{UdpInputName}" address="127.0.0.1" port="{_udpPort ?? 0}" ruleset="genlog" ratelimit.interval="0")
                """);
        }

        if (o.UnixSocket)
        {
            text.AppendLine($"""
                # useSpecialParser="{OnOff(!o.UnixSocketRfc5424)}": {(o.UnixSocketRfc5424 ? "rsyslog's parser chain (RFC 5424, then RFC 3164), not imuxsock's local format" : "imuxsock's local-socket parser (<PRI>[TIMESTAMP ]TAG...)")};
                # parseHostname off: a local RFC 3164 message has no HOSTNAME; ignoreTimestamp off: keep the sender's time.
                # (imuxsock takes no "name" in 8.2302: its records have inputname "imuxsock".)
                input(type="imuxsock" socket="{Quote(UnixSocketPath)}" ruleset="genlog"
                      useSpecialParser="{OnOff(!o.UnixSocketRfc5424)}" parseHostname="off" ignoreTimestamp="off" ratelimit.interval="0")
                """);
        }

        if (!string.IsNullOrWhiteSpace(o.ExtraConfiguration))
        {
            text.AppendLine().AppendLine("# RsyslogOptions.ExtraConfiguration").AppendLine(o.ExtraConfiguration);
        }

        text.AppendLine($"""

            # Default ruleset: rsyslog's own messages only.
            action(type="omfile" name="genlog-internal" file="{Quote(InternalLogPath)}")
            """);
        return text.ToString();
    }

    /// <summary>First start: port 0 and rsyslog reports its choice (imtcp writes that file only for port 0); restart: the same port.</summary>
    private string PortSetting(string name, int? port) =>
        port is { } known ? $"port=\"{known}\"" : $"port=\"0\" listenPortFileName=\"{Quote(PortFile(name))}\"";

    private string PortFile(string name) => _directory.Combine(name + ".port");

    private static string OnOff(bool value) => value ? "on" : "off";

    private static string Quote(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);

    private void Capture(int run, string stream, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_console)
        {
            if (run == _run)
            {
                _console.Append(stream).Append(": ").AppendLine(line);
            }
        }
    }

    private string RunConsoleOutput()
    {
        lock (_console)
        {
            return _console.ToString(_runConsoleStart, _console.Length - _runConsoleStart);
        }
    }

    private Exception StartFailed(string reason) =>
        new InvalidOperationException($"rsyslog did not start: {reason}.\n{Describe()}");

    private string? UnexpectedExit()
    {
        lock (_gate)
        {
            if (_process is { HasExited: true } process && !_exitExpected)
            {
                return $"exited unexpectedly with code {process.ExitCode}";
            }

            return null;
        }
    }

    private Process? Detach()
    {
        lock (_gate)
        {
            var process = _process;
            _process = null;
            _exitExpected = true;
            return process;
        }
    }

    private void KillNow()
    {
        lock (_gate)
        {
            try
            {
                if (_process is { HasExited: false } process)
                {
                    process.Kill();
                    process.WaitForExit(5000);
                }
            }
            catch (InvalidOperationException)
            {
            }
        }
    }

    private static async Task<bool> WaitForExitAsync(Process process, TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static InvalidOperationException NotConfigured(string listener) =>
        new($"This rsyslog harness was started without RsyslogOptions.{listener}.");

    private static string Format(IReadOnlyList<RsyslogRecord> records) =>
        records.Count == 0 ? "(no records)" : string.Join('\n', records.Select((record, index) => $"  [{index}] {record}"));

    private static string ReadOrNothing(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            return reader.ReadToEnd();
        }
        catch (IOException)
        {
            return string.Empty;
        }
        catch (UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }

    private static string Tail(string path, int lines)
    {
        var all = ReadOrNothing(path).TrimEnd('\n').Split('\n');
        return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)));
    }

    /// <summary>
    /// The 127.0.0.1 ports on which process <paramref name="pid"/> has a listening TCP socket or a bound UDP socket:
    /// its socket inodes (/proc/PID/fd) matched with /proc/PID/net/{tcp,udp}. No probe connection is needed, and
    /// rsyslog logs none.
    /// </summary>
    private static (HashSet<int> Tcp, HashSet<int> Udp) ListeningPorts(int pid)
    {
        var inodes = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            foreach (var fd in Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd"))
            {
                try
                {
                    var target = new FileInfo(fd).LinkTarget;
                    if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal))
                    {
                        inodes.Add(target["socket:[".Length..^1]);
                    }
                }
                catch (IOException)
                {
                    // The descriptor closed while we looked.
                }
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return ([], []);
        }

        return (Scan($"/proc/{pid}/net/tcp", "0A"), Scan($"/proc/{pid}/net/udp", "07"));

        HashSet<int> Scan(string table, string state)
        {
            var ports = new HashSet<int>();
            foreach (var line in ReadOrNothing(table).Split('\n').Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length < 10 || fields[3] != state || !inodes.Contains(fields[9]))
                {
                    continue;
                }

                var local = fields[1].Split(':');
                if (local[0] == "0100007F" && int.TryParse(local[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var port))
                {
                    ports.Add(port);
                }
            }

            return ports;
        }
    }

    private static string? FindExecutable()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        return ProcessRunner.FindOnPath("rsyslogd") ?? new[] { "/usr/sbin/rsyslogd", "/sbin/rsyslogd" }.FirstOrDefault(File.Exists);
    }

    private static bool FindModule(string module)
    {
        foreach (var root in new[] { "/usr/lib", "/usr/lib64", "/lib" })
        {
            if (File.Exists(Path.Combine(root, "rsyslog", module))
                || (Directory.Exists(root) && Directory.EnumerateDirectories(root).Any(triplet => File.Exists(Path.Combine(triplet, "rsyslog", module)))))
            {
                return true;
            }
        }

        return false;
    }

    private static bool FindGtlsDriver()
    {
        foreach (var root in new[] { "/usr/lib", "/usr/lib64", "/lib" })
        {
            if (File.Exists(Path.Combine(root, "rsyslog", "lmnsd_gtls.so")))
            {
                return true;
            }

            if (Directory.Exists(root) && Directory.EnumerateDirectories(root).Any(triplet => File.Exists(Path.Combine(triplet, "rsyslog", "lmnsd_gtls.so"))))
            {
                return true;
            }
        }

        return false;
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);
}
