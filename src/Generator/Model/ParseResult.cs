namespace GenLog.Generator.Model;

/// <summary>What one <c>[SyslogMessage]</c> method parsed into: the method to emit, or after an error the empty body it can still get (if any), and the diagnostics.</summary>
internal sealed record ParseResult(MethodModel? Method, EmptyBody? EmptyBody, EquatableArray<DiagnosticInfo> Diagnostics);
