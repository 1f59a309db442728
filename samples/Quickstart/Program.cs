using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using GenLog;
using Quickstart;

// GenLog quickstart: sends every declared message in each format and shows what went on the wire.
var server = (string?)null;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--server" when i + 1 < args.Length:
            server = args[++i];
            break;
        case "-h" or "--help":
            Console.WriteLine("""
                GenLog quickstart: sends every [SyslogMessage] method of this sample in the RFC 5424,
                RFC 3164 and Bare (CPython SysLogHandler) formats.

                Usage: dotnet run --project samples/Quickstart [-- --server udp://HOST:PORT]

                  (no options)             start a receiver on 127.0.0.1 (a free UDP port), send to it, and print
                                           each datagram as received (bytes, escaped) and as parsed fields
                  --server udp://HOST:PORT send to a real syslog daemon instead (e.g. udp://localhost:514)
                  -h, --help               show this help
                """);
            return 0;
        default:
            Console.Error.WriteLine($"Unknown argument '{args[i]}'. Try --help.");
            return 2;
    }
}

using var receiver = server is null ? new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) : null;
if (receiver is not null)
{
    receiver.Bind(new IPEndPoint(IPAddress.Loopback, 0));
    receiver.ReceiveTimeout = 2000;
    server = $"udp://127.0.0.1:{((IPEndPoint)receiver.LocalEndPoint!).Port}";
    Console.WriteLine($"Embedded receiver listening on {server}");
}

var failures = 0;
foreach (var format in new[] { SyslogFormat.Rfc5424, SyslogFormat.Rfc3164, SyslogFormat.Bare })
{
    Console.WriteLine();
    Console.WriteLine($"=== {format} ===");
    await using var writer = SyslogWriter.Create(server!, new SyslogWriterOptions
    {
        Format = format,
        AppName = "quickstart",
        OnError = e => Console.Error.WriteLine($"send failed: {e.Message}"),
    });
    var billing = new BillingLog(writer);

    Show(() => AuthLog.FailedPassword(writer, "root", IPAddress.Parse("192.0.2.7"), 22));
    Show(() => AuthLog.Accepted(writer, "publickey", "alice", 4711));
    Show(() => DiskLog.DiskFull(writer, "/dev/sda1", 97.25));
    Show(() => DiskLog.CheckFinished(writer, SyslogSeverity.Notice, "/dev/sda1", "clean"));
    Show(() => billing.InvoicePaid(Guid.Parse("6f1c2a9e-4b7d-4c8e-9a51-2d3f4e5a6b7c"), 129.5m, "EUR", new DateTimeOffset(2026, 11, 24, 9, 18, 0, TimeSpan.Zero)));
    Show(() => billing.ChargeFailed(Guid.Parse("0b8e7c6d-5a4f-4e3d-8c2b-1a0f9e8d7c6b"), new InvalidOperationException("card declined\nretry later")));
    Console.WriteLine($"Statistics: sent {writer.Statistics.Sent}, dropped {writer.Statistics.Dropped}, truncated {writer.Statistics.Truncated}, errors {writer.Statistics.Errors}");
}

return failures == 0 ? 0 : 1;

void Show(Action log)
{
    log();
    if (receiver is null)
    {
        return;
    }

    var buffer = new byte[65536];
    int length;
    try
    {
        length = receiver.Receive(buffer);
    }
    catch (SocketException)
    {
        Console.WriteLine("  (nothing received)");
        failures++;
        return;
    }

    var datagram = buffer.AsSpan(0, length);
    Console.WriteLine($"  bytes ({length}): {Escape(datagram)}");
    foreach (var (field, value) in Fields(datagram))
    {
        Console.WriteLine($"    {field,-10} {value}");
    }
}

// Printable ASCII as it is, everything else as \xNN, so the BOM, NUL and escapes are visible.
static string Escape(ReadOnlySpan<byte> bytes)
{
    var text = new StringBuilder();
    foreach (var b in bytes)
    {
        text.Append(b is >= 0x20 and < 0x7F && b != (byte)'\\' ? ((char)b).ToString() : $"\\x{b:X2}");
    }

    return text.ToString();
}

// A display split of the three formats (the tests hold the strict parsers).
static (string Field, string Value)[] Fields(ReadOnlySpan<byte> datagram)
{
    var text = Encoding.UTF8.GetString(datagram);
    var close = text.IndexOf('>');
    var pri = int.Parse(text.AsSpan(1, close - 1));
    var (facility, severity) = SyslogPriority.Decode(pri);
    var rest = text[(close + 1)..];
    var priority = ("PRI", $"{pri} ({facility}.{severity})");
    if (rest.StartsWith("1 ", StringComparison.Ordinal))
    {
        var parts = rest.Split(' ', 7);
        var sdAndMsg = parts[6];
        var sdEnd = sdAndMsg.StartsWith('-') ? 1 : sdAndMsg.IndexOf("] ", StringComparison.Ordinal) + 1;
        return
        [
            priority, ("VERSION", parts[0]), ("TIMESTAMP", parts[1]), ("HOSTNAME", parts[2]), ("APP-NAME", parts[3]),
            ("PROCID", parts[4]), ("MSGID", parts[5]), ("SD", sdAndMsg[..sdEnd]), ("MSG", sdAndMsg[(sdEnd + 1)..].TrimStart('\uFEFF')),
        ];
    }

    if (rest.Length > 16 && rest[3] == ' ' && rest[6] == ' ' && rest[9] == ':')
    {
        var hostEnd = rest.IndexOf(' ', 16);
        var tagEnd = rest.IndexOf(": ", hostEnd, StringComparison.Ordinal);
        return [priority, ("TIMESTAMP", rest[..15]), ("HOSTNAME", rest[16..hostEnd]), ("TAG", rest[(hostEnd + 1)..tagEnd]), ("MSG", rest[(tagEnd + 2)..])];
    }

    return [priority, ("MSG", rest.TrimEnd('\0'))];
}
