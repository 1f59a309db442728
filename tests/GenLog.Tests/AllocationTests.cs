using System;
using System.Net;

using GenLog.TestSupport;
using static GenLog.TestSupport.Allocations;

namespace GenLog.Tests;

public class AllocationTests
{
    [Theory]
    [InlineData(SyslogFormat.Rfc5424, true)]
    [InlineData(SyslogFormat.Rfc3164, true)]
    [InlineData(SyslogFormat.Bare, true)]
    [InlineData(SyslogFormat.Rfc5424, false)]
    public async System.Threading.Tasks.Task Generated_methods_allocate_nothing_per_call(SyslogFormat format, bool synchronous) =>
        await AssertCallsAllocateNothing(new NullTransport(), format, synchronous);

    [Fact]
    public async System.Threading.Tasks.Task Python_records_allocate_nothing_per_call() =>
        await AssertCallsAllocateNothing(new NullPythonTransport(), SyslogFormat.Rfc5424, synchronous: true);

    private static async System.Threading.Tasks.Task AssertCallsAllocateNothing(NullTransport transport, SyslogFormat format, bool synchronous)
    {
        using var writer = new SyslogWriter(transport, new SyslogWriterOptions { Format = format, SequenceId = true, AppendNul = true, Synchronous = synchronous, QueueCapacity = 256 * 1024 * 1024 });
        var address = IPAddress.Parse("2001:db8::1");
        var id = Guid.NewGuid();
        var when = new DateTime(2026, 1, 2);
        var hostile = "quote\" slash\\ bracket] newline\n lone\uD800 " + new string('é', 3000) + "😀";

        void Calls()
        {
            AuthLog.FailedPassword(writer, "root", address, 22);
            PlainLog.Structured(writer, hostile, "where", 7);
            PlainLog.DiskFull(writer, "/dev/sda1", 97.25);
            PlainLog.Numbers(writer, long.MaxValue, 123.456m);
            PlainLog.Dynamic(writer, SyslogSeverity.Alert, "dynamic");
            PlainLog.Kinds(writer, true, Color.Green, id, "chars".AsSpan(), 5, when, 'x');
            PlainLog.Kinds(writer, false, Color.Red, id, default, null, when, 'y');
            PlainLog.Aligned(writer, "left", 1);
            PlainLog.Text(writer, null!);
        }

        var calls = AssertNoAllocations(Calls);
        await writer.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(calls * 9, transport.Count + writer.Statistics.Dropped);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async System.Threading.Tasks.Task Trace_context_and_TypeAndMessage_exceptions_allocate_nothing_per_call(bool python)
    {
        NullTransport transport = python ? new NullPythonTransport() : new NullTransport();
        using var writer = new SyslogWriter(transport, new SyslogWriterOptions { TraceContext = true, ExceptionFormat = ExceptionFormat.TypeAndMessage, Synchronous = true });
        using var activity = new System.Diagnostics.Activity("request").SetIdFormat(System.Diagnostics.ActivityIdFormat.W3C).Start();
        var error = ThrownExceptions.Thrown();

        void Calls()
        {
            ExceptionLog.Done(writer, 7);
            ExceptionLog.UploadFailed(writer, "/a", error);
            ExceptionLog.UploadFailedWithSd(writer, "/a", error);
            ExceptionLog.Named(writer, error);
        }

        var calls = AssertNoAllocations(Calls);
        await writer.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(calls * 4, transport.Count);
    }

    [Theory]
    [InlineData(SyslogFormat.Rfc5424)]
    [InlineData(SyslogFormat.Rfc3164)]
    public void Millisecond_timestamps_on_the_coarse_clock_allocate_nothing_per_call(SyslogFormat format)
    {
        var transport = new NullTransport();
        using var writer = new SyslogWriter(transport, new SyslogWriterOptions { Format = format, TimestampPrecision = TimestampPrecision.Milliseconds, Synchronous = true });
        var calls = AssertNoAllocations(() => AuthLog.FailedPassword(writer, "root", IPAddress.Loopback, 22));
        Assert.Equal(calls, transport.Count);
    }

    [Fact]
    public void A_disabled_call_allocates_nothing_and_sends_nothing()
    {
        var transport = new NullTransport();
        using var writer = new SyslogWriter(transport, new SyslogWriterOptions { MinimumSeverity = SyslogSeverity.Emergency });
        AssertNoAllocations(() => AuthLog.FailedPassword(writer, "root", IPAddress.Loopback, 22));
        Assert.Equal(0, transport.Count);
    }

    [Fact]
    public void A_message_begun_by_hand_and_never_sent_does_not_make_later_calls_on_the_thread_allocate()
    {
        var transport = new NullTransport();
        using var writer = new SyslogWriter(transport, new SyslogWriterOptions { Synchronous = true });
        var abandoned = new SyslogMessageBuilder(writer, 14, default, default);
        abandoned.BeginText();

        // The abandoned message holds the thread's buffer for good; the calls after it must still settle on one.
        AssertNoAllocations(() => AuthLog.FailedPassword(writer, "root", IPAddress.Loopback, 22));
        Assert.True(transport.Count > 0);
    }
}
