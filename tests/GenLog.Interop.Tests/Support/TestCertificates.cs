using System;
using System.IO;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace GenLog.Interop.Tests.Support;

/// <summary>
/// One certificate with its private key: as an <see cref="X509Certificate2"/> that SslStream can use on Linux
/// (re-imported from a PFX so the key is a persisted, exportable one, not an ephemeral handle), and as PEM text
/// (certificate, PKCS#8 key) for peers that read files, such as rsyslog's gtls driver.
/// </summary>
public sealed class TestCertificate
{
    internal TestCertificate(string name, X509Certificate2 certificate, string certificatePem, string privateKeyPem)
    {
        Name = name;
        Certificate = certificate;
        CertificatePem = certificatePem;
        PrivateKeyPem = privateKeyPem;
    }

    /// <summary>Short name, used for file names ("ca", "server", …).</summary>
    public string Name { get; }

    /// <summary>The certificate with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The certificate as PEM ("-----BEGIN CERTIFICATE-----").</summary>
    public string CertificatePem { get; }

    /// <summary>The private key as unencrypted PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----").</summary>
    public string PrivateKeyPem { get; }

    /// <summary>Writes <c>NAME.pem</c> and <c>NAME.key</c> (key readable by the owner only) into <paramref name="directory"/>.</summary>
    public (string CertificateFile, string KeyFile) WritePem(string directory)
    {
        var certificateFile = Path.Combine(directory, Name + ".pem");
        var keyFile = Path.Combine(directory, Name + ".key");
        File.WriteAllText(certificateFile, CertificatePem);
        File.WriteAllText(keyFile, PrivateKeyPem);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return (certificateFile, keyFile);
    }

    public override string ToString() => $"{Name}: {Certificate.Subject} (issuer {Certificate.Issuer})";
}

/// <summary>
/// A throw-away PKI made with .NET's <see cref="CertificateRequest"/> (no openssl needed), ECDSA P-256 throughout,
/// valid from a day ago for 30 days:
/// <list type="bullet">
/// <item><see cref="Ca"/>: the test CA.</item>
/// <item><see cref="Server"/>: signed by the CA for DNS "localhost" and IP 127.0.0.1 (server authentication).</item>
/// <item><see cref="WrongHostServer"/>: signed by the CA for "wrong.example" only (a host name check must reject it).</item>
/// <item><see cref="SelfSignedServer"/>: "localhost"/127.0.0.1 but self-signed (a chain check must reject it).</item>
/// <item><see cref="Client"/>: signed by the CA, client authentication (mTLS).</item>
/// </list>
/// Generated once per test run (<see cref="Shared"/>); nothing is added to any system or user certificate store —
/// trust the CA per connection with <see cref="CreateClientOptions"/> or <see cref="ChainPolicy"/>.
/// </summary>
public sealed class TestCertificates
{
    private static readonly Lazy<TestCertificates> SharedInstance = new(() => new TestCertificates());

    /// <summary>The certificates every test of this run shares.</summary>
    public static TestCertificates Shared => SharedInstance.Value;

    public const string ServerHostName = "localhost";
    public const string WrongHostName = "wrong.example";

    private const string ServerAuthenticationOid = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuthenticationOid = "1.3.6.1.5.5.7.3.2";

    public TestCertificates()
    {
        var notBefore = DateTimeOffset.UtcNow.AddDays(-1);
        var notAfter = notBefore.AddDays(31);

        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=GenLog Test CA, O=GenLog tests", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, critical: true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, critical: false));
        using var caCertificate = caRequest.CreateSelfSigned(notBefore, notAfter.AddDays(1));
        Ca = Finish("ca", caCertificate, caKey);

        Server = Leaf("server", "CN=localhost, O=GenLog tests", [ServerHostName], [IPAddress.Loopback], ServerAuthenticationOid, caCertificate, notBefore, notAfter);
        WrongHostServer = Leaf("wrong-host-server", "CN=wrong.example, O=GenLog tests", [WrongHostName], [], ServerAuthenticationOid, caCertificate, notBefore, notAfter);
        SelfSignedServer = Leaf("self-signed-server", "CN=localhost, O=GenLog tests (self-signed)", [ServerHostName], [IPAddress.Loopback], ServerAuthenticationOid, issuer: null, notBefore, notAfter);
        Client = Leaf("client", "CN=genlog-test-client, O=GenLog tests", [], [], ClientAuthenticationOid, caCertificate, notBefore, notAfter);
    }

