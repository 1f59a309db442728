namespace GenLog.Transports;

/// <summary>
/// A transport whose peer acknowledges every message (RELP). The delivery engine resends a failed batch
/// from its first message; a transport like this tells it how much of the batch the peer already
/// confirmed, so that only the unconfirmed rest goes out again and the duplicates after a reconnect stay
/// within the transport's window.
/// </summary>
internal interface IAcknowledgingTransport
{
    /// <summary>
    /// Called after a failure, before <see cref="ISyslogTransport.Disconnect"/>: how many of the messages given to
    /// <see cref="ISyslogTransport.Send"/> since the last successful <see cref="ISyslogTransport.Flush"/> the peer
    /// acknowledged; they are the first ones, in order. The connection is given up: acknowledgements arriving later
    /// are not counted (those messages are sent again). Never throws.
    /// </summary>
    int TakeAcknowledged();
}
