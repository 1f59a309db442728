namespace GenLog.Generator.Model;

/// <summary>One containing type declaration as the generated partial repeats it.</summary>
/// <param name="Keyword">class, struct, record, record struct or interface.</param>
/// <param name="Name">The name with its type parameters, e.g. <c>Cache&lt;TKey&gt;</c>.</param>
/// <param name="Modifiers">What goes before <c>partial</c>: <c>static </c>, <c>readonly </c>, <c>ref </c>.</param>
/// <param name="MetadataName">The name for the hint file, e.g. <c>Cache`1</c>.</param>
internal sealed record ContainingType(string Keyword, string Name, string Modifiers, string MetadataName);
