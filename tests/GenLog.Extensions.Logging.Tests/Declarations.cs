using System.Net;
using Microsoft.Extensions.Logging;

namespace GenLog.Extensions.Logging.Tests;

/// <summary>What an application declares with MEL's own source generator.</summary>
public static partial class OrderLog
{
    [LoggerMessage(EventId = 7, EventName = "ORDER_PAID", Level = LogLevel.Information, Message = "Order {OrderId} paid by {Customer} from {Address}")]
    public static partial void Paid(ILogger logger, int orderId, string customer, IPAddress address);

    [LoggerMessage(EventId = 8, EventName = "STAMPED", Level = LogLevel.Information, Message = "At {When:O} ratio {Ratio,8:F2} id {Id}")]
    public static partial void Stamped(ILogger logger, System.DateTime when, double ratio, System.Guid id);
}

/// <summary>A class with instance [SyslogMessage] methods, resolved from the service container.</summary>
[SyslogSource(SyslogFacility.Local3, AppName = "audit", SdId = "audit@32473")]
public sealed partial class OrderAudit(SyslogWriter writer)
{
    [SyslogMessage(SyslogSeverity.Notice, "Refund {Amount} for {Order}", MsgId = "REFUND")]
    public partial void Refunded(int order, decimal amount);
}
