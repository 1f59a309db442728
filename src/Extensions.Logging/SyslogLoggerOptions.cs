namespace GenLog.Extensions.Logging;

/// <summary>
/// The options of the syslog logging provider, bound from the configuration section <c>Logging:Syslog</c>: the
/// provider's own keys below and, at the same level, every <see cref="SyslogWriterOptions"/> property by name
/// (<c>Format</c>, <c>AppName</c>, <c>QueueCapacity</c>, …), which land in <see cref="Writer"/>.
/// </summary>
public sealed class SyslogLoggerOptions
{
    /// <summary>The endpoint used when none is configured: UDP to localhost port 514, as CPython's <c>SysLogHandler</c>.</summary>
    public const string DefaultEndpoint = "udp://localhost:514";

    /// <summary>
    /// Where messages go: a URI as <see cref="SyslogWriter.Create"/> takes it (<c>tcp://logs:601</c>,
    /// <c>tls://logs:6514</c>, <c>unix:///dev/log</c>, <c>python://collector:9020</c>), or a comma-separated
    /// failover list. Default <see cref="DefaultEndpoint"/>.
    /// </summary>
    public string Endpoint { get; set; } = DefaultEndpoint;

    /// <summary>Sends the named values of the active scopes (<c>ILogger.BeginScope</c>) as SD-PARAMs. Default on.</summary>
    public bool IncludeScopes { get; set; } = true;

    /// <summary>
    /// The SD-ID (RFC 5424 §6.3.2) of the element that carries the category, event id, the state's named values,
    /// scopes and the exception. Default <c>log@32473</c> (32473 is the example enterprise number of RFC 5612:
    /// use your own). Empty: no such element (an exception then gets an element of its own, <c>exception@32473</c>, as
    /// a <c>[SyslogMessage]</c> method without an SD-ID sends it).
    /// </summary>
    public string StructuredDataId { get; set; } = "log@32473";

    /// <summary>
    /// The SD-ID of the element that carries the W3C trace context of <see cref="System.Diagnostics.Activity.Current"/>.
    /// Default <c>trace@32473</c>; empty: none. When the writer's <see cref="SyslogWriterOptions.TraceContext"/> is on,
    /// the writer writes that element instead (under its <see cref="SyslogWriterOptions.TraceStructuredDataId"/>, which the
    /// same configuration key sets), and the provider does not write a second one.
    /// </summary>
    public string TraceStructuredDataId { get; set; } = "trace@32473";

    /// <summary>The writer's options; in configuration their keys sit directly in <c>Logging:Syslog</c> (<c>Logging:Syslog:AppName</c>).</summary>
    public SyslogWriterOptions Writer { get; } = new();
}
