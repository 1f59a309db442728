using GenLog;

namespace WebApi;

/// <summary>
/// The application's own audit messages, declared with [SyslogMessage]: the writer comes from the service
/// container, the one AddSyslog() registered, so these and the framework's ILogger lines share one queue
/// and one connection.
/// </summary>
[SyslogSource(SyslogFacility.Local0, SdId = "order@32473")]
public sealed partial class OrderEvents(SyslogWriter writer)
{
    /// <summary>An order was placed.</summary>
    [SyslogMessage(SyslogSeverity.Notice, "Order {OrderId} placed for {Amount:F2} EUR", MsgId = "ORDER")]
    public partial void Placed(int orderId, decimal amount);
}
