using System.Net.Security;

namespace GenLog.Transports;

/// <summary>The TLS client options a transport keeps: its own copy, with the target host defaulted to the server's name.</summary>
internal static class TlsOptions
{
    /// <summary>A copy of <paramref name="tls"/> (or the defaults) whose <c>TargetHost</c> is <paramref name="host"/> unless it names one.</summary>
    public static SslClientAuthenticationOptions Copy(string host, SslClientAuthenticationOptions? tls) => new()
    {
        TargetHost = string.IsNullOrEmpty(tls?.TargetHost) ? host : tls.TargetHost,
        ClientCertificates = tls?.ClientCertificates,
        EnabledSslProtocols = tls?.EnabledSslProtocols ?? default,
        CertificateRevocationCheckMode = tls?.CertificateRevocationCheckMode ?? default,
        RemoteCertificateValidationCallback = tls?.RemoteCertificateValidationCallback,
        LocalCertificateSelectionCallback = tls?.LocalCertificateSelectionCallback,
        CertificateChainPolicy = tls?.CertificateChainPolicy,
        ClientCertificateContext = tls?.ClientCertificateContext,
        EncryptionPolicy = tls?.EncryptionPolicy ?? default,
        AllowRenegotiation = tls?.AllowRenegotiation ?? true,
    };
}
