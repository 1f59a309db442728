using System;
using System.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WebApi;

// An ASP.NET Core minimal API whose logs go to syslog: the framework's own ILogger lines (request logging)
// through AddSyslog(), configured in appsettings.json under Logging:Syslog, and the application's
// [SyslogMessage] audit messages (OrderEvents) through the same writer.
if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine("""
        GenLog WebApi sample: ASP.NET Core's logs and [SyslogMessage] methods sent to syslog.

        Usage: dotnet run --project samples/WebApi [-- --Logging:Syslog:Endpoint=URI] [--urls=http://127.0.0.1:5080]

        Where the logs go is Logging:Syslog:Endpoint (appsettings.json; default udp://localhost:514). Override it
        on the command line (--Logging:Syslog:Endpoint=tcp://logs.example:514) or with the environment variable
        Logging__Syslog__Endpoint. URIs: udp://host:514, tcp://host:601, tls://host:6514, relp://host:2514,
        unix:///dev/log, python://host:9020, or a comma-separated failover list. Every other key of
        Logging:Syslog is a SyslogWriterOptions property (Format, AppName, Facility, QueueCapacity, ...);
        docs/extensions-logging.md lists them.

        To receive with a local rsyslog, open a listener in /etc/rsyslog.d/genlog.conf:
            module(load="imudp")
            input(type="imudp" port="514" address="127.0.0.1")
        (or imtcp with port 601 and Endpoint tcp://localhost:601), restart rsyslog, then:
            dotnet run --project samples/WebApi
            curl -X POST http://localhost:5080/orders/42
            grep webapi /var/log/syslog
        Each request logs "Request starting ..." and "Request finished ..." (category
        Microsoft.AspNetCore.Hosting.Diagnostics), plus one ORDER message from OrderEvents.Placed.
        """);
    return 0;
}

var builder = WebApplication.CreateBuilder(args);
builder.Logging.AddSyslog();
builder.Services.AddSingleton<OrderEvents>();

var app = builder.Build();
app.MapGet("/", () => "GenLog WebApi sample: POST /orders/{id} logs an order to syslog.");
app.MapPost("/orders/{id:int}", (int id, OrderEvents orders) =>
{
    orders.Placed(id, 19.90m);
    return Results.Accepted($"/orders/{id}");
});
app.Run();
return 0;
