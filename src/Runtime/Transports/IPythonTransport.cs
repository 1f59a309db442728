namespace GenLog.Transports;

/// <summary>Marks the transports that carry Python logging records: their writer formats pickles, not syslog lines.</summary>
internal interface IPythonTransport
{
    /// <summary>The largest pickle that fits one frame of this transport.</summary>
    int MaxPickleSize { get; }
}
