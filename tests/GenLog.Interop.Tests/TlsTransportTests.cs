using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using GenLog.Interop.Tests.Support;
using GenLog.TestSupport;

namespace GenLog.Interop.Tests;

/// <summary>RFC 5425 against a TLS server of the test's own, with the certificates of <see cref="TestCertificates"/>.</summary>
public sealed class TlsTransportTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private static SyslogWriterOptions Options(ConcurrentQueue<Exception> errors) => new()
    {
        HostName = "h",
        AppName = "app",
        ProcId = "7",
        Utf8Bom = false,
        OnError = errors.Enqueue,
        CloseTimeout = TimeSpan.FromMilliseconds(500),
        Reconnect = new ReconnectPolicy { InitialDelay = TimeSpan.FromMilliseconds(50), MaxDelay = TimeSpan.FromMilliseconds(200) },
    };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Tls_carries_octet_counted_frames_to_a_verified_server_with_optional_client_certificate(bool mutual)
    {
        var certificates = TestCertificates.Shared;
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var errors = new ConcurrentQueue<Exception>();
        var server = ServeAsync(listener, certificates.Server.Certificate, requireClientCertificate: mutual);

        await using (var writer = new SyslogWriter(new TlsTransport("127.0.0.1", port, certificates.CreateClientOptions(presentClientCertificate: mutual)), Options(errors)))
        {
            SequenceLog.Numbered(writer, 1, "over tls");
            SequenceLog.Numbered(writer, 2, "é\n");
            await writer.FlushAsync().WaitAsync(Timeout);
        }

        var (bytes, clientCertificate) = await server.WaitAsync(Timeout);
        var frames = TransportTests.OctetCountedFrames(bytes);
        Assert.Empty(errors);
        Assert.Equal(2, frames.Count);
        Assert.EndsWith("seq=1 over tls", frames[0]);
        Assert.EndsWith("seq=2 é#012", frames[1]);
        Assert.Equal(mutual ? certificates.Client.Certificate.GetCertHashString() : null, clientCertificate?.GetCertHashString());
    }

    [Theory]
    [InlineData("untrusted")]
    [InlineData("wrong host")]
    public async Task A_certificate_that_fails_validation_stops_everything_and_is_reported(string problem)
    {
        var certificates = TestCertificates.Shared;
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var errors = new ConcurrentQueue<Exception>();
        var serverCertificate = problem == "untrusted" ? certificates.SelfSignedServer.Certificate : certificates.WrongHostServer.Certificate;
        var server = ServeAsync(listener, serverCertificate, requireClientCertificate: false);

        // "untrusted": the default options, so the system trust store, which does not know the self-signed certificate.
        var tls = problem == "untrusted" ? null : certificates.CreateClientOptions();
        // The test server takes one connection; later attempts hang in the handshake until ConnectTimeout.
        await using (var writer = new SyslogWriter(new TlsTransport("localhost", port, tls) { ConnectTimeout = TimeSpan.FromSeconds(1) }, Options(errors)))
        {
            SequenceLog.Numbered(writer, 1, "must never be sent");
            await Eventually.HoldsAsync(() => errors.Any(e => e is AuthenticationException), "an AuthenticationException");
            Assert.Equal(0, writer.Statistics.Sent);
            Assert.True(writer.Statistics.Errors >= 1);
        }

        Assert.Contains(errors, e => e is AuthenticationException);
        var (bytes, _) = await server.WaitAsync(Timeout);
        Assert.Empty(bytes);
    }

    /// <summary>Accepts one TLS connection and returns all the plain text it received (empty when the handshake failed).</summary>
    private static async Task<(byte[] Bytes, X509Certificate? ClientCertificate)> ServeAsync(TcpListener listener, X509Certificate2 certificate, bool requireClientCertificate)
    {
        using var client = await listener.AcceptTcpClientAsync();
        await using var ssl = new SslStream(client.GetStream(), leaveInnerStreamOpen: false);
        try
        {
            await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
            {
                ServerCertificate = certificate,
                ClientCertificateRequired = requireClientCertificate,
                RemoteCertificateValidationCallback = (_, presented, _, _) => !requireClientCertificate || presented is not null,
            });
        }
        catch (Exception exception) when (exception is AuthenticationException or IOException)
        {
            return (Array.Empty<byte>(), null);
        }

        // Under TLS 1.3 the server's side of the handshake can finish before the client rejects the
        // certificate; the client then resets the connection, which ends what was received.
        using var received = new MemoryStream();
        try
        {
            await ssl.CopyToAsync(received);
        }
        catch (IOException)
        {
        }

        return (received.ToArray(), ssl.RemoteCertificate);
    }
}
