using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using GenLog.TestSupport;

namespace GenLog.Interop.Tests.Support;

/// <summary>
/// One message as syslog-ng 3.38 parsed it: a line of <c>$(format-json --scope sdata …)</c> (scripts/install-syslog-ng.sh). Names are
/// syslog-ng's macros: <c>$PRI $FACILITY_NUM $LEVEL_NUM $HOST $PROGRAM $PID $MSGID $SDATA $MSG</c>, <c>$SOURCE</c> (which
/// listener), and the parsed SD-PARAM values (<c>.SDATA.ID.NAME</c>, unescaped by syslog-ng).
/// </summary>
public sealed record SyslogNgRecord(
    string Source, int Pri, int Facility, int Severity, string Host, string Program, string Pid, string MsgId, string SData, string Msg,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> StructuredData, string Json)
{
    public static SyslogNgRecord Parse(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        string Text(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : string.Empty;
        int Number(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : -1;
        var sd = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        if (root.TryGetProperty("_SDATA", out var elements) && elements.ValueKind == JsonValueKind.Object)
        {
            foreach (var element in elements.EnumerateObject())
            {
                sd[element.Name] = element.Value.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? string.Empty, StringComparer.Ordinal);
            }
        }

        return new SyslogNgRecord(Text("source"), Number("pri"), Number("facility"), Number("severity"), Text("host"), Text("program"), Text("pid"), Text("msgid"), Text("sdata"), Text("msg"), sd, line);
    }

    public override string ToString() => $"[{Source}] <{Pri}> host={Host} program={Program} pid={Pid} msgid={MsgId} sdata={SData} msg={JsonSerializer.Serialize(Msg)}";
}

/// <summary>
/// A real syslog-ng 3.38 (Debian syslog-ng-core, unpacked by scripts/install-syslog-ng.sh, never apt-installed because it
/// conflicts with rsyslog) started by a test with its own configuration, listening on 127.0.0.1 only, writing every
/// parsed message as a JSON line. Killed on dispose and when the test process exits.
/// </summary>
/// <remarks>
/// Listeners: <see cref="UdpPort"/> <c>network(transport("udp") flags(syslog-protocol))</c> for RFC 5424
/// datagrams; <see cref="TcpPort"/> <c>syslog(transport("tcp"))</c> for octet-counted RFC 5424 (RFC 6587/5425);
/// <see cref="LfPort"/> <c>network(transport("tcp") flags(syslog-protocol))</c> for LF-framed RFC 5424;
/// <see cref="BsdUdpPort"/> <c>network(transport("udp"))</c> for RFC 3164 datagrams.
/// </remarks>
public sealed class SyslogNgServer : IAsyncDisposable
{
    public const string UdpSource = "s_udp";
    public const string TcpSource = "s_tcp";
    public const string LfSource = "s_lf";
    public const string BsdUdpSource = "s_bsd";

    private static readonly ConcurrentDictionary<SyslogNgServer, byte> Running = new();
    private readonly TempDirectory _directory = new("genlog-syslog-ng-");
    private readonly StringBuilder _console = new();
    private Process? _process;

    static SyslogNgServer()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var server in Running.Keys)
            {
                server.Kill();
            }
        };
    }

    /// <summary>Where syslog-ng is unpacked: $GENLOG_SYSLOG_NG_DIR, or artifacts/syslog-ng in the repository.</summary>
    public static string Home => Environment.GetEnvironmentVariable("GENLOG_SYSLOG_NG_DIR") is { Length: > 0 } dir ? dir : Path.Combine(RepositoryRoot.Path, "artifacts", "syslog-ng");

    public static string ExecutablePath => Path.Combine(Home, "usr", "sbin", "syslog-ng");

    public int UdpPort { get; private set; }

    public int TcpPort { get; private set; }

    public int LfPort { get; private set; }

    public int BsdUdpPort { get; private set; }

    public string RecordsPath => _directory.Combine("records.jsonl");

    public string ConfigurationPath => _directory.Combine("syslog-ng.conf");

    /// <summary>Fails (GENLOG_REQUIRE_PEERS=1) or skips when syslog-ng is not unpacked.</summary>
    public static void Require()
    {
        Peers.Require(OperatingSystem.IsLinux(), "the syslog-ng harness runs on Linux only");
        Peers.Require(File.Exists(ExecutablePath), $"syslog-ng is not unpacked in {Home} (bash scripts/install-syslog-ng.sh does it as root; scripts/test.sh runs it)");
    }

    public static async Task<SyslogNgServer> StartAsync()
    {
        Require();
        var server = new SyslogNgServer();
        try
        {
            await server.LaunchAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    private static int FreePort(SocketType type, ProtocolType protocol)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, type, protocol);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    private async Task LaunchAsync()
    {
        UdpPort = FreePort(SocketType.Dgram, ProtocolType.Udp);
        BsdUdpPort = FreePort(SocketType.Dgram, ProtocolType.Udp);
        TcpPort = FreePort(SocketType.Stream, ProtocolType.Tcp);
        LfPort = FreePort(SocketType.Stream, ProtocolType.Tcp);
        var template = "$(format-json --scope sdata source=$SOURCE pri=int($PRI) facility=int($FACILITY_NUM) severity=int($LEVEL_NUM) host=$HOST program=$PROGRAM pid=$PID msgid=$MSGID sdata=$SDATA msg=$MSG)\\n";
        File.WriteAllText(ConfigurationPath, $$"""
            @version: 3.38
            # Generated by GenLog's syslog-ng harness (tests/GenLog.Interop.Tests/Support/SyslogNgServer.cs); loopback only.
            options { chain-hostnames(no); use-dns(no); dns-cache(no); keep-hostname(yes); stats-freq(0); log-msg-size(65536); };
            source {{UdpSource}} { network(ip("127.0.0.1") port({{UdpPort}}) transport("udp") flags(syslog-protocol)); };
            source {{TcpSource}} { syslog(ip("127.0.0.1") port({{TcpPort}}) transport("tcp")); };
            source {{LfSource}} { network(ip("127.0.0.1") port({{LfPort}}) transport("tcp") flags(syslog-protocol)); };
            source {{BsdUdpSource}} { network(ip("127.0.0.1") port({{BsdUdpPort}}) transport("udp")); };
            destination d_json { file("{{RecordsPath}}" template("{{template}}")); };
            log { source({{UdpSource}}); source({{TcpSource}}); source({{LfSource}}); source({{BsdUdpSource}}); destination(d_json); };
            """);

        var lib = Path.Combine(Home, "usr", "lib", "syslog-ng");
        var start = new ProcessStartInfo(ExecutablePath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _directory.Path,
        };
        foreach (var argument in new[]
        {
            "-F", "-f", ConfigurationPath, $"--module-path={Path.Combine(lib, "3.38")}", $"--persist-file={_directory.Combine("persist")}",
            $"--pidfile={_directory.Combine("pid")}", $"--control={_directory.Combine("ctl")}",
        })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["LD_LIBRARY_PATH"] = lib;
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Capture(e.Data);
        process.ErrorDataReceived += (_, e) => Capture(e.Data);
        process.Start();
        _process = process;
        Running.TryAdd(this, 0);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"syslog-ng exited with code {process.ExitCode} during start.\n{Describe()}");
            }

            if (Listening("tcp", TcpPort, "0A") && Listening("tcp", LfPort, "0A") && Listening("udp", UdpPort, "07") && Listening("udp", BsdUdpPort, "07"))
            {
                return;
            }

            if (stopwatch.Elapsed > TimeSpan.FromSeconds(20))
            {
                throw new TimeoutException($"syslog-ng did not listen on every port within 20 s.\n{Describe()}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>True when /proc/net shows a socket bound to 127.0.0.1:port in the given state (0A LISTEN, 07 UDP).</summary>
    private static bool Listening(string protocol, int port, string state)
    {
        var local = $"0100007F:{port:X4}";
        return File.ReadLines($"/proc/net/{protocol}").Skip(1).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Any(f => f.Length > 3 && f[1] == local && f[3] == state);
    }

    private void Capture(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_console)
        {
            _console.AppendLine(line);
        }
    }

    public IReadOnlyList<SyslogNgRecord> ReadRecords()
    {
        string text;
        try
        {
            using var stream = new FileStream(RecordsPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false);
            text = reader.ReadToEnd();
        }
        catch (FileNotFoundException)
        {
            return [];
        }

        var end = text.LastIndexOf('\n');
        return end < 0 ? [] : text[..end].Split('\n').Where(l => l.Length > 0).Select(SyslogNgRecord.Parse).ToArray();
    }

    /// <summary>Waits until <paramref name="count"/> records from <paramref name="source"/> arrived; fails with what did.</summary>
    public async Task<IReadOnlyList<SyslogNgRecord>> WaitForRecordsAsync(string source, int count, TimeSpan timeout)
    {
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            var records = ReadRecords().Where(r => r.Source == source).ToArray();
            if (records.Length >= count)
            {
                return records;
            }

            if (stopwatch.Elapsed > timeout || _process is null || _process.HasExited)
            {
                throw new TimeoutException($"{records.Length} of {count} record(s) from syslog-ng source {source} arrived.\n{string.Join("\n", records.Select(r => r.ToString()))}\n{Describe()}");
            }

            await Task.Delay(50);
        }
    }

    public string Describe()
    {
        string console;
        lock (_console)
        {
            console = _console.ToString();
        }

        return $"syslog-ng {(_process is { HasExited: false } p ? $"running as pid {p.Id}" : "not running")}, folder {_directory.Path}\n--- console ---\n{console}\n--- configuration ---\n{(File.Exists(ConfigurationPath) ? File.ReadAllText(ConfigurationPath) : string.Empty)}";
    }

    private void Kill()
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

    public ValueTask DisposeAsync()
    {
        Kill();
        _process?.Dispose();
        Running.TryRemove(this, out _);
        _directory.Dispose();
        return ValueTask.CompletedTask;
    }
}
