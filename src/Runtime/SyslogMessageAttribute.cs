using System;

namespace GenLog;

/// <summary>
/// Marks a <c>static partial</c> (or instance partial) <c>void</c> method whose body GenLog generates:
/// the PRI value and every constant byte of the message are computed at compile time.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class SyslogMessageAttribute : Attribute
{
    /// <summary>A message with a fixed severity; the facility comes from <see cref="SyslogSourceAttribute"/> or the writer.</summary>
    public SyslogMessageAttribute(SyslogSeverity severity, string message)
    {
        Severity = severity;
        Message = message;
    }

    /// <summary>A message with a fixed facility and severity.</summary>
    public SyslogMessageAttribute(SyslogFacility facility, SyslogSeverity severity, string message)
    {
        Facility = facility;
        Severity = severity;
        Message = message;
    }

    /// <summary>A message with CPython facility and severity names (<c>"local0"</c>, <c>"err"</c>), checked at compile time.</summary>
    public SyslogMessageAttribute(string facility, string severity, string message)
    {
        (Facility, Severity) = SyslogPriority.Decode(SyslogPriority.Encode(facility, severity));
        Message = message;
    }

    /// <summary>A message with numeric facility (0–23) and severity (0–7) codes, checked at compile time.</summary>
    public SyslogMessageAttribute(int facility, int severity, string message)
    {
        Facility = (SyslogFacility)facility;
        Severity = (SyslogSeverity)severity;
        Message = message;
    }

    /// <summary>A message whose severity comes from a <see cref="SyslogSeverity"/> parameter of the method.</summary>
    public SyslogMessageAttribute(string message)
    {
        Message = message;
    }

    /// <summary>The facility given on the attribute, or null when it falls back to the type or the writer.</summary>
    public SyslogFacility? Facility { get; }

    /// <summary>The severity given on the attribute, or null when a <see cref="SyslogSeverity"/> parameter supplies it.</summary>
    public SyslogSeverity? Severity { get; }

    /// <summary>The message template: <c>{Name}</c> and <c>{Name:format}</c> bind to parameters by name; <c>{{</c> and <c>}}</c> are literal braces.</summary>
    public string Message { get; }

    /// <summary>The RFC 5424 MSGID (1–32 printable US-ASCII characters).</summary>
    public string? MsgId { get; set; }

    /// <summary>The RFC 5424 SD-ID under which every parameter is also sent as an SD-PARAM; overrides the type's.</summary>
    public string? SdId { get; set; }

    /// <summary>
    /// The name of the <see cref="SyslogWriter"/> field, property or primary-constructor parameter the method logs to, when its
    /// type holds several (write <c>Writer = nameof(_audit)</c>); overrides <see cref="SyslogSourceAttribute.Writer"/>.
    /// A static method may name a static member; a method that takes a <see cref="SyslogWriter"/> parameter logs to it and sets none.
    /// </summary>
    public string? Writer { get; set; }
}
