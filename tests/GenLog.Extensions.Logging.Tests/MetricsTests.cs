using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace GenLog.Extensions.Logging.Tests;

/// <summary>The Meter "GenLog" reports what Statistics counts, read by a MeterListener and by the OpenTelemetry SDK.</summary>
public sealed class MetricsTests
{
    /// <summary>One writer that sends (UDP to a bound socket), one that drops (a tiny queue towards a closed TCP port).</summary>
    private static async Task<(SyslogWriter Sending, SyslogWriter Dropping, Socket Receiver)> WritersAsync()
    {
        var receiver = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        receiver.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var sending = SyslogWriter.Create($"udp://127.0.0.1:{((IPEndPoint)receiver.LocalEndPoint!).Port}");
        var dropping = SyslogWriter.Create($"tcp://127.0.0.1:{ClosedPort()}", new SyslogWriterOptions { MaxMessageSize = 480, QueueCapacity = 1024, CloseTimeout = TimeSpan.Zero });
        for (var i = 0; i < 5; i++)
        {
            Audit.Note(sending, i);
        }

        for (var i = 0; i < 50; i++)
        {
            Audit.Note(dropping, i);
        }

        await sending.FlushAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(5, sending.Statistics.Sent);
        Assert.True(dropping.Statistics.DroppedQueueFull > 0);
        return (sending, dropping, receiver);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task A_MeterListener_reads_the_values_of_Statistics()
    {
        var (sending, dropping, receiver) = await WritersAsync();
        using var _ = receiver;
        await using var __ = sending;
        await using var ___ = dropping;
        var seen = new List<(string Instrument, long Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == SyslogMetrics.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            lock (seen)
            {
                seen.Add((instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));
            }
        });
        listener.Start();
        listener.RecordObservableInstruments();

        long Read(string instrument, SyslogWriter writer, string? reason = null) => seen
            .Where(m => m.Instrument == instrument && Equals(m.Tags[SyslogMetrics.EndpointTag], writer.Statistics.ActiveEndpoint)
                && (reason is null || Equals(m.Tags[SyslogMetrics.ReasonTag], reason)))
            .Sum(m => m.Value);

        Assert.Equal(sending.Statistics.Sent, Read("genlog.messages.sent", sending));
        Assert.Equal(dropping.Statistics.Sent, Read("genlog.messages.sent", dropping));
        Assert.Equal(dropping.Statistics.Dropped, Read("genlog.messages.dropped", dropping));
        Assert.Equal(dropping.Statistics.DroppedQueueFull, Read("genlog.messages.dropped", dropping, "queue_full"));
        Assert.Equal(0, Read("genlog.messages.dropped", sending));
        Assert.Equal(dropping.Statistics.QueueLength, Read("genlog.queue.length", dropping));
        Assert.Equal(
            ["genlog.errors", "genlog.failovers", "genlog.messages.dropped", "genlog.messages.sent", "genlog.messages.truncated", "genlog.queue.length", "genlog.reconnects"],
            seen.Select(m => m.Instrument).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task OpenTelemetry_exports_the_values_of_Statistics()
    {
        var (sending, dropping, receiver) = await WritersAsync();
        using var _ = receiver;
        await using var __ = sending;
        await using var ___ = dropping;
        var exports = new List<Metric>();
        List<Metric> exported;
        using (var meters = Sdk.CreateMeterProviderBuilder().AddMeter(SyslogMetrics.MeterName).AddInMemoryExporter(exports).Build())
        {
            meters.ForceFlush();

            // One collection; disposing the provider exports once more.
            exported = [.. exports];
        }

        long Read(string name, SyslogWriter writer, string? reason = null)
        {
            long total = 0;
            foreach (var metric in exported.Where(m => m.Name == name))
            {
                foreach (ref readonly var point in metric.GetMetricPoints())
                {
                    var tags = new Dictionary<string, object?>();
                    foreach (var tag in point.Tags)
                    {
                        tags[tag.Key] = tag.Value;
                    }

                    if (Equals(tags[SyslogMetrics.EndpointTag], writer.Statistics.ActiveEndpoint) && (reason is null || Equals(tags[SyslogMetrics.ReasonTag], reason)))
                    {
                        total += point.GetSumLong();
                    }
                }
            }

            return total;
        }

        Assert.Equal(5, Read("genlog.messages.sent", sending));
        Assert.Equal(sending.Statistics.Sent, Read("genlog.messages.sent", sending));
        Assert.Equal(dropping.Statistics.Dropped, Read("genlog.messages.dropped", dropping));
        Assert.Equal(dropping.Statistics.DroppedQueueFull, Read("genlog.messages.dropped", dropping, "queue_full"));
        Assert.Equal("{message}", exported.First(m => m.Name == "genlog.messages.sent").Unit);
    }
}

/// <summary>A message for the metrics tests.</summary>
public static partial class Audit
{
    [SyslogMessage(SyslogSeverity.Notice, "note {Number} ..................................................................................")]
    public static partial void Note(SyslogWriter writer, int number);
}
