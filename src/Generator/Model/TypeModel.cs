namespace GenLog.Generator.Model;

/// <summary>A namespace and the chain of containing types, outermost first: the key methods are grouped by.</summary>
internal sealed record TypeModel(string Namespace, EquatableArray<ContainingType> Types);
