namespace GenLog.Generator.Model;

/// <summary>One SD-ELEMENT a method writes (RFC 5424 §6.3.1): its SD-ID and its SD-PARAMs, in declaration order.</summary>
/// <param name="SdId">The SD-ID: the method's (or type's) <c>SdId</c>, or an <c>[SdElement]</c>'s.</param>
/// <param name="Parameters">The SD-PARAMs.</param>
internal sealed record StructuredElement(string SdId, EquatableArray<StructuredParameter> Parameters);
