using System;
using System.Net;
using GenLog.TestSupport;
using static GenLog.TestSupport.Allocations;
using Microsoft.Extensions.Logging;

namespace GenLog.Extensions.Logging.Tests;

public sealed class AllocationTests
{
    [Theory]
    [InlineData(SyslogFormat.Rfc5424)]
    [InlineData(SyslogFormat.Rfc3164)]
    public void A_LoggerMessage_call_through_the_provider_allocates_nothing(SyslogFormat format)
    {
        var transport = new NullTransport();
        using var writer = new SyslogWriter(transport, new SyslogWriterOptions { Format = format, Synchronous = true });
        using var loggers = LoggerFactory.Create(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(new SyslogLoggerProvider(writer, new SyslogLoggerOptions())));
        var logger = loggers.CreateLogger("Shop.Orders");
        var address = IPAddress.Parse("2001:db8::1");

        var calls = AssertNoAllocations(() => OrderLog.Paid(logger, 42, "root", address));

        Assert.Equal(calls, transport.Count);
    }
}
