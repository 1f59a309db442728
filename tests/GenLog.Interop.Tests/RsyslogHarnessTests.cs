using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using GenLog.Interop.Tests.Support;

namespace GenLog.Interop.Tests;

/// <summary>
/// The rsyslog harness on its own, without any GenLog transport: raw sockets send hand-made RFC 5424 frames to a real
/// rsyslogd, and what rsyslog parsed must come back field by field. When these pass, a failing transport test points
/// at the transport, not at the peer.
/// </summary>
public sealed class RsyslogHarnessTests
{
    private const string Example = "<165>1 2026-11-24T09:18:00.123456Z host app 42 ID47 [ex@32473 a=\"1\"] \uFEFFhello";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [SkippableFact]
    public async Task Tcp_OctetCountedAndLfFramedFrames_AreParsed()
    {
        await using var rsyslog = await RsyslogServer.StartAsync(new RsyslogOptions { Tcp = true });

        using (var client = await ConnectAsync(rsyslog.TcpPort))
        {
            var stream = client.GetStream();
            var second = "<14>1 2026-11-24T09:18:01Z host2 app2 - ID48 - second frame";
            await WriteAsync(stream, OctetCounted(Example), OctetCounted(second), Encoding.UTF8.GetBytes("<13>1 2026-11-24T09:18:02.5Z lfhost lfapp 7 - - LF framed\n"));
            await rsyslog.WaitForRecordsAsync(3, Wait);
        }

        var records = rsyslog.ReadRecords();
        Assert.Equal(3, records.Count);
        AssertExample(records[0], "tcp");
        Assert.Equal("2026-11-24T09:18:00.123456Z", records[0].Timestamp);

        Assert.Equal((14, 1, 6), (records[1].Pri, records[1].Facility, records[1].Severity));
        Assert.Equal(("host2", "app2", "-", "ID48", "-", "second frame"), (records[1].HostName, records[1].AppName, records[1].ProcId, records[1].MsgId, records[1].StructuredData, records[1].Msg));

        Assert.Equal((13, 1, 5), (records[2].Pri, records[2].Facility, records[2].Severity));
        Assert.Equal(("lfhost", "lfapp", "7", "-", "-", "LF framed"), (records[2].HostName, records[2].AppName, records[2].ProcId, records[2].MsgId, records[2].StructuredData, records[2].Msg));
        Assert.Equal("127.0.0.1", records[2].FromHostIp);
    }

    [SkippableFact]
    public async Task Udp_Datagram_IsParsed()
    {
        await using var rsyslog = await RsyslogServer.StartAsync(new RsyslogOptions { Udp = true });

        using (var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp))
        {
            await socket.SendToAsync(Encoding.UTF8.GetBytes(Example), new IPEndPoint(IPAddress.Loopback, rsyslog.UdpPort));
        }

