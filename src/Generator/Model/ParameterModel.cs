namespace GenLog.Generator.Model;

/// <summary>A parameter as the generated signature repeats it, and how its value is written.</summary>
/// <param name="Name">The C# name, escaped with @ when it is a keyword.</param>
/// <param name="Prefix">Modifiers before the type: <c>scoped</c>, <c>in</c>, <c>ref readonly</c>, <c>this</c>.</param>
/// <param name="Type">The fully qualified type, nullable annotations included.</param>
/// <param name="Kind">How the value is formatted.</param>
/// <param name="IsNullableValue">A <c>Nullable&lt;T&gt;</c> whose underlying value is written.</param>
/// <param name="Python">How the value goes into a Python record.</param>
/// <param name="PythonKey">The record key it goes under.</param>
/// <param name="IsReference">A reference type: null becomes Python's None.</param>
internal sealed record ParameterModel(string Name, string Prefix, string Type, ValueKind Kind, bool IsNullableValue, PythonKind Python, string PythonKey, bool IsReference);
