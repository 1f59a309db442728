using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;

namespace GenLog;

/// <summary>
/// The <see cref="System.Diagnostics.Metrics.Meter"/> every <see cref="SyslogWriter"/> publishes its
/// <see cref="SyslogStatistics"/> on, for <c>dotnet-counters</c> and OpenTelemetry (<c>.AddMeter("GenLog")</c>).
/// The instruments are observable: they read the writers' counters when a listener collects, so a logging call
/// pays nothing for them. Each measurement is tagged <c>genlog.endpoint</c>, the writer's endpoint as a URI
/// (for a failover list, its first entry).
/// </summary>
public static class SyslogMetrics
{
    /// <summary>The Meter's name: <c>GenLog</c>.</summary>
    public const string MeterName = "GenLog";

    /// <summary>The tag that names a writer's endpoint.</summary>
    public const string EndpointTag = "genlog.endpoint";

    /// <summary>The tag of <c>genlog.messages.dropped</c> that says why: <c>queue_full</c>, <c>send_failure</c> or <c>shutdown</c>.</summary>
    public const string ReasonTag = "reason";

    // Weak: a writer that is never disposed still goes away with its statistics.
    private static readonly ConditionalWeakTable<SyslogStatistics, string> Writers = new();

    private static readonly Meter Meter = CreateMeter();

    internal static void Register(SyslogStatistics statistics) => Writers.AddOrUpdate(statistics, statistics.ActiveEndpoint);

    private static Meter CreateMeter()
    {
        var meter = new Meter(MeterName, typeof(SyslogMetrics).Assembly.GetName().Version?.ToString());
        meter.CreateObservableCounter("genlog.messages.sent", () => Observe(s => s.Sent), "{message}", "Messages the transport accepted.");
        meter.CreateObservableCounter("genlog.messages.dropped", ObserveDropped, "{message}", "Messages that will never be sent, by reason.");
        meter.CreateObservableCounter("genlog.messages.truncated", () => Observe(s => s.Truncated), "{message}", "Messages cut to MaxMessageSize.");
        meter.CreateObservableCounter("genlog.reconnects", () => Observe(s => s.Reconnects), "{event}", "Times the transport delivered again after failures.");
        meter.CreateObservableCounter("genlog.errors", () => Observe(s => s.Errors), "{event}", "Errors reported to OnError.");
        meter.CreateObservableCounter("genlog.failovers", () => Observe(s => s.Failovers), "{event}", "Times a failover list moved traffic to another endpoint.");
        meter.CreateObservableUpDownCounter("genlog.queue.length", () => Observe(s => s.QueueLength), "{message}", "Messages waiting to be sent.");
        return meter;
    }

    private static List<Measurement<long>> Observe(System.Func<SyslogStatistics, long> read)
    {
        var measurements = new List<Measurement<long>>();
        foreach (var (statistics, endpoint) in Writers)
        {
            measurements.Add(new Measurement<long>(read(statistics), new KeyValuePair<string, object?>(EndpointTag, endpoint)));
        }

        return measurements;
    }

    private static List<Measurement<long>> ObserveDropped()
    {
        var measurements = new List<Measurement<long>>();
        foreach (var (statistics, endpoint) in Writers)
        {
            var tag = new KeyValuePair<string, object?>(EndpointTag, endpoint);
            measurements.Add(new Measurement<long>(statistics.DroppedQueueFull, tag, new KeyValuePair<string, object?>(ReasonTag, "queue_full")));
            measurements.Add(new Measurement<long>(statistics.DroppedSendFailure, tag, new KeyValuePair<string, object?>(ReasonTag, "send_failure")));
            measurements.Add(new Measurement<long>(statistics.DroppedShutdown, tag, new KeyValuePair<string, object?>(ReasonTag, "shutdown")));
        }

        return measurements;
    }
}
