using System;

namespace GenLog.Transports;

/// <summary>
/// A datagram transport that sends many messages with one system call (<c>sendmmsg</c> on Linux), still one
/// message per datagram. The delivery engine hands it whole batches instead of calling
/// <see cref="ISyslogTransport.Send"/> once per message.
/// </summary>
internal interface IDatagramBatchTransport
{
    /// <summary>
    /// Sends the messages laid end to end in <paramref name="messages"/>, one datagram each, in order, and returns
    /// how many went out (at least one). When the first one cannot be sent it throws, as
    /// <see cref="ISyslogTransport.Send"/> would for it alone, so the caller knows which message failed.
    /// </summary>
    /// <param name="messages">The messages' bytes, back to back.</param>
    /// <param name="lengths">Each message's length, in order; at least one.</param>
    int SendBatch(ReadOnlySpan<byte> messages, ReadOnlySpan<int> lengths);
}
