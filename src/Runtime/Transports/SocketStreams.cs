using System;
using System.IO;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;

namespace GenLog.Transports;

/// <summary>Connects a stream socket within a timeout and, for TLS, authenticates: what every stream transport does first.</summary>
internal static class SocketStreams
{
    /// <summary>
    /// Connects <paramref name="socket"/> to <paramref name="endPoint"/> within <paramref name="connectTimeout"/>, sets the
    /// write timeout, and returns the stream to write to: the socket's, or a TLS stream over it whose handshake ran under
    /// the connect timeout too. An abort ends either step at once. The caller disposes the socket when this throws.
    /// </summary>
    public static Stream Open(Socket socket, EndPoint endPoint, TimeSpan connectTimeout, TimeSpan writeTimeout, SslClientAuthenticationOptions? tls, AbortSignal abort)
    {
        using (var bound = abort.Within(connectTimeout))
        {
            try
            {
                socket.ConnectAsync(endPoint, bound.Token).AsTask().GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (!abort.Token.IsCancellationRequested)
            {
                throw new TimeoutException($"Connecting to {endPoint} took longer than {connectTimeout.TotalSeconds:0.###} s.");
            }
        }

        socket.SendTimeout = (int)writeTimeout.TotalMilliseconds;
        var network = new NetworkStream(socket, ownsSocket: false) { WriteTimeout = (int)writeTimeout.TotalMilliseconds };
        if (tls is null)
        {
            return network;
        }

        var ssl = new SslStream(network, leaveInnerStreamOpen: false);
        using (var bound = abort.Within(connectTimeout))
        {
            try
            {
                ssl.AuthenticateAsClientAsync(tls, bound.Token).GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (!abort.Token.IsCancellationRequested)
            {
                ssl.Dispose();
                throw new TimeoutException($"The TLS handshake with {endPoint} took longer than {connectTimeout.TotalSeconds:0.###} s.");
            }
            catch
            {
                ssl.Dispose();
                throw;
            }
        }

        return ssl;
    }
}
