using System;

namespace GenLog;

/// <summary>
/// Sends the parameter as an SD-PARAM of its own SD-ELEMENT (RFC 5424 §6.3) with this SD-ID, instead of the
/// method's <see cref="SyslogMessageAttribute.SdId"/> element. Parameters that name the same SD-ID share one element;
/// elements are written in the order their first parameter is declared, after the method's own element. A parameter
/// the template does not name is sent in its element only. RFC 3164 and Bare send no structured data; a Python
/// record carries the value under the parameter's name, as it does for every parameter.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class SdElementAttribute : Attribute
{
    /// <summary>Puts the parameter in the SD-ELEMENT <paramref name="sdId"/>, e.g. <c>"origin@32473"</c>, checked at compile time.</summary>
    public SdElementAttribute(string sdId)
    {
        SdId = sdId;
    }

    /// <summary>The SD-ID of the element the parameter is sent in.</summary>
    public string SdId { get; }
}
