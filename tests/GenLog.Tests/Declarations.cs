using System;
using System.Net;

namespace GenLog.Tests;

/// <summary>A type that formats only through ToString().</summary>
public class Thing
{
    public override string ToString() => "thing";
}

public enum Color
{
    Red,
    Green,
}

[SyslogSource(SyslogFacility.Auth, AppName = "sshd")]
public static partial class AuthLog
{
    [SyslogMessage(SyslogSeverity.Warning, "Failed password for {User} from {Address} port {Port}", MsgId = "AUTHFAIL")]
    public static partial void FailedPassword(SyslogWriter writer, string user, IPAddress address, int port);

    [SyslogMessage(SyslogFacility.Local7, SyslogSeverity.Notice, "Override {User}")]
    public static partial void WithOwnFacility(SyslogWriter writer, string user);
}

public static partial class PlainLog
{
    [SyslogMessage(SyslogSeverity.Informational, "Text: {Text}")]
    public static partial void Text(SyslogWriter writer, string text);

    [SyslogMessage(SyslogSeverity.Error, "Value {Value} in {Where}", SdId = "probe@32473", MsgId = "PROBE")]
    public static partial void Structured(SyslogWriter writer, string value, string where, int extra);

    [SyslogMessage("local0", "err", "Disk {Device} is {Percent:F1}% full")]
    public static partial void DiskFull(SyslogWriter writer, string device, double percent);

    [SyslogMessage(4, 6, "Numbers {A} {B}")]
    public static partial void Numbers(SyslogWriter writer, long a, decimal b);

    [SyslogMessage("Dynamic {Text}")]
    public static partial void Dynamic(SyslogWriter writer, SyslogSeverity severity, string text);

    [SyslogMessage(SyslogSeverity.Debug, "Kinds {Flag} {Color} {Id} {Chars} {Maybe} {When:yyyy-MM-dd} {Letter}")]
    public static partial void Kinds(SyslogWriter writer, bool flag, Color color, Guid id, ReadOnlySpan<char> chars, int? maybe, DateTime when, char letter);

    [SyslogMessage(SyslogSeverity.Debug, "Times {Utc} {Local} {Offset} {Span}")]
    public static partial void Times(SyslogWriter writer, DateTime utc, DateTime local, DateTimeOffset offset, TimeSpan span);

    [SyslogMessage(SyslogSeverity.Error, "Failed: {Error}")]
    public static partial void Failed(SyslogWriter writer, Exception error);

    [SyslogMessage(SyslogSeverity.Notice, "[{Left,-6}|{Right,6}] {{literal}}")]
    public static partial void Aligned(SyslogWriter writer, string left, int right);

    [SyslogMessage(SyslogSeverity.Notice, "{Text} and again {text}")]
    public static partial void Repeated(SyslogWriter writer, string text);

    [SyslogMessage(SyslogSeverity.Notice, "Object {Thing}")]
#pragma warning disable GENLOG014 // the ToString fallback is what this declaration tests
    public static partial void WithObject(SyslogWriter writer, Thing thing);
#pragma warning restore GENLOG014
}

public sealed partial class InstanceLog(SyslogWriter writer)
{
    [SyslogMessage(SyslogSeverity.Informational, "Instance {Count}")]
    public partial void Counted(int count);
}

public sealed partial class FieldLog
{
    private readonly SyslogWriter _writer;

    public FieldLog(SyslogWriter writer) => _writer = writer;

    [SyslogMessage(SyslogSeverity.Alert, "Field {Name}")]
    public partial void Named(string name);
}
