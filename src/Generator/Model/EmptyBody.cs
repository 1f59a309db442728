namespace GenLog.Generator.Model;

/// <summary>
/// A declaration GenLog reported an error on that C# still lets us implement (partial, no body, partial
/// containing types): it gets an empty body, so the build's only errors are GenLog's own and not also
/// CS8795 ("partial method must have an implementation") beside each of them.
/// </summary>
/// <param name="Type">The containing types.</param>
/// <param name="Name">The method name, escaped with @ when it is a keyword.</param>
/// <param name="Modifiers">The declaration's modifiers, as written.</param>
/// <param name="TypeParameters">The type parameter list (<c>&lt;T&gt;</c>), or empty.</param>
/// <param name="Constraints">The constraint clauses (<c>where T : class</c>), which a partial implementation must repeat.</param>
/// <param name="ReturnType">The fully qualified return type, or <c>void</c>.</param>
/// <param name="Parameters">Every parameter, as the signature repeats it.</param>
/// <param name="OutParameters">The <c>out</c> parameters, which the body must assign.</param>
internal sealed record EmptyBody(TypeModel Type, string Name, string Modifiers, string TypeParameters, EquatableArray<string> Constraints, string ReturnType, EquatableArray<ParameterModel> Parameters, EquatableArray<string> OutParameters);
