using System;

namespace GenLog;

/// <summary>Defaults for every <see cref="SyslogMessageAttribute"/> method of the type it is placed on.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false, Inherited = false)]
public sealed class SyslogSourceAttribute : Attribute
{
    /// <summary>Sets the facility of the type's messages that do not name one.</summary>
    public SyslogSourceAttribute(SyslogFacility facility)
    {
        Facility = facility;
    }

    /// <summary>Sets no facility: messages that do not name one use the writer's <see cref="SyslogWriterOptions.DefaultFacility"/>.</summary>
    public SyslogSourceAttribute()
    {
    }

    /// <summary>The facility of the type's messages, or null to use the writer's default.</summary>
    public SyslogFacility? Facility { get; }

    /// <summary>The RFC 5424 APP-NAME (RFC 3164 TAG) of the type's messages, instead of the writer's.</summary>
    public string? AppName { get; set; }

    /// <summary>The RFC 5424 SD-ID under which the parameters of the type's messages are also sent.</summary>
    public string? SdId { get; set; }

    /// <summary>
    /// The name of the <see cref="SyslogWriter"/> field, property or primary-constructor parameter the type's messages log to
    /// when it holds several (write <c>Writer = nameof(_audit)</c>); a method's <see cref="SyslogMessageAttribute.Writer"/> wins.
    /// </summary>
    public string? Writer { get; set; }
}
