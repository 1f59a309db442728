namespace GenLog.Generator.Model;

/// <summary>A run of the template: literal text, or a placeholder bound to a parameter.</summary>
/// <param name="Text">The literal text (braces unescaped), or the placeholder's name as written.</param>
/// <param name="Parameter">The index of the bound parameter, or -1 for literal text.</param>
/// <param name="Format">The format after ':', or null.</param>
/// <param name="Alignment">The alignment after ',', or null.</param>
internal sealed record TemplateSegment(string Text, int Parameter, string? Format, int? Alignment);
