using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using AotSample;
using GenLog;

// GenLog under Native AOT: sends one message of each kind in RFC 5424 to a receiver on 127.0.0.1 (a free UDP
// port) and prints every datagram as received, one per line. Exit code 0 when all arrived.
//   dotnet publish samples/AotSample -c Release -r linux-x64 -o out && out/AotSample
using var receiver = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
receiver.Bind(new IPEndPoint(IPAddress.Loopback, 0));
receiver.ReceiveTimeout = 5000;
var port = ((IPEndPoint)receiver.LocalEndPoint!).Port;

var errors = 0;
await using var writer = new SyslogWriter(new UdpTransport("127.0.0.1", port), new SyslogWriterOptions
{
    Format = SyslogFormat.Rfc5424,
    OnError = e =>
    {
        errors++;
        Console.Error.WriteLine($"send failed: {e.Message}");
    },
});

var messages = new Action[]
{
    () => AotLog.Hello(writer, "wörld"),
    () => AotLog.QueueTooLong(writer, 1234),
    () => AotLog.Load(writer, 3.14159, 8),
    () => AotLog.RequestFailed(writer, Guid.Parse("6f1c2a9e-4b7d-4c8e-9a51-2d3f4e5a6b7c")),
    () => AotLog.StateChanged(writer, ServiceState.Draining),
    () => AotLog.LockedOut(writer, "mallory", 5),
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
