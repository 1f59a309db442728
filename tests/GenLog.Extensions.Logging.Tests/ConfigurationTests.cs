using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GenLog.Extensions.Logging.Tests;

public sealed class ConfigurationTests
{
    [Theory]
    [InlineData("Logging:Syslog:Format", "Xml", "Logging:Syslog:Format")]
    [InlineData("Logging:Syslog:Endpoint", "carrier-pigeon://coop:1", "Logging:Syslog:Endpoint")]
    [InlineData("Logging:Syslog:Endpoint", "tcp://logs:601?framing=zigzag", "Logging:Syslog:Endpoint")]
    [InlineData("Logging:Syslog:QueueCapacity", "-1", "Logging:Syslog:QueueCapacity")]
    [InlineData("Logging:Syslog:Formt", "Rfc5424", "Logging:Syslog:Formt")]
    [InlineData("Logging:Syslog:AppName", "two words", "Logging:Syslog:AppName")]
    [InlineData("Logging:Syslog:Facility", "local9", "Logging:Syslog:Facility")]
    [InlineData("Logging:Syslog:StructuredDataId", "no spaces allowed", "Logging:Syslog:StructuredDataId")]
    [InlineData("Logging:Syslog:CloseTimeout", "forever", "Logging:Syslog:CloseTimeout")]
    [InlineData("Logging:Syslog:TimestampPrecision", "Nanoseconds", "Logging:Syslog:TimestampPrecision")]
    public async Task Bad_configuration_fails_host_start_up_naming_the_key(string key, string value, string named)
    {
        var settings = new Dictionary<string, string?> { ["Logging:Syslog:Endpoint"] = "udp://127.0.0.1:9", [key] = value };
        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            using var host = TestHosts.Build(settings);
            await host.StartAsync();
            await host.StopAsync();
        });

        Assert.Contains(named, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_provider_made_in_code_rejects_an_invalid_sd_id()
    {
        using var writer = new SyslogWriter(new GenLog.TestSupport.NullTransport());
        var error = Assert.Throws<InvalidOperationException>(() => new SyslogLoggerProvider(writer, new SyslogLoggerOptions { TraceStructuredDataId = "trace id" }));
        Assert.Contains("TraceStructuredDataId", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Flat_keys_reach_the_writer_and_the_provider()
    {
        using var host = TestHosts.Build(new Dictionary<string, string?>
        {
            ["Logging:Syslog:Endpoint"] = "udp://127.0.0.1:9",
            ["Logging:Syslog:Format"] = "rfc3164",
            ["Logging:Syslog:Facility"] = "Local4",
            ["Logging:Syslog:MaxMessageSize"] = "2000",
            ["Logging:Syslog:Synchronous"] = "true",
            ["Logging:Syslog:MinimumSeverity"] = "Warning",
            ["Logging:Syslog:IncludeScopes"] = "false",
            ["Logging:Syslog:StructuredDataId"] = "app@32473",
            ["Logging:Syslog:Reconnect:InitialDelay"] = "00:00:02",
            ["Logging:Syslog:TimestampPrecision"] = "Milliseconds",
        });
        await host.StartAsync();
        var writer = host.Services.GetRequiredService<SyslogWriter>();
        var options = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SyslogLoggerOptions>>().Value;

        Assert.Equal(SyslogFormat.Rfc3164, writer.Format);
        Assert.Equal(SyslogFacility.Local4, writer.DefaultFacility);
        Assert.Equal(2000, writer.MaxMessageSize);
        Assert.Equal(SyslogSeverity.Warning, writer.MinimumSeverity);
        Assert.False(options.IncludeScopes);
        Assert.Equal("app@32473", options.StructuredDataId);
        Assert.Equal(TimeSpan.FromSeconds(2), options.Writer.Reconnect.InitialDelay);
        Assert.Equal(TimestampPrecision.Milliseconds, options.Writer.TimestampPrecision);
        Assert.Equal("udp://127.0.0.1:9", writer.Statistics.ActiveEndpoint);
        await host.StopAsync();
    }

    [Fact]
    public async Task LogLevel_filters_under_the_Syslog_alias_apply_to_the_provider()
    {
        var capture = new GenLog.TestSupport.CaptureTransport();
        using var host = TestHosts.Build(
            new Dictionary<string, string?> { ["Logging:Syslog:LogLevel:Default"] = "Warning", ["Logging:Syslog:LogLevel:Noisy"] = "Error" },
            services => services.AddSingleton(new SyslogWriter(capture, new SyslogWriterOptions { Synchronous = true })));
        var loggers = host.Services.GetRequiredService<ILoggerFactory>();

        loggers.CreateLogger("Quiet").LogInformation("filtered out");
        loggers.CreateLogger("Quiet").LogWarning("kept");
        loggers.CreateLogger("Noisy").LogWarning("filtered out");
        loggers.CreateLogger("Noisy").LogError("kept too");

        Assert.Equal(2, capture.Messages.Count);
        Assert.EndsWith("kept", System.Text.Encoding.UTF8.GetString(capture.Messages[0]), StringComparison.Ordinal);
        Assert.EndsWith("kept too", capture.LastText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SyslogMessage_classes_from_the_container_share_the_providers_writer()
    {
        var capture = new GenLog.TestSupport.CaptureTransport();
        using var host = TestHosts.Build(
            new Dictionary<string, string?>(),
            services =>
            {
                services.AddSingleton(new SyslogWriter(capture, new SyslogWriterOptions { Synchronous = true }));
                services.AddSingleton<OrderAudit>();
            });
        await host.StartAsync();
        var audit = host.Services.GetRequiredService<OrderAudit>();
        var logger = host.Services.GetRequiredService<ILogger<ConfigurationTests>>();
        var writer = host.Services.GetRequiredService<SyslogWriter>();

        audit.Refunded(42, 9.5m);
        logger.LogWarning("Order {OrderId} failed", 42);

        Assert.Equal(2, writer.Statistics.Sent);
        Assert.Equal(2, capture.Messages.Count);
        Assert.Same(writer, host.Services.GetServices<ILoggerProvider>().OfType<SyslogLoggerProvider>().Single().Writer);
        await host.StopAsync();
    }

    [Fact]
    public async Task Host_shutdown_flushes_the_writer_and_closes_it()
    {
        using var receiver = new System.Net.Sockets.UdpClient(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        var port = ((System.Net.IPEndPoint)receiver.Client.LocalEndPoint!).Port;
        var host = TestHosts.Build(
            new Dictionary<string, string?> { ["Logging:Syslog:Endpoint"] = $"udp://127.0.0.1:{port}" },
            services => services.AddSingleton<OrderAudit>());
        await host.StartAsync();
        var writer = host.Services.GetRequiredService<SyslogWriter>();
        var logger = host.Services.GetRequiredService<ILogger<ConfigurationTests>>();
        host.Services.GetRequiredService<OrderAudit>().Refunded(1, 2m);
        logger.LogInformation("one {Value}", 1);
        await host.StopAsync();
        host.Dispose();

        Assert.Equal(2, writer.Statistics.Sent);
        Assert.Equal(0, writer.Statistics.QueueLength);
        logger.LogInformation("after shutdown");
        Assert.Equal(1, writer.Statistics.DroppedShutdown);
        for (var i = 0; i < 2; i++)
        {
            var datagram = await receiver.ReceiveAsync().WaitAsync(TimeSpan.FromSeconds(10));
            Assert.StartsWith("<", System.Text.Encoding.UTF8.GetString(datagram.Buffer), StringComparison.Ordinal);
        }
    }
}