        var records = await rsyslog.WaitForRecordsAsync(1, Wait);
        AssertExample(Assert.Single(records), "udp");
    }

    [SkippableFact]
    public async Task UnixSocket_Rfc5424AndLocalRfc3164Datagrams_AreParsed()
    {
        await using var rsyslog = await RsyslogServer.StartAsync(new RsyslogOptions { UnixSocket = true });

        using (var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified))
        {
            var endPoint = new UnixDomainSocketEndPoint(rsyslog.UnixSocketPath);
            await socket.SendToAsync(Encoding.UTF8.GetBytes(Example), endPoint);
            // What CPython's SysLogHandler sends to /dev/log: <PRI>ident: message, no timestamp, no host name.
            await socket.SendToAsync(Encoding.UTF8.GetBytes("<14>pyapp: from python"), endPoint);
        }

        var records = await rsyslog.WaitForRecordsAsync(2, Wait);
        AssertExample(records[0], RsyslogServer.UnixInputName);
        // The sender's timestamp is kept (imuxsock ignoreTimestamp="off").
        Assert.Equal("2026-11-24T09:18:00.123456Z", records[0].Timestamp);

        var local = records[1];
        Assert.Equal((14, 1, 6, "0"), (local.Pri, local.Facility, local.Severity, local.ProtocolVersion));
        Assert.Equal((RsyslogServer.LocalHostName, "pyapp"), (local.HostName, local.AppName));
        // RFC 3164 MSG keeps the space after "TAG:".
        Assert.Equal(" from python", local.Msg);
    }

    [SkippableFact]
    public async Task UnixSocket_WithImuxsocksOwnParser_DoesNotParseRfc5424()
    {
        await using var rsyslog = await RsyslogServer.StartAsync(new RsyslogOptions { UnixSocket = true, UnixSocketRfc5424 = false });

        using (var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified))
        {
            await socket.SendToAsync(Encoding.UTF8.GetBytes(Example), new UnixDomainSocketEndPoint(rsyslog.UnixSocketPath));
        }

        var record = Assert.Single(await rsyslog.WaitForRecordsAsync(1, Wait));
        Assert.Equal(165, record.Pri);
        Assert.Equal("1", record.AppName);
        Assert.Equal(RsyslogServer.LocalHostName, record.HostName);
        Assert.StartsWith(" 2026-11-24T09:18:00.123456Z host app 42 ID47", record.Msg, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Tls_ServerValidatedAgainstTestCa_IsParsed()
    {
        await using var rsyslog = await RsyslogServer.StartAsync(new RsyslogOptions { Tls = true });

        using (var client = await ConnectAsync(rsyslog.TlsPort))
        await using (var tls = new SslStream(client.GetStream(), leaveInnerStreamOpen: false))
        {
            using var timeout = new CancellationTokenSource(Wait);
            await tls.AuthenticateAsClientAsync(rsyslog.Certificates.CreateClientOptions("localhost"), timeout.Token);
            Assert.True(tls.IsAuthenticated);
            Assert.Equal(rsyslog.Certificates.Server.Certificate.Thumbprint, tls.RemoteCertificate?.GetCertHashString());
            await WriteAsync(tls, OctetCounted(Example));
            await rsyslog.WaitForRecordsAsync(1, Wait);
        }

        AssertExample(Assert.Single(rsyslog.ReadRecords()), "tls");
    }

    [SkippableFact]
    public async Task Tls_CertificateValidMode_RejectsClientWithoutCertificate_AcceptsTestClientCertificate()
    {
        await using var rsyslog = await RsyslogServer.StartAsync(new RsyslogOptions { Tls = true, TlsAuthMode = RsyslogTlsAuthMode.CertificateValid });

        // Without a client certificate: the handshake fails, or (TLS 1.3, where the server checks the client's
        // certificate after the client has finished) rsyslog drops the session and nothing is logged.
        using (var client = await ConnectAsync(rsyslog.TlsPort))
        await using (var tls = new SslStream(client.GetStream(), leaveInnerStreamOpen: false))
        {
            try
            {
                using var timeout = new CancellationTokenSource(Wait);
                await tls.AuthenticateAsClientAsync(rsyslog.Certificates.CreateClientOptions(), timeout.Token);
                await WriteAsync(tls, OctetCounted("<14>1 - - - - - - anonymous client"));
            }
            catch (Exception exception) when (exception is AuthenticationException or IOException)
            {
                // Rejected during the handshake.
            }
        }

        // The record of the client with a certificate, sent after, is the only one: the anonymous one never arrived.
        using (var client = await ConnectAsync(rsyslog.TlsPort))
        await using (var tls = new SslStream(client.GetStream(), leaveInnerStreamOpen: false))
        {
            using var timeout = new CancellationTokenSource(Wait);
            await tls.AuthenticateAsClientAsync(rsyslog.Certificates.CreateClientOptions(presentClientCertificate: true), timeout.Token);
            Assert.NotNull(tls.LocalCertificate);
            await WriteAsync(tls, OctetCounted(Example));
            await rsyslog.WaitForRecordAsync(r => !r.Msg.Contains("anonymous client", StringComparison.Ordinal), Wait, "the record of the client with a certificate");
        }

        AssertExample(Assert.Single(rsyslog.ReadRecords()), "tls");
    }

    [SkippableTheory]
    [InlineData("wrong-host-server", SslPolicyErrors.RemoteCertificateNameMismatch)]
    [InlineData("self-signed-server", SslPolicyErrors.RemoteCertificateChainErrors)]
    public async Task Tls_BadServerCertificates_FailTheClientsValidation(string certificate, SslPolicyErrors expected)
    {
        var certificates = TestCertificates.Shared;
        var server = certificate == "wrong-host-server" ? certificates.WrongHostServer : certificates.SelfSignedServer;
        await using var rsyslog = await RsyslogServer.StartAsync(new RsyslogOptions { Tls = true, TlsServerCertificate = server });

        using var client = await ConnectAsync(rsyslog.TlsPort);
        var seen = SslPolicyErrors.None;
        await using var tls = new SslStream(client.GetStream(), leaveInnerStreamOpen: false);
        var options = certificates.CreateClientOptions("localhost");
        options.RemoteCertificateValidationCallback = (_, _, _, errors) =>
        {
            seen = errors;
            return errors == SslPolicyErrors.None;
        };

        using var timeout = new CancellationTokenSource(Wait);
        await Assert.ThrowsAsync<AuthenticationException>(() => tls.AuthenticateAsClientAsync(options, timeout.Token));
        Assert.True(seen.HasFlag(expected), $"expected {expected}, the client saw {seen}");
    }

    [SkippableFact]
    public async Task WhileDown_ThePortsRefuseConnectionsAndStayTheServers()
    {
        await using var rsyslog = await RsyslogServer.StartAsync(new RsyslogOptions { Tcp = true, Relp = true });
        var ports = new[] { rsyslog.TcpPort, rsyslog.RelpPort };
        await rsyslog.KillAsync();

        // A writer still retrying must meet a dead server, not another test's listener given the same port: a
        // connect is refused, and a plain bind (what any other program does, without SO_REUSEADDR) finds it taken.
        foreach (var port in ports)
        {
            using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            var refused = await Assert.ThrowsAsync<SocketException>(() => client.ConnectAsync(IPAddress.Loopback, port));
            Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
            var bind = await Peers.RunPythonAsync(["-c", $"import socket; socket.socket().bind(('127.0.0.1', {port}))"]);
            Assert.True(bind.ExitCode != 0 && bind.StandardError.Contains("Address already in use", StringComparison.Ordinal), bind.Describe());
        }

        await rsyslog.RestartAsync();
        await SendTcpAsync(rsyslog.TcpPort, "<14>1 - - - - - - after the restart");
        Assert.Single(await rsyslog.WaitForRecordsAsync(1, Wait));
    }

    [SkippableFact]
    public async Task KillAndRestart_KeepsPortsAndSocket_AppendsRecords()
    {
        await using var rsyslog = await RsyslogServer.StartAsync(RsyslogOptions.All);
        var ports = (rsyslog.TcpPort, rsyslog.TlsPort, rsyslog.UdpPort);
        var firstPid = rsyslog.ProcessId;

        await SendTcpAsync(rsyslog.TcpPort, "<14>1 - - - - - - before the crash");
        await rsyslog.WaitForRecordsAsync(1, Wait);

        await rsyslog.KillAsync();
        Assert.False(rsyslog.IsRunning);
        await rsyslog.RestartAsync();
        Assert.True(rsyslog.IsRunning);
        Assert.NotEqual(firstPid, rsyslog.ProcessId);
        Assert.Equal(ports, (rsyslog.TcpPort, rsyslog.TlsPort, rsyslog.UdpPort));

        await SendTcpAsync(rsyslog.TcpPort, "<14>1 - - - - - - after the restart");
        using (var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp))
        {
            await udp.SendToAsync(Encoding.UTF8.GetBytes("<14>1 - - - - - - udp after the restart"), new IPEndPoint(IPAddress.Loopback, rsyslog.UdpPort));
        }

        using (var unix = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified))
        {
            await unix.SendToAsync(Encoding.UTF8.GetBytes("<14>1 - - - - - - unix after the restart"), new UnixDomainSocketEndPoint(rsyslog.UnixSocketPath));
        }

        using (var client = await ConnectAsync(rsyslog.TlsPort))
        await using (var tls = new SslStream(client.GetStream(), leaveInnerStreamOpen: false))
        {
            using var timeout = new CancellationTokenSource(Wait);
            await tls.AuthenticateAsClientAsync(rsyslog.Certificates.CreateClientOptions(), timeout.Token);
            await WriteAsync(tls, OctetCounted("<14>1 - - - - - - tls after the restart"));
            await rsyslog.WaitForRecordsAsync(5, Wait);
        }

        await rsyslog.WaitForRecordAsync(record => record.Msg == "udp after the restart", Wait, "the UDP datagram");
        var records = rsyslog.ReadRecords();
        Assert.Equal(5, records.Count);
        Assert.Equal("before the crash", records[0].Msg);
        Assert.Equal(
            ["imuxsock: unix after the restart", "tcp: after the restart", "tls: tls after the restart", "udp: udp after the restart"],
            records.Skip(1).Select(record => $"{record.InputName}: {record.Msg}").Order(StringComparer.Ordinal));
    }

    [SkippableFact]
    public async Task ControlCharacters_AreEscapedOnReception_ByDefault()
    {
        await using var rsyslog = await RsyslogServer.StartAsync(new RsyslogOptions { Tcp = true });

        await SendTcpAsync(rsyslog.TcpPort, "<14>1 - - - - - [x@1 v=\"a\u0001b\"] esc\u001B[31m tab\tlf\ncr\rnul\0del\u007F é");
        var record = Assert.Single(await rsyslog.WaitForRecordsAsync(1, Wait));

        Assert.Equal("esc#033[31m tab#011lf#012cr#015nul#000del\u007F é", record.Msg);
        Assert.Equal("[x@1 v=\"a#001b\"]", record.StructuredData);
        Assert.Contains("esc#033[31m", record.RawMsg, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task ControlCharacters_PassUnchanged_WhenEscapingIsOff()
    {
        await using var rsyslog = await RsyslogServer.StartAsync(new RsyslogOptions { Tcp = true, EscapeControlCharacters = false, EscapeTab = false });

        await SendTcpAsync(rsyslog.TcpPort, "<14>1 - - - - - esc\u001B[31m tab\tlf\ncr\rdel\u007F é\n");
        var record = Assert.Single(await rsyslog.WaitForRecordsAsync(1, Wait));

        // The trailing LF of the frame is dropped; everything else arrives as sent.
        Assert.Equal("esc\u001B[31m tab\tlf\ncr\rdel\u007F é", record.Msg);
    }

    [SkippableTheory]
    [InlineData("input(type=\"imudp\" port=\"0\" address=\"127.0.0.1\" noSuchParameter=\"1\")", "nosuchparameter")]
    [InlineData("this is { not rainerscript", "error")]
    public async Task StartFailures_SurfaceRsyslogsOwnMessages(string extraConfiguration, string expected)
    {
        RsyslogServer.RequireRsyslogd();
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            RsyslogServer.StartAsync(new RsyslogOptions { Tcp = true, ExtraConfiguration = extraConfiguration, StartTimeout = TimeSpan.FromSeconds(15) }));

        Assert.Contains("rsyslog did not start", failure.Message, StringComparison.Ordinal);
        Assert.Contains(expected, failure.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("stderr: ", failure.Message, StringComparison.Ordinal);
    }

    private static void AssertExample(RsyslogRecord record, string input)
    {
        Assert.True(record.Pri == 165, $"PRI {record.Pri}: {record}");
        Assert.Equal((20, 5, "1"), (record.Facility, record.Severity, record.ProtocolVersion));
        Assert.Equal("host", record.HostName);
        Assert.Equal("app", record.AppName);
        Assert.Equal("42", record.ProcId);
        Assert.Equal("ID47", record.MsgId);
        Assert.Equal("[ex@32473 a=\"1\"]", record.StructuredData);
        // rsyslog keeps the BOM at the start of MSG.
        Assert.Equal("\uFEFFhello", record.Msg);
        Assert.Equal("hello", record.MsgWithoutBom);
        Assert.Equal(input, record.InputName);
    }

    /// <summary>RFC 6587 octet counting: the UTF-8 byte count, a space, the message.</summary>
    private static byte[] OctetCounted(string message)
    {
        var body = Encoding.UTF8.GetBytes(message);
        return [.. Encoding.ASCII.GetBytes($"{body.Length} "), .. body];
    }

    private static async Task<TcpClient> ConnectAsync(int port)
    {
        var client = new TcpClient(AddressFamily.InterNetwork);
        using var timeout = new CancellationTokenSource(Wait);
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private static async Task WriteAsync(Stream stream, params byte[][] frames)
    {
        using var timeout = new CancellationTokenSource(Wait);
        foreach (var frame in frames)
        {
            await stream.WriteAsync(frame, timeout.Token);
        }

        await stream.FlushAsync(timeout.Token);
    }

    private static async Task SendTcpAsync(int port, string message)
    {
        using var client = await ConnectAsync(port);
        await WriteAsync(client.GetStream(), OctetCounted(message));
        client.Client.Shutdown(SocketShutdown.Send);
    }
}
