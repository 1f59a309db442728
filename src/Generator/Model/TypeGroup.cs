namespace GenLog.Generator.Model;

/// <summary>The methods of one containing type: one generated file.</summary>
internal sealed record TypeGroup(TypeModel Type, EquatableArray<MethodModel> Methods, string HintName);
