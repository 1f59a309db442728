using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using GenLog.Generator.Diagnostics;
using GenLog.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GenLog.Generator.Parsing;

/// <summary>
/// Reads one <c>[SyslogMessage]</c> method into a <see cref="MethodModel"/> and every diagnostic it
/// deserves. Attribute arguments are read by constructor parameter name and type, never by position;
/// anything unexpected yields a diagnostic or nothing.
/// </summary>
internal sealed class MethodParser
{
    public const string MessageAttribute = "GenLog.SyslogMessageAttribute";
    private const string SourceAttribute = "GenLog.SyslogSourceAttribute";
    private const string WriterType = "GenLog.SyslogWriter";
    private const string SeverityType = "GenLog.SyslogSeverity";
    private const string FacilityType = "GenLog.SyslogFacility";

    /// <summary>RFC 5426 §3.2: every UDP receiver must accept 480-byte messages.</summary>
    private const int PortableMessageSize = 480;

    private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    private readonly IMethodSymbol _method;
    private readonly MethodDeclarationSyntax _syntax;
    private readonly AttributeData _attribute;
    private readonly Compilation _compilation;
    private readonly CancellationToken _cancellation;
    private readonly List<DiagnosticInfo> _diagnostics = new();
    private bool _hasError;
    private bool _templateMalformed;

    private MethodParser(IMethodSymbol method, MethodDeclarationSyntax syntax, AttributeData attribute, Compilation compilation, CancellationToken cancellation)
    {
        _method = method;
        _syntax = syntax;
        _attribute = attribute;
        _compilation = compilation;
        _cancellation = cancellation;
    }

    private enum Role
    {
        Value,
        Writer,
        Severity,
        Exception,
    }

