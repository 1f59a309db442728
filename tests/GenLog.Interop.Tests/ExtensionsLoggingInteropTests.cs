using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using GenLog.Interop.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GenLog.Interop.Tests;

/// <summary>An application's [LoggerMessage] method (MEL's own generator).</summary>
public static partial class ShopLog
{
    [LoggerMessage(EventId = 7, EventName = "ORDER_PAID", Level = LogLevel.Information, Message = "Order {OrderId} paid by {Customer} from {Address}")]
    public static partial void Paid(ILogger logger, int orderId, string customer, IPAddress address);
}

/// <summary>
/// A Generic Host configured from an in-memory configuration logs through ILogger with AddSyslog; real rsyslog,
/// syslog-ng and CPython receivers read the calls, and every field they parsed is checked.
/// </summary>
public sealed class ExtensionsLoggingInteropTests
{
    private const string Category = "Shop.Checkout";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private static IHost StartHost(string endpoint)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:Microsoft"] = "Warning",
            ["Logging:Syslog:Endpoint"] = endpoint,
            ["Logging:Syslog:AppName"] = "shop",
            ["Logging:Syslog:HostName"] = "web-1",
            ["Logging:Syslog:ProcId"] = "77",
            ["Logging:Syslog:Facility"] = "Local2",
            ["Logging:Syslog:Reconnect:InitialDelay"] = "00:00:00.100",
        });
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Logging.AddSyslog();
        var host = builder.Build();
        host.Start();
        return host;
    }

    /// <summary>The three ways an application logs: a [LoggerMessage] method, a template inside a scope, an error with its exception.</summary>
    private static async Task LogThreeWaysAsync(IHost host)
    {
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(Category);
        ShopLog.Paid(logger, 42, "Zoë \"Q\" [x]", IPAddress.Parse("192.0.2.7"));
        using (logger.BeginScope(new Dictionary<string, object?> { ["Tenant"] = "acme" }))
        {
            logger.LogWarning("Order {OrderId} failed", 43);
        }

        logger.LogError(new EventId(500, "PAYMENT"), Thrown(), "Payment {PaymentId} crashed", "p-1");
        await host.Services.GetRequiredService<SyslogWriter>().FlushAsync().WaitAsync(Wait);
        await host.StopAsync();
    }

    private static Exception Thrown()
    {
        try
        {
            throw new InvalidOperationException("card declined");
        }
        catch (InvalidOperationException exception)
        {
            return exception;
        }
    }

    /// <summary>SD-PARAMs as (name, value) in order, values unescaped (RFC 5424 §6.3.3).</summary>
    private static List<(string Name, string Value)> Parameters(string structuredData, string sdId)
    {
        var element = Regex.Match(structuredData, $@"\[{Regex.Escape(sdId)}((?: [^=\]]+=""(?:[^""\\]|\\.)*"")*)\]");
        Assert.True(element.Success, $"no [{sdId} …] in {structuredData}");
        return Regex.Matches(element.Groups[1].Value, @" ([^=]+)=""((?:[^""\\]|\\.)*)""")
            .Select(m => (m.Groups[1].Value, Regex.Replace(m.Groups[2].Value, @"\\(.)", "$1")))
            .ToList();
    }

    [SkippableFact]
    public async Task Rsyslog_reads_every_field_of_the_three_calls()
    {
        RsyslogServer.RequireRsyslogd();
        await using var rsyslog = await RsyslogServer.StartAsync(new RsyslogOptions { Tcp = true });
        using (var host = StartHost($"tcp://127.0.0.1:{rsyslog.TcpPort}"))
        {
            await LogThreeWaysAsync(host);
        }

        var records = await rsyslog.WaitForRecordsAsync(3, Wait);
        Assert.All(records, r => Assert.Equal(("1", 18, "web-1", "shop", "77"), (r.ProtocolVersion, r.Facility, r.HostName, r.AppName, r.ProcId)));

        var paid = records[0];
        Assert.Equal((6, "ORDER_PAID"), (paid.Severity, paid.MsgId));
        Assert.Equal(
            [("category", Category), ("eventId", "7"), ("OrderId", "42"), ("Customer", "Zoë \"Q\" [x]"), ("Address", "192.0.2.7")],
            Parameters(paid.StructuredData, "log@32473"));
        Assert.Equal("Order 42 paid by Zoë \"Q\" [x] from 192.0.2.7", paid.MsgWithoutBom);

        var failed = records[1];
        Assert.Equal((4, "-"), (failed.Severity, failed.MsgId));
        Assert.Equal([("category", Category), ("OrderId", "43"), ("Tenant", "acme")], Parameters(failed.StructuredData, "log@32473"));
        Assert.Equal("Order 43 failed", failed.MsgWithoutBom);

        var crashed = records[2];
        Assert.Equal((3, "PAYMENT"), (crashed.Severity, crashed.MsgId));
        var parameters = Parameters(crashed.StructuredData, "log@32473");
        Assert.Equal([("category", Category), ("eventId", "500"), ("PaymentId", "p-1")], parameters.Take(3));
        var exception = Assert.Single(parameters.Skip(3));
        Assert.Equal("exception", exception.Name);
        Assert.StartsWith("System.InvalidOperationException: card declined#012   at GenLog.Interop.Tests.ExtensionsLoggingInteropTests.Thrown()", exception.Value, StringComparison.Ordinal);
        Assert.Equal("Payment p-1 crashed", crashed.MsgWithoutBom);
    }

    [SkippableFact]
    public async Task Syslog_ng_reads_the_same_calls()
    {
        SyslogNgServer.Require();
        await using var syslogNg = await SyslogNgServer.StartAsync();
        using (var host = StartHost($"tcp://127.0.0.1:{syslogNg.TcpPort}"))
        {
            await LogThreeWaysAsync(host);
        }

        var records = await syslogNg.WaitForRecordsAsync(SyslogNgServer.TcpSource, 3, Wait);
        Assert.All(records, r => Assert.Equal((18, "web-1", "shop", "77"), (r.Facility, r.Host, r.Program, r.Pid)));
        Assert.Equal([(6, "ORDER_PAID"), (4, ""), (3, "PAYMENT")], records.Select(r => (r.Severity, r.MsgId == "-" ? "" : r.MsgId)));
        Assert.Equal(["Order 42 paid by Zoë \"Q\" [x] from 192.0.2.7", "Order 43 failed", "Payment p-1 crashed"], records.Select(r => r.Msg.TrimStart('\uFEFF')));

        var paid = records[0].StructuredData["log@32473"];
        Assert.Equal(Category, paid["category"]);
        Assert.Equal(("7", "42", "Zoë \"Q\" [x]", "192.0.2.7"), (paid["eventId"], paid["OrderId"], paid["Customer"], paid["Address"]));
        Assert.Equal(("43", "acme"), (records[1].StructuredData["log@32473"]["OrderId"], records[1].StructuredData["log@32473"]["Tenant"]));
        Assert.StartsWith("System.InvalidOperationException: card declined", records[2].StructuredData["log@32473"]["exception"], StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Cpython_reads_the_same_calls_as_log_records_named_after_the_category()
    {
        Peers.RequirePython();
        await using var receiver = await PythonReceiver.StartAsync(Peers.ScriptPath("log_receiver.py"), []);
        using (var host = StartHost($"python://127.0.0.1:{receiver.Port}"))
        {
            await LogThreeWaysAsync(host);
        }

        await receiver.WaitForLinesAsync(3, Wait);
        var records = receiver.Records();
        Assert.All(records, r => Assert.Equal(Category, r.GetProperty("name").GetString()));
        Assert.Equal([(20, "INFO"), (30, "WARNING"), (40, "ERROR")], records.Select(r => (r.GetProperty("levelno").GetInt32(), r.GetProperty("levelname").GetString())));
        Assert.Equal(["Order 42 paid by Zoë \"Q\" [x] from 192.0.2.7", "Order 43 failed", "Payment p-1 crashed"], records.Select(r => r.GetProperty("msg").GetString()));

        // State values keep their Python type: an int is an int.
        Assert.Equal(JsonValueKind.Number, records[0].GetProperty("OrderId").ValueKind);
        Assert.Equal(42, records[0].GetProperty("OrderId").GetInt32());
        Assert.Equal("Zoë \"Q\" [x]", records[0].GetProperty("Customer").GetString());
        Assert.Equal("192.0.2.7", records[0].GetProperty("Address").GetString());
        Assert.Equal("acme", records[1].GetProperty("Tenant").GetString());
        Assert.Equal(JsonValueKind.Null, records[0].GetProperty("exc_text").ValueKind);
        var excText = records[2].GetProperty("exc_text").GetString()!;
        Assert.StartsWith("System.InvalidOperationException: card declined\n   at ", excText, StringComparison.Ordinal);
    }
}
