using System;

namespace GenLog;

/// <summary>
/// A datagram transport that sends many messages with one system call (<c>sendmmsg</c> on Linux), still one message
/// per datagram. The background sender hands it whole batches instead of calling <see cref="ISyslogTransport.Send"/>
/// once per message. A datagram transport detects no failure of its peer, so it cannot be in a <see cref="FailoverTransport"/>.
/// </summary>
public interface IDatagramBatchTransport : ISyslogTransport
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

/// <summary>
/// A transport whose peer acknowledges every message (as RELP's). The background sender resends a failed batch from its
/// first message; a transport like this tells it how much of the batch the peer already confirmed, so that only the
/// unconfirmed rest goes out again and the duplicates after a reconnect stay within the transport's window.
/// </summary>
public interface IAcknowledgingTransport : ISyslogTransport
{
    /// <summary>
    /// Called after a failure, before <see cref="ISyslogTransport.Disconnect"/>: how many of the messages given to
    /// <see cref="ISyslogTransport.Send"/> since the last successful <see cref="ISyslogTransport.Flush"/> the peer
    /// acknowledged; they are the first ones, in order. The connection is given up: acknowledgements arriving later
    /// are not counted (those messages are sent again). Never throws.
    /// </summary>
    int TakeAcknowledged();
}

/// <summary>
/// What a transport says about where it sends: <see cref="SyslogStatistics.ActiveEndpoint"/>, the metrics' endpoint
/// tag, the writer's size check and <see cref="FailoverTransport"/>'s security check read it. A transport without it
/// is shown by its type name, taken as plaintext, and limited only by <see cref="SyslogWriterOptions.MaxMessageSize"/>.
/// </summary>
public interface IDescribedTransport : ISyslogTransport
{
    /// <summary>Where messages go, as the URI <see cref="SyslogWriter.Create"/> would take (<c>tcp://host:601</c>); for a transport that routes among others, where they go now.</summary>
    string Endpoint { get; }

    /// <summary>True when the bytes are encrypted on the wire (TLS).</summary>
    bool IsEncrypted { get; }

    /// <summary>The largest message one send can carry (a UDP datagram: 65,507 bytes), or <see cref="int.MaxValue"/>.</summary>
    int MaxMessageSize { get; }
}

/// <summary>
/// A transport that moves traffic among others when one fails (<see cref="FailoverTransport"/>). The writer counts its
/// moves in <see cref="SyslogStatistics.Failovers"/> and gives it its error channel for the failures it hides.
/// </summary>
public interface IRoutingTransport : ISyslogTransport
{
    /// <summary>Times traffic moved to another transport because the active one failed.</summary>
    long Failovers { get; }

    /// <summary>
    /// Called once by the writer that owns the transport: <paramref name="reportError"/> counts an error and passes it to
    /// <see cref="SyslogWriterOptions.OnError"/>, for failures the transport handles by moving on instead of throwing.
    /// </summary>
    void ReportErrorsTo(Action<Exception> reportError);
}

/// <summary>
/// A transport that carries CPython logging records (a pickled <c>LogRecord</c> attribute dict, as <c>SocketHandler</c>
/// sends them) instead of syslog lines: its writer formats pickles. It cannot be in a <see cref="FailoverTransport"/>
/// with syslog transports.
/// </summary>
public interface IPythonTransport : ISyslogTransport
{
    /// <summary>The largest pickle that fits one frame of this transport.</summary>
    int MaxPickleSize { get; }
}
