using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Text;
using AotSample;
using GenLog;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// GenLog under Native AOT: sends one message of each kind in RFC 5424 to a receiver on 127.0.0.1 (a free UDP
// port), then one ILogger call through AddSyslog() (configuration bound by the binding source generator), and
// prints every datagram as received, one per line. Exit code 0 when all arrived.
//   dotnet publish samples/AotSample -c Release -r linux-x64 -o out && out/AotSample
using var receiver = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
receiver.Bind(new IPEndPoint(IPAddress.Loopback, 0));
receiver.ReceiveTimeout = 5000;
var port = ((IPEndPoint)receiver.LocalEndPoint!).Port;

var errors = 0;
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Logging:Syslog:Endpoint"] = $"udp://127.0.0.1:{port}",
    ["Logging:Syslog:Format"] = "Rfc5424",
    ["Logging:Syslog:AppName"] = "aotsample",
});
builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
builder.Logging.AddSyslog(options => options.Writer.OnError = e =>
{
    errors++;
    Console.Error.WriteLine($"send failed: {e.Message}");
});
using var host = builder.Build();

// The writer AddSyslog made: [SyslogMessage] methods and ILogger share it.
var writer = host.Services.GetRequiredService<SyslogWriter>();
var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("AotSample");

var messages = new Action[]
{
    () => AotLog.Hello(writer, "wörld"),
    () => AotLog.QueueTooLong(writer, 1234),
    () => AotLog.Load(writer, 3.14159, 8),
    () => AotLog.RequestFailed(writer, Guid.Parse("6f1c2a9e-4b7d-4c8e-9a51-2d3f4e5a6b7c")),
    () => AotLog.StateChanged(writer, ServiceState.Draining),
    () => AotLog.LockedOut(writer, "mallory", 5),
    () => logger.LogWarning("Disk {Device} is {Percent} percent full", "/dev/sda1", 97),
};

var missing = 0;
var buffer = new byte[65536];
foreach (var message in messages)
{
    message();
    await writer.FlushAsync();
    try
    {
        var length = receiver.Receive(buffer);
        Console.WriteLine(Encoding.UTF8.GetString(buffer, 0, length));
    }
    catch (SocketException)
    {
        Console.Error.WriteLine("nothing received within 5 s");
        missing++;
    }
}

return missing == 0 && errors == 0 ? 0 : 1;
