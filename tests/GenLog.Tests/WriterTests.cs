using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Text;

using GenLog.TestSupport;

namespace GenLog.Tests;

public class WriterTests
{
    public static TheoryData<string, Action<SyslogWriterOptions>> InvalidOptions => new()
    {
        { "HostName", o => o.HostName = "has space" },
        { "HostName", o => o.HostName = new string('h', 256) },
        { "HostName", o => o.HostName = "" },
        { "AppName", o => o.AppName = new string('a', 49) },
        { "AppName", o => o.AppName = "é" },
        { "ProcId", o => o.ProcId = new string('1', 129) },
        { "Ident", o => o.Ident = "bad\nident" },
        { "Ident", o => o.Ident = "lone \uD800" },
        { "MaxMessageSize", o => o.MaxMessageSize = 100 },
        { "MaxMessageSize", o => o.MaxMessageSize = 17 * 1024 * 1024 },
        { "Format", o => o.Format = (SyslogFormat)9 },
        { "DefaultFacility", o => o.DefaultFacility = (SyslogFacility)24 },
        { "MinimumSeverity", o => o.MinimumSeverity = (SyslogSeverity)(-1) },
        { "CloseTimeout", o => o.CloseTimeout = TimeSpan.MaxValue },
        { "Reconnect", o => o.Reconnect = new ReconnectPolicy { MaxDelay = TimeSpan.MaxValue } },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Invalid_options_throw_at_construction_naming_the_option(string option, Action<SyslogWriterOptions> configure)
    {
        var options = new SyslogWriterOptions();
        configure(options);
        var error = Assert.ThrowsAny<ArgumentException>(() => new SyslogWriter(new CaptureTransport(), options));
        Assert.Contains("SyslogWriterOptions." + option, error.Message);
    }

    [Fact]
    public void Udp_limits_the_message_size_to_one_datagram()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new SyslogWriter(new UdpTransport("127.0.0.1", 9), new SyslogWriterOptions { MaxMessageSize = 70_000 }));
        Assert.Contains("MaxMessageSize", error.Message);
    }

    [Fact]
    public void Defaults_come_from_the_machine_and_process()
    {
        var transport = new CaptureTransport();
        using var writer = new SyslogWriter(transport, new SyslogWriterOptions { Synchronous = true });
        PlainLog.Text(writer, "x");
        var message = Rfc5424Parser.Parse(transport.Last);
        Assert.Equal(Environment.ProcessId.ToString(), message.ProcId);
        // The default facility is user (1); PlainLog.Text is informational (6): 1 * 8 + 6.
        Assert.Equal(14, message.Pri);
        Assert.Equal(SyslogFormat.Rfc5424, writer.Format);
        Assert.Equal(8192, writer.MaxMessageSize);
        Assert.NotEqual("-", message.HostName);
    }

    [Fact]
    public void A_failing_transport_never_throws_out_of_a_log_call_and_is_counted_and_reported()
    {
        var errors = new List<Exception>();
        var transport = new FailingTransport();
        var time = new ManualTime(Writers.Now);
        using var writer = new SyslogWriter(transport, new SyslogWriterOptions { OnError = errors.Add, Synchronous = true, TimeProvider = time });
        PlainLog.Text(writer, "a");

        // As CPython's SocketHandler: within the back-off, calls drop without trying to connect again.
        PlainLog.Text(writer, "b");
        Assert.Equal(1, transport.Disconnects);
        time.Advance(TimeSpan.FromSeconds(1));
        PlainLog.Text(writer, "c");
        Assert.Equal(2, transport.Disconnects);

        Assert.Equal(2, writer.Statistics.Errors);
        Assert.Equal(3, writer.Statistics.DroppedSendFailure);
        Assert.Equal(3, writer.Statistics.Dropped);
        Assert.Equal(0, writer.Statistics.Sent);
        Assert.All(errors, e => Assert.IsType<SocketException>(e));
    }

    [Fact]
    public void Synchronous_mode_starts_the_back_off_over_after_a_success()
    {
        var time = new ManualTime(Writers.Now);
        var transport = new ScriptedTransport(time);
        var reconnect = new ReconnectPolicy { InitialDelay = TimeSpan.FromSeconds(1), Factor = 2, MaxDelay = TimeSpan.FromSeconds(30) };
        using var writer = new SyslogWriter(transport, new SyslogWriterOptions { Format = SyslogFormat.Bare, Synchronous = true, TimeProvider = time, Reconnect = reconnect });

        PlainLog.Text(writer, "fails");
        time.Advance(TimeSpan.FromSeconds(1));
        transport.Up = true;
        PlainLog.Text(writer, "succeeds");
        transport.Up = false;
        transport.Disconnect();
        PlainLog.Text(writer, "fails again");

        // One failure since the success: the retry is due after InitialDelay (1 s), not after the second step (2 s).
        time.Advance(TimeSpan.FromSeconds(1) - TimeSpan.FromTicks(1));
        PlainLog.Text(writer, "inside the back-off");
        Assert.Equal(3, transport.Attempts.Count);
        time.Advance(TimeSpan.FromTicks(1));
        transport.Up = true;
        PlainLog.Text(writer, "retried");

        var start = Writers.Now;
        Assert.Equal(new[] { start, start.AddSeconds(1), start.AddSeconds(1), start.AddSeconds(2) }, transport.Attempts);
        Assert.Equal(new[] { "<14>Text: succeeds", "<14>Text: retried" }, transport.Delivered);
        Assert.Equal(2, writer.Statistics.Sent);
        Assert.Equal(3, writer.Statistics.DroppedSendFailure);
    }

    [Fact]
    public void A_throwing_on_error_callback_does_not_escape_either()
    {
        using var writer = new SyslogWriter(new FailingTransport(), new SyslogWriterOptions { OnError = _ => throw new InvalidOperationException(), Synchronous = true });
        PlainLog.Text(writer, "a");
        Assert.Equal(1, writer.Statistics.Errors);
    }

    [Fact]
    public void A_value_whose_formatting_throws_is_reported_and_the_message_still_sent()
    {
        var errors = new List<Exception>();
        var (writer, transport) = Writers.Capture(o => o.OnError = errors.Add);
        PlainLog.WithObject(writer, new ThrowingThing());
        Assert.Equal("Object (error)", Rfc5424Parser.Parse(transport.Last).Msg);
        Assert.IsType<FormatException>(Assert.Single(errors));
    }

    [Fact]
    public void Messages_after_dispose_are_dropped_and_counted()
    {
        var (writer, transport) = Writers.Capture();
        writer.Dispose();
        PlainLog.Text(writer, "late");
        Assert.Empty(transport.Messages);
        Assert.Equal(1, writer.Statistics.DroppedShutdown);
    }

    [Fact]
    public void An_out_of_range_facility_given_by_hand_falls_back_to_the_default_instead_of_breaking_the_frame()
    {
        var (writer, transport) = Writers.Capture(o => o.DefaultFacility = SyslogFacility.Local2);
        var message = new SyslogMessageBuilder(writer, (SyslogFacility)1000, SyslogSeverity.Warning, default, default);
        message.BeginText();
        message.Send();
        // local2 (18) * 8 + warning (4).
        Assert.Equal(148, Rfc5424Parser.Parse(transport.Last).Pri);
    }

    [Fact]
    public void A_null_writer_is_a_disabled_call()
    {
        // Disabled: no exception, and no argument is formatted (the ToString that would throw is never called).
        var thing = new ThrowingThing();
        Assert.Null(Record.Exception(() => PlainLog.WithObject(null!, thing)));
        Assert.Equal(0, thing.Calls);
    }

    [Theory]
    [InlineData("http://localhost:601", "the scheme 'http', which is not supported")]
    [InlineData("udp://localhost:514?framing=lf", "query option 'framing', which udp:// does not know")]
    [InlineData("tcp://localhost:601?framing=lf&framing=lf", "repeats the query option 'framing'")]
    [InlineData("tcp://localhost:601?framing=zigzag", "framing is octet-counting or lf")]
    [InlineData("tcp://localhost:601?timeout=5", "query option 'timeout'")]
    [InlineData("tls://localhost:6514/path", "has a path")]
    [InlineData("unix://host/dev/log", "absolute socket path, with no host")]
    [InlineData("udp://user@localhost:514", "user part")]
    [InlineData("not a uri", "is not a syslog URI")]
    [InlineData("udp://", "has no host")]
    public void Create_refuses_malformed_uris_saying_what_is_expected(string uri, string reason)
    {
        var error = Assert.Throws<ArgumentException>(() => SyslogWriter.Create(uri));
        Assert.Contains(reason, error.Message);
        Assert.Contains("tcp://host[:601][?framing=octet-counting|lf]", error.Message);
    }

    [Fact]
    public void Create_builds_each_transport_with_its_defaults_and_options()
    {
        Assert.Equal((601, SyslogFraming.OctetCounting), Tcp("tcp://logs.example"));
        Assert.Equal((1601, SyslogFraming.NonTransparent), Tcp("tcp://logs.example:1601?framing=lf"));
        Assert.Equal((601, SyslogFraming.OctetCounting), Tcp("tcp://logs.example?framing=octet-counting"));

        static (int, SyslogFraming) Tcp(string uri)
        {
            var transport = Assert.IsType<TcpTransport>(Transport(uri));
            Assert.Equal("logs.example", transport.Host);
            return (transport.Port, transport.Framing);
        }

        Assert.Equal(6514, Assert.IsType<TlsTransport>(Transport("tls://logs.example")).Port);
        Assert.Equal("/run/my log", Assert.IsType<UnixSocketTransport>(Transport("unix:///run/my%20log")).Path);
        Assert.Equal(514, Assert.IsType<UdpTransport>(Transport("udp://[::1]")).Port);
        Assert.Equal("fe80::1%eth0", Assert.IsType<UdpTransport>(Transport("udp://[fe80::1%25eth0]:514")).Host);
    }

    private static ISyslogTransport Transport(string uri) => GenLog.Transports.TransportUri.Parse(uri);

    [Theory]
    [InlineData("udp://127.0.0.1:{0}", "127.0.0.1")]
    [InlineData("udp://[::1]:{0}", "::1")]
    public async System.Threading.Tasks.Task Udp_sends_one_datagram_per_message_to_a_loopback_receiver(string uriFormat, string address)
    {
        using var receiver = new Socket(IPAddress.Parse(address).AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        receiver.Bind(new IPEndPoint(IPAddress.Parse(address), 0));
        receiver.ReceiveTimeout = 5000;
        var port = ((IPEndPoint)receiver.LocalEndPoint!).Port;

        using var writer = SyslogWriter.Create(string.Format(uriFormat, port), new SyslogWriterOptions { HostName = "h", AppName = "a", ProcId = "1" });
        PlainLog.Text(writer, "first");
        PlainLog.Text(writer, "second é");
        await writer.FlushAsync().WaitAsync(TimeSpan.FromSeconds(5));

        var buffer = new byte[65536];
        var first = Rfc5424Parser.Parse(buffer.AsSpan(0, receiver.Receive(buffer)));
        var second = Rfc5424Parser.Parse(buffer.AsSpan(0, receiver.Receive(buffer)));
        Assert.Equal("Text: first", first.Msg);
        Assert.Equal("Text: second é", second.Msg);
        Assert.Equal(2, writer.Statistics.Sent);
    }

    [Fact]
    public void Udp_transport_defaults_are_cpythons()
    {
        using var transport = new UdpTransport();
        Assert.Equal("localhost", transport.Host);
        Assert.Equal(514, transport.Port);
        Assert.Throws<ArgumentOutOfRangeException>(() => new UdpTransport("localhost", 0));
        Assert.Throws<ArgumentException>(() => new UdpTransport(" ", 514));
    }

    private sealed class ThrowingThing : Thing
    {
        public int Calls { get; private set; }

        public override string ToString()
        {
            Calls++;
            throw new FormatException("broken ToString");
        }
    }
}