    public static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellation)
    {
        if (context.TargetSymbol is not IMethodSymbol method || context.TargetNode is not MethodDeclarationSyntax syntax || context.Attributes.Length == 0)
        {
            return new ParseResult(null, default);
        }

        var parser = new MethodParser(method, syntax, context.Attributes[0], context.SemanticModel.Compilation, cancellation);
        var model = parser.Run();
        return new ParseResult(parser._hasError ? null : model, parser._diagnostics.ToEquatableArray());
    }

    private MethodModel? Run()
    {
        var constructor = _attribute.AttributeConstructor;
        if (constructor is null || _attribute.ConstructorArguments.Length != constructor.Parameters.Length)
        {
            // The attribute does not bind (half-typed code): the compiler already says why.
            return null;
        }

        if (!IsWellFormed())
        {
            // Half-typed code: the compiler already reports it, and code generated from it would only add errors.
            return null;
        }

        if (!CheckShape())
        {
            return null;
        }

        var arguments = ReadConstructorArguments(constructor);
        if (arguments is null)
        {
            return null;
        }

        var source = _method.ContainingType.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == SourceAttribute);
        var (severity, facility) = ReadPriority(arguments, source);
        var msgId = ReadNamed(_attribute, "MsgId");
        var sdId = ReadNamed(_attribute, "SdId") ?? (source is null ? null : ReadNamed(source, "SdId"));
        var appName = source is null ? null : ReadNamed(source, "AppName");
        CheckMsgId(msgId);
        CheckSdId(sdId, ReadNamed(_attribute, "SdId") is null ? source : _attribute);
        CheckAppName(appName, source);

        var roles = _method.Parameters.Select(ClassifyRole).ToArray();
        CheckLoggableTypes(roles);
        var writer = FindWriter(roles);
        var severityParameter = CheckSeverity(roles, severity is not null);

        arguments.TryGetValue("message", out var messageArgument);
        if (messageArgument.Value.Value is not string template)
        {
            Report(Descriptors.MalformedTemplate, LocationOfArgument("message"), "the template is null");
            return null;
        }

        var parameters = _method.Parameters.Select((p, i) => ModelParameter(p, roles[i])).ToArray();
        var segments = BindTemplate(template, messageArgument.Syntax, parameters);
        var structured = sdId is null ? Array.Empty<StructuredParameter>() : StructuredParameters(segments, parameters, roles);
        if (!_templateMalformed)
        {
            // A malformed placeholder may name a parameter: do not also call that parameter unused.
            CheckUnsent(segments, roles, sdId is not null);
        }

        CheckToString(segments, structured, parameters);
        CheckConstantSize(segments, msgId, sdId, structured, messageArgument.Syntax);

        if (writer is null || _hasError)
        {
            return null;
        }

        // A parameter the template does not name and SD does not carry is never formatted.
        var sent = new HashSet<int>(segments.Where(s => s.Parameter >= 0).Select(s => s.Parameter).Concat(structured.Select(s => s.Parameter)));
        for (var i = 0; i < parameters.Length; i++)
        {
            // Python records carry every parameter but the writer, and an exception only when the template names it.
            var python = roles[i] == Role.Exception && !segments.Any(s => s.Parameter == i) ? PythonKind.None : parameters[i].Python;
            parameters[i] = parameters[i] with { Kind = sent.Contains(i) || python != PythonKind.None ? parameters[i].Kind : ValueKind.None, Python = python };
        }

        return new MethodModel(
            TypeOf(_method.ContainingType),
            EscapeIdentifier(_method.Name),
            _syntax.Modifiers.ToString(),
            parameters.ToEquatableArray(),
            writer,
            severityParameter,
            severity,
            facility,
            appName,
            msgId,
            sdId,
            segments.ToEquatableArray(),
            structured.ToEquatableArray(),
            template,
            HasDocumentation(_syntax),
            new PythonSource(
                appName ?? _method.ContainingType.ToDisplayString(),
                _syntax.SyntaxTree.FilePath,
                _syntax.Identifier.GetLocation().GetLineSpan().StartLinePosition.Line + 1));
    }

    private bool IsWellFormed()
    {
        if (_syntax.ContainsDiagnostics || _method.Name.Length == 0 || (!_method.IsStatic && _method.ContainingType.IsStatic))
        {
            return false;
        }

        for (var ns = _method.ContainingNamespace; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
        {
            if (ns.Name.Length == 0)
            {
                return false;
            }
        }

        for (var type = _method.ContainingType; type is not null; type = type.ContainingType)
        {
            if (type.Name.Length == 0)
            {
                return false;
            }
        }

        return _method.Parameters.All(p => p.Name.Length > 0 && !IsErroneous(p.Type));
    }

    private static bool IsErroneous(ITypeSymbol type) => type switch
    {
        { TypeKind: TypeKind.Error } => true,
        IArrayTypeSymbol array => IsErroneous(array.ElementType),
        IPointerTypeSymbol pointer => IsErroneous(pointer.PointedAtType),
        INamedTypeSymbol named => named.TypeArguments.Any(IsErroneous),
        _ => false,
    };

    private bool CheckShape()
    {
        var name = _method.Name;
        var location = SourceLocator.From(_syntax.Identifier.GetLocation());
        if (!_syntax.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            Report(Descriptors.NotPartialVoid, location, name, "is not 'partial'");
        }
        else if (_syntax.Body is not null || _syntax.ExpressionBody is not null || _method.PartialImplementationPart is not null)
        {
            Report(Descriptors.NotPartialVoid, location, name, "already has a body");
        }
        else if (!_method.ReturnsVoid)
        {
            Report(Descriptors.NotPartialVoid, SourceLocator.From(_syntax.ReturnType), name, "does not return 'void'");
        }

        if (_method.IsGenericMethod)
        {
            Report(Descriptors.GenericOrNonPartialType, SourceLocator.From((SyntaxNode?)_syntax.TypeParameterList ?? _syntax), $"Method '{name}' is generic; a [SyslogMessage] method cannot have type parameters");
        }

        for (var parent = _syntax.Parent as TypeDeclarationSyntax; parent is not null; parent = parent.Parent as TypeDeclarationSyntax)
        {
            if (!parent.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                Report(Descriptors.GenericOrNonPartialType, SourceLocator.From(parent.Identifier.GetLocation()), $"Type '{parent.Identifier.ValueText}' must be 'partial' to hold the generated body of '{name}'");
            }
        }

        for (var type = _method.ContainingType; type is not null; type = type.ContainingType)
        {
            if (type.IsFileLocal)
            {
                Report(Descriptors.GenericOrNonPartialType, SourceLocator.From(_syntax.Identifier.GetLocation()), $"Type '{type.Name}' is file-local, so the generated body of '{name}' cannot be added to it from another file; make the type internal");
            }
        }

        if (_syntax.Parent is not TypeDeclarationSyntax)
        {
            return false;
        }

        foreach (var parameter in _method.Parameters)
        {
            var kind = parameter.IsParams ? "params" : parameter.RefKind switch
            {
                RefKind.Ref => "ref",
                RefKind.Out => "out",
                _ => null,
            };
            if (kind is not null)
            {
                Report(Descriptors.RefParameter, LocationOf(parameter), parameter.Name, kind);
            }
        }

        return !_hasError;
    }

    private Dictionary<string, (TypedConstant Value, ExpressionSyntax? Syntax)>? ReadConstructorArguments(IMethodSymbol constructor)
    {
        var result = new Dictionary<string, (TypedConstant, ExpressionSyntax?)>(StringComparer.Ordinal);
        for (var i = 0; i < constructor.Parameters.Length; i++)
        {
            var value = _attribute.ConstructorArguments[i];
            if (value.Kind == TypedConstantKind.Error)
            {
                return null;
            }

            var name = constructor.Parameters[i].Name;
            result[name] = (value, ArgumentSyntax(name, i));
        }

        return result;
    }

    private (int? Severity, int? Facility) ReadPriority(Dictionary<string, (TypedConstant Value, ExpressionSyntax? Syntax)> arguments, AttributeData? source)
    {
        int? severity = null;
        int? facility = null;
        if (arguments.TryGetValue("severity", out var s))
        {
            severity = ReadCode(s.Value, s.Syntax, SyslogNames.Severities, SyslogNames.MaxSeverity, "severity");
        }

        if (arguments.TryGetValue("facility", out var f))
        {
            facility = ReadCode(f.Value, f.Syntax, SyslogNames.Facilities, SyslogNames.MaxFacility, "facility");
        }
        else if (source?.AttributeConstructor is { } sourceConstructor)
        {
            for (var i = 0; i < sourceConstructor.Parameters.Length && i < source.ConstructorArguments.Length; i++)
            {
                if (sourceConstructor.Parameters[i].Name == "facility" && source.ConstructorArguments[i].Kind != TypedConstantKind.Error)
                {
                    var syntax = (source.ApplicationSyntaxReference?.GetSyntax(_cancellation) as AttributeSyntax)?.ArgumentList?.Arguments.ElementAtOrDefault(i)?.Expression;
                    facility = ReadCode(source.ConstructorArguments[i], syntax, SyslogNames.Facilities, SyslogNames.MaxFacility, "facility");
                }
            }
        }

        return (severity, facility);
    }

    /// <summary>An enum, int or CPython name resolved to its code, or a GENLOG008 at the argument.</summary>
    private int? ReadCode(TypedConstant value, ExpressionSyntax? syntax, (string Name, int Code)[] names, int max, string what)
    {
        var location = SourceLocator.From(syntax);
        switch (value.Value)
        {
            case string name:
                var code = SyslogNames.Find(names, name.AsSpan());
                if (code < 0)
                {
                    Report(Descriptors.BadPriority, location, $"Unknown syslog {what} name \"{name}\"; valid names: {SyslogNames.List(names)}");
                    return null;
                }

                return code;
            case int number when number >= 0 && number <= max:
                return number;
            case int number:
                Report(Descriptors.BadPriority, location, $"Syslog {what} {number} is out of range; a {what} is 0 to {max}");
                return null;
            default:
                Report(Descriptors.BadPriority, location, $"The syslog {what} must be a constant");
                return null;
        }
    }

    private void CheckMsgId(string? msgId)
    {
        if (msgId is not null && (msgId.Length is 0 or > 32 || !msgId.All(IsPrintableAscii)))
        {
            Report(Descriptors.BadMsgId, LocationOfNamed(_attribute, "MsgId"), msgId);
        }
    }

    private void CheckSdId(string? sdId, AttributeData? owner)
    {
        if (sdId is null)
        {
            return;
        }

        var problem = sdId.Length is 0 or > 32 ? "it must be 1 to 32 characters"
            : !sdId.All(IsSdNameChar) ? "it may hold only printable US-ASCII characters other than '=', ' ', ']' and '\"'"
            : sdId.IndexOf('@') is var at && at <= 0 ? "a private SD-ID is name@enterprise-number, e.g. \"auth@32473\""
            : !IsEnterpriseNumber(sdId.Substring(at + 1)) ? "the part after '@' must be an enterprise number, e.g. 32473"
            : null;
        if (problem is not null)
        {
            Report(Descriptors.BadSdId, owner is null ? null : LocationOfNamed(owner, "SdId"), sdId, problem);
        }
    }

    private void CheckAppName(string? appName, AttributeData? source)
    {
        if (appName is not null && (appName.Length is 0 or > 48 || !appName.All(IsPrintableAscii)))
        {
            Report(Descriptors.BadAppName, source is null ? null : LocationOfNamed(source, "AppName"), appName);
        }
    }

    private Role ClassifyRole(IParameterSymbol parameter)
    {
        var type = parameter.Type;
        if (type.ToDisplayString() == WriterType)
        {
            return Role.Writer;
        }

        if (type.ToDisplayString() == SeverityType)
        {
            return Role.Severity;
        }

        var exception = _compilation.GetTypeByMetadataName("System.Exception");
        for (var t = type as INamedTypeSymbol; t is not null; t = t.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(t, exception))
            {
                return Role.Exception;
            }
        }

        return Role.Value;
    }

    /// <summary>The expression that reaches the method's one SyslogWriter, or null after GENLOG003/004.</summary>
    private string? FindWriter(Role[] roles)
    {
        var writerParameters = _method.Parameters.Where((_, i) => roles[i] == Role.Writer).ToArray();
        if (writerParameters.Length > 1)
        {
            Report(Descriptors.SeveralWriters, LocationOf(writerParameters[1]), _method.Name, string.Join(", ", writerParameters.Select(p => p.Name)));
            return null;
        }

        if (writerParameters.Length == 1)
        {
            return EscapeIdentifier(writerParameters[0].Name);
        }

        var identifier = SourceLocator.From(_syntax.Identifier.GetLocation());
        if (_method.IsStatic)
        {
            Report(Descriptors.NoWriter, identifier, _method.Name);
            return null;
        }

        var candidates = new List<string>();
        var type = _method.ContainingType;
        var members = type.GetMembers().Concat(BaseTypes(type).SelectMany(b => b.GetMembers()).Where(m => m.DeclaredAccessibility != Accessibility.Private && _compilation.IsSymbolAccessibleWithin(m, type)));
        foreach (var member in members)
        {
            var memberType = member switch
            {
                IFieldSymbol { IsImplicitlyDeclared: false } field => field.Type,
                IPropertySymbol property => property.Type,
                _ => null,
            };
            if (memberType?.ToDisplayString() == WriterType)
            {
                // Qualified, so that a parameter of the same name cannot hide it.
                candidates.Add((member.IsStatic ? member.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + "." : "this.") + EscapeIdentifier(member.Name));
            }
        }

        // Primary-constructor parameters (a record's also became properties, found above).
        foreach (var constructor in type.InstanceConstructors)
        {
            if (!constructor.DeclaringSyntaxReferences.Any(r => r.GetSyntax(_cancellation) is TypeDeclarationSyntax))
            {
                continue;
            }

            foreach (var parameter in constructor.Parameters)
            {
                var name = EscapeIdentifier(parameter.Name);
                if (parameter.Name.Length > 0 && parameter.Type.ToDisplayString() == WriterType && !candidates.Contains("this." + name))
                {
                    candidates.Add(name);
                }
            }
        }

        if (candidates.Count == 0)
        {
            Report(Descriptors.NoWriter, identifier, _method.Name);
            return null;
        }

        if (candidates.Count > 1)
        {
            Report(Descriptors.SeveralWriters, identifier, _method.Name, string.Join(", ", candidates.Select(c => c.Replace("this.", string.Empty))));
            return null;
        }

        // A primary-constructor parameter can only be reached by its name, which a method parameter may hide.
        var hiding = _method.Parameters.FirstOrDefault(p => EscapeIdentifier(p.Name) == candidates[0]);
        if (hiding is not null)
        {
            Report(Descriptors.WriterHidden, LocationOf(hiding), hiding.Name);
            return null;
        }

        return candidates[0];
    }

    private static IEnumerable<INamedTypeSymbol> BaseTypes(INamedTypeSymbol type)
    {
        for (var b = type.BaseType; b is not null && b.SpecialType != SpecialType.System_Object; b = b.BaseType)
        {
            yield return b;
        }
    }

    private string? CheckSeverity(Role[] roles, bool onAttribute)
    {
        var parameters = _method.Parameters.Where((_, i) => roles[i] == Role.Severity).ToArray();
        if (onAttribute && parameters.Length > 0)
        {
            Report(Descriptors.SeverityCount, LocationOf(parameters[0]), $"The severity is given twice: on [SyslogMessage] and by parameter '{parameters[0].Name}'; keep one");
        }
        else if (!onAttribute && parameters.Length == 0)
        {
            Report(Descriptors.SeverityCount, SourceLocator.From(_attribute.ApplicationSyntaxReference?.GetSyntax(_cancellation)), $"Method '{_method.Name}' has no severity: give one on [SyslogMessage] or add a GenLog.SyslogSeverity parameter");
        }
        else if (parameters.Length > 1)
        {
            Report(Descriptors.SeverityCount, LocationOf(parameters[1]), $"Method '{_method.Name}' has more than one SyslogSeverity parameter; keep one");
        }

        return parameters.Length == 1 && !onAttribute ? EscapeIdentifier(parameters[0].Name) : null;
    }

    /// <summary>GENLOG021: types the generated code cannot hand to a formatter (ref structs but char spans, pointers, dynamic).</summary>
    private void CheckLoggableTypes(Role[] roles)
    {
        for (var i = 0; i < roles.Length; i++)
        {
            var type = _method.Parameters[i].Type;
            var reason = type.TypeKind switch
            {
                TypeKind.Pointer or TypeKind.FunctionPointer => "a pointer has no text",
                TypeKind.Dynamic => "a dynamic value is only known at run time, through reflection",
                _ when type.IsRefLikeType && ValueKindOf(type) != ValueKind.Chars => "a ref struct other than ReadOnlySpan<char> or Span<char> cannot be passed to a formatter",
                _ => null,
            };
            if (roles[i] == Role.Value && reason is not null)
            {
                Report(Descriptors.UnloggableType, LocationOf(_method.Parameters[i]), _method.Parameters[i].Name, type.ToDisplayString(), reason);
            }
        }
    }

    private ParameterModel ModelParameter(IParameterSymbol parameter, Role role)
    {
        var prefix = new StringBuilder();
        if (parameter.ScopedKind != ScopedKind.None)
        {
            prefix.Append("scoped ");
        }

        if (_method.IsExtensionMethod && parameter.Ordinal == 0)
        {
            prefix.Append("this ");
        }

        prefix.Append(parameter.RefKind switch
        {
            RefKind.In => "in ",
            RefKind.RefReadOnlyParameter => "ref readonly ",
            _ => string.Empty,
        });

        var type = parameter.Type;
        var nullableValue = false;
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            type = nullable.TypeArguments[0];
            nullableValue = true;
        }

        var kind = role switch
        {
            Role.Writer => ValueKind.None,
            Role.Exception => ValueKind.Exception,
            Role.Severity => ValueKind.Enum,
            _ => ValueKindOf(type),
        };
        var python = role switch
        {
            Role.Writer => PythonKind.None,
            Role.Exception or Role.Severity => PythonKind.Str,
            _ => PythonKindOf(type),
        };
        var key = ReservedRecordKeys.Contains(parameter.Name) ? "param_" + parameter.Name : parameter.Name;
        return new ParameterModel(EscapeIdentifier(parameter.Name), prefix.ToString(), parameter.Type.ToDisplayString(TypeFormat), kind, nullableValue, python, key, parameter.Type.IsReferenceType);
    }

    /// <summary>Python's native value for a .NET type: int, float, bool, or str for everything else.</summary>
    private static PythonKind PythonKindOf(ITypeSymbol type)
    {
        switch (type.SpecialType)
        {
            case SpecialType.System_SByte or SpecialType.System_Byte or SpecialType.System_Int16 or SpecialType.System_UInt16
                or SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_IntPtr:
                return PythonKind.Integer;
            case SpecialType.System_UInt64 or SpecialType.System_UIntPtr:
                return PythonKind.UnsignedInteger;
            case SpecialType.System_Single or SpecialType.System_Double:
                return PythonKind.Float;
            case SpecialType.System_Boolean:
                return PythonKind.Boolean;
        }

        return type.ToDisplayString() switch
        {
            "System.Int128" => PythonKind.Int128,
            "System.UInt128" => PythonKind.UInt128,
            "System.Numerics.BigInteger" => PythonKind.BigInteger,
            "System.Half" => PythonKind.Float,
            _ => PythonKind.Str,
        };
    }

    /// <summary>LogRecord attributes (and GenLog's own keys): a parameter of that name is sent as param_NAME so it cannot overwrite them.</summary>
    private static readonly HashSet<string> ReservedRecordKeys = new(StringComparer.Ordinal)
    {
        "name", "msg", "args", "levelname", "levelno", "pathname", "filename", "module", "exc_info", "exc_text",
        "stack_info", "lineno", "funcName", "created", "msecs", "relativeCreated", "thread", "threadName",
        "processName", "process", "taskName", "message", "asctime", "syslog_severity", "syslog_facility", "msgid", "sd_id",
    };

    private ValueKind ValueKindOf(ITypeSymbol type)
    {
        if (type.SpecialType == SpecialType.System_String)
        {
            return ValueKind.String;
        }

        if (type.SpecialType == SpecialType.System_Boolean)
        {
            return ValueKind.Boolean;
        }

        if (type.SpecialType == SpecialType.System_Char)
        {
            // Not char's own TryFormat: a lone surrogate must become U+FFFD, not a formatting error.
            return ValueKind.Char;
        }

        if (type is INamedTypeSymbol { IsGenericType: true } span
            && span.OriginalDefinition.ToDisplayString() is "System.ReadOnlySpan<T>" or "System.Span<T>"
            && span.TypeArguments[0].SpecialType == SpecialType.System_Char)
        {
            return ValueKind.Chars;
        }

        if (type.TypeKind == TypeKind.Enum)
        {
            return ValueKind.Enum;
        }

        var interfaces = type is ITypeParameterSymbol typeParameter
            ? typeParameter.ConstraintTypes.SelectMany(c => c.TypeKind == TypeKind.Interface ? c.AllInterfaces.Add((INamedTypeSymbol)c) : c.AllInterfaces)
            : type.AllInterfaces;
        var names = new HashSet<string>(interfaces.Select(i => i.ToDisplayString()));
        return names.Contains("System.IUtf8SpanFormattable") ? ValueKind.Utf8Formattable
            : names.Contains("System.ISpanFormattable") ? ValueKind.SpanFormattable
            : ValueKind.ToString;
    }

    private List<TemplateSegment> BindTemplate(string template, ExpressionSyntax? syntax, ParameterModel[] parameters)
    {
        var (parts, errors) = TemplateParser.Parse(template);
        _templateMalformed = errors.Count > 0;
        foreach (var error in errors)
        {
            Report(Descriptors.MalformedTemplate, SourceLocator.InTemplate(syntax, error.Start, error.Length), error.Message);
        }

        var segments = new List<TemplateSegment>();
        var seen = new Dictionary<string, (string Name, int Parameter)>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in parts)
        {
            if (!part.IsPlaceholder)
            {
                CheckControlCharacters(part, template, syntax);
                segments.Add(new TemplateSegment(part.Text, -1, null, null));
                continue;
            }

            var name = part.Text.TrimStart('@');
            var index = FindParameter(name, parameters, StringComparison.Ordinal);
            if (index < 0)
            {
                index = FindParameter(name, parameters, StringComparison.OrdinalIgnoreCase);
            }

            var location = SourceLocator.InTemplate(syntax, part.Start, part.Length);
            if (index < 0)
            {
                Report(Descriptors.UnknownPlaceholder, location, name);
                continue;
            }

            if (seen.TryGetValue(name, out var earlier) && earlier.Name != name && earlier.Parameter != index)
            {
                Report(Descriptors.CaseOnlyPlaceholders, location, earlier.Name, name);
            }
            else if (!seen.ContainsKey(name))
            {
                seen[name] = (name, index);
            }

            segments.Add(new TemplateSegment(name, index, part.Format, part.Alignment));
        }

        return segments;
    }

    /// <summary>The parameter a placeholder binds to: any but the writer.</summary>
    private int FindParameter(string name, ParameterModel[] parameters, StringComparison comparison)
    {
        for (var i = 0; i < parameters.Length; i++)
        {
            if (parameters[i].Kind != ValueKind.None && string.Equals(_method.Parameters[i].Name, name, comparison))
            {
                return i;
            }
        }

        return -1;
    }

    private void CheckControlCharacters(TemplateParser.Part part, string template, ExpressionSyntax? syntax)
    {
        // Walk the template beside the unescaped text: '{{' and '}}' are two template characters for one.
        var position = part.Start;
        foreach (var c in part.Text)
        {
            if ((c < ' ' && c != '\t') || c == '\u007f')
            {
                Report(Descriptors.ControlInTemplate, SourceLocator.InTemplate(syntax, position, 1), ((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
                return;
            }

            position += c is '{' or '}' && position + 1 < template.Length && template[position + 1] == c ? 2 : 1;
        }
    }

    private StructuredParameter[] StructuredParameters(List<TemplateSegment> segments, ParameterModel[] parameters, Role[] roles)
    {
        var result = new List<StructuredParameter>();
        for (var i = 0; i < parameters.Length; i++)
        {
            var placeholder = segments.FirstOrDefault(s => s.Parameter == i);

            // Everything bound goes to SD; the writer never, the severity and an exception only when the template names them.
            if (roles[i] == Role.Writer || (roles[i] is Role.Severity or Role.Exception && placeholder is null))
            {
                continue;
            }

            var name = placeholder?.Text ?? _method.Parameters[i].Name;
            if (name.Length is 0 or > 32 || !name.All(IsSdNameChar))
            {
                Report(Descriptors.BadParamName, LocationOf(_method.Parameters[i]), name);
                continue;
            }

            result.Add(new StructuredParameter(name, i, placeholder?.Format));
        }

        return result.ToArray();
    }

    private void CheckUnsent(List<TemplateSegment> segments, Role[] roles, bool hasSdId)
    {
        for (var i = 0; i < roles.Length; i++)
        {
            if (segments.Any(s => s.Parameter == i))
            {
                continue;
            }

            if (roles[i] == Role.Exception)
            {
                Report(Descriptors.ExceptionNotSent, LocationOf(_method.Parameters[i]), _method.Parameters[i].Name);
            }
            else if (roles[i] == Role.Value && !hasSdId)
            {
                Report(Descriptors.UnusedParameter, LocationOf(_method.Parameters[i]), _method.Parameters[i].Name);
            }
        }
    }

    private void CheckToString(List<TemplateSegment> segments, StructuredParameter[] structured, ParameterModel[] parameters)
    {
        for (var i = 0; i < parameters.Length; i++)
        {
            if (parameters[i].Kind == ValueKind.ToString && (segments.Any(s => s.Parameter == i) || structured.Any(s => s.Parameter == i)))
            {
                Report(Descriptors.FormattedByToString, LocationOf(_method.Parameters[i]), _method.Parameters[i].Name, _method.Parameters[i].Type.ToDisplayString());
            }
        }
    }

    private void CheckConstantSize(List<TemplateSegment> segments, string? msgId, string? sdId, StructuredParameter[] structured, ExpressionSyntax? syntax)
    {
        // The bytes fixed at compile time: template text, MSGID, and SD-ID with its PARAM-NAMEs and punctuation.
        var size = segments.Where(s => s.Parameter < 0).Sum(s => Encoding.UTF8.GetByteCount(s.Text))
            + (msgId?.Length ?? 0)
            + (sdId is null ? 0 : sdId.Length + 2 + structured.Sum(s => s.Name.Length + 4));
        if (size > PortableMessageSize)
        {
            Report(Descriptors.ConstantTooLong, SourceLocator.From(syntax), size);
        }
    }

    private ExpressionSyntax? ArgumentSyntax(string parameterName, int position)
    {
        if (_attribute.ApplicationSyntaxReference?.GetSyntax(_cancellation) is not AttributeSyntax { ArgumentList: { } list })
        {
            return null;
        }

        var positional = 0;
        foreach (var argument in list.Arguments)
        {
            if (argument.NameEquals is not null)
            {
                continue;
            }

            if (argument.NameColon is not null ? argument.NameColon.Name.Identifier.ValueText == parameterName : positional == position)
            {
                return argument.Expression;
            }

            positional++;
        }

        return null;
    }

    private Location? LocationOfArgument(string parameterName)
    {
        var index = _attribute.AttributeConstructor!.Parameters.IndexOf(_attribute.AttributeConstructor.Parameters.FirstOrDefault(p => p.Name == parameterName)!);
        return SourceLocator.From((SyntaxNode?)ArgumentSyntax(parameterName, index) ?? _attribute.ApplicationSyntaxReference?.GetSyntax(_cancellation));
    }

    private Location? LocationOfNamed(AttributeData attribute, string property)
    {
        var syntax = attribute.ApplicationSyntaxReference?.GetSyntax(_cancellation) as AttributeSyntax;
        var argument = syntax?.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == property);
        return SourceLocator.From((SyntaxNode?)argument?.Expression ?? syntax);
    }

    private Location? LocationOf(IParameterSymbol parameter) =>
        SourceLocator.From(_syntax.ParameterList.Parameters.ElementAtOrDefault(parameter.Ordinal) ?? (SyntaxNode)_syntax);

    private void Report(DiagnosticDescriptor descriptor, Location? location, params object[] arguments)
    {
        _hasError |= descriptor.DefaultSeverity == DiagnosticSeverity.Error;
        _diagnostics.Add(new DiagnosticInfo(descriptor.Id, location ?? SourceLocator.From(_syntax.Identifier.GetLocation()), arguments.Select(a => Convert.ToString(a, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty).ToEquatableArray()));
    }

    private static string? ReadNamed(AttributeData attribute, string name)
    {
        foreach (var pair in attribute.NamedArguments)
        {
            if (pair.Key == name && pair.Value.Kind != TypedConstantKind.Error)
            {
                return pair.Value.Value as string;
            }
        }

        return null;
    }

    private static TypeModel TypeOf(INamedTypeSymbol type)
    {
        var chain = new List<ContainingType>();
        for (var t = type; t is not null; t = t.ContainingType)
        {
            var keyword = t.TypeKind switch
            {
                TypeKind.Struct when t.IsRecord => "record struct",
                TypeKind.Struct => "struct",
                TypeKind.Interface => "interface",
                _ when t.IsRecord => "record",
                _ => "class",
            };
            var name = t.TypeParameters.Length == 0 ? t.Name : $"{t.Name}<{string.Join(", ", t.TypeParameters.Select(TypeParameter))}>";
            // Modifiers that go before 'partial': C# wants 'readonly ref partial struct'.
            var isUnsafe = t.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is TypeDeclarationSyntax d && d.Modifiers.Any(SyntaxKind.UnsafeKeyword));
            var modifiers = (t.IsStatic ? "static " : string.Empty) + (isUnsafe ? "unsafe " : string.Empty) + (t.IsReadOnly ? "readonly " : string.Empty) + (t.IsRefLikeType ? "ref " : string.Empty);
            chain.Insert(0, new ContainingType(keyword, EscapeIdentifier(name), modifiers, t.MetadataName));
        }

        var ns = type.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() : string.Empty;
        return new TypeModel(ns, chain.ToEquatableArray());
    }

    /// <summary>A type parameter as the partial declaration must repeat it: with its variance on interfaces.</summary>
    private static string TypeParameter(ITypeParameterSymbol parameter) => parameter.Variance switch
    {
        VarianceKind.Out => "out " + EscapeIdentifier(parameter.Name),
        VarianceKind.In => "in " + EscapeIdentifier(parameter.Name),
        _ => EscapeIdentifier(parameter.Name),
    };

    private static bool HasDocumentation(MethodDeclarationSyntax syntax) =>
        syntax.GetLeadingTrivia().Any(t => t.IsKind(SyntaxKind.SingleLineDocumentationCommentTrivia)
            || t.IsKind(SyntaxKind.MultiLineDocumentationCommentTrivia)
            || t.ToString().StartsWith("///", StringComparison.Ordinal));

    private static string EscapeIdentifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) is SyntaxKind.ScopedKeyword
            ? "@" + name
            : name;

    private static bool IsPrintableAscii(char c) => c is >= '!' and <= '~';

    private static bool IsSdNameChar(char c) => IsPrintableAscii(c) && c is not '=' and not ']' and not '"';

    private static bool IsEnterpriseNumber(string text) =>
        text.Length > 0 && char.IsDigit(text[0]) && text.All(c => c is >= '0' and <= '9' or '.') && !text.EndsWith(".", StringComparison.Ordinal);
}
