namespace GenLog.Generator.Model;

/// <summary>The methods of one containing type, and the empty bodies of its declarations with errors: one generated file.</summary>
internal sealed record TypeGroup(TypeModel Type, EquatableArray<MethodModel> Methods, EquatableArray<EmptyBody> EmptyBodies, string HintName);
