namespace GenLog.Generator.Model;

/// <summary>A parameter sent as an SD-PARAM of one of the method's SD-ELEMENTs.</summary>
/// <param name="Name">The PARAM-NAME: the placeholder's name, else the parameter's.</param>
/// <param name="Parameter">The index of the parameter.</param>
/// <param name="Format">The placeholder's format, or null.</param>
internal sealed record StructuredParameter(string Name, int Parameter, string? Format);