    /// <summary>The CA that signed <see cref="Server"/>, <see cref="WrongHostServer"/> and <see cref="Client"/>.</summary>
    public TestCertificate Ca { get; }

    /// <summary>Server certificate for "localhost" and 127.0.0.1, signed by <see cref="Ca"/>.</summary>
    public TestCertificate Server { get; }

    /// <summary>Server certificate for "wrong.example" only, signed by <see cref="Ca"/>.</summary>
    public TestCertificate WrongHostServer { get; }

    /// <summary>Self-signed server certificate for "localhost" and 127.0.0.1 (not issued by <see cref="Ca"/>).</summary>
    public TestCertificate SelfSignedServer { get; }

    /// <summary>Client certificate signed by <see cref="Ca"/> (extended key usage: client authentication).</summary>
    public TestCertificate Client { get; }

    /// <summary>A chain policy that trusts <see cref="Ca"/> alone (not the system store), with no revocation check.</summary>
    public X509ChainPolicy ChainPolicy()
    {
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
        };
        policy.CustomTrustStore.Add(Ca.Certificate);
        return policy;
    }

    /// <summary>
    /// Client options that validate the server's chain against <see cref="Ca"/> (custom trust store) and its name
    /// against <paramref name="targetHost"/> (SslStream's own check), optionally presenting <see cref="Client"/>.
    /// </summary>
    public SslClientAuthenticationOptions CreateClientOptions(string targetHost = ServerHostName, bool presentClientCertificate = false)
    {
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = targetHost,
            CertificateChainPolicy = ChainPolicy(),
        };
        if (presentClientCertificate)
        {
            options.ClientCertificateContext = SslStreamCertificateContext.Create(Client.Certificate, additionalCertificates: null, offline: true);
        }

        return options;
    }

    private TestCertificate Leaf(
        string name,
        string subject,
        string[] dnsNames,
        IPAddress[] addresses,
        string usageOid,
        X509Certificate2? issuer,
        DateTimeOffset notBefore,
        DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usageOid)], critical: false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        if (dnsNames.Length + addresses.Length > 0)
        {
            var san = new SubjectAlternativeNameBuilder();
            foreach (var dnsName in dnsNames)
            {
                san.AddDnsName(dnsName);
            }

            foreach (var address in addresses)
            {
                san.AddIpAddress(address);
            }

            request.CertificateExtensions.Add(san.Build(critical: false));
        }

        if (issuer is null)
        {
            using var selfSigned = request.CreateSelfSigned(notBefore, notAfter);
            return Finish(name, selfSigned, key);
        }

        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        using var signed = request.Create(issuer, notBefore, notAfter, SerialNumber());
        using var withKey = signed.CopyWithPrivateKey(key);
        return Finish(name, withKey, key);
    }

    /// <summary>PEM text from the original key, the certificate re-imported from a PFX (usable by SslStream on every OS).</summary>
    private static TestCertificate Finish(string name, X509Certificate2 certificate, ECDsa key)
    {
        var pfx = certificate.Export(X509ContentType.Pfx);
        var imported = X509CertificateLoader.LoadPkcs12(pfx, password: null, X509KeyStorageFlags.Exportable);
        return new TestCertificate(name, imported, certificate.ExportCertificatePem() + "\n", key.ExportPkcs8PrivateKeyPem() + "\n");
    }

    /// <summary>A random positive 16-byte serial number.</summary>
    private static byte[] SerialNumber()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        serial[0] |= 0x01;
        return serial;
    }
}
