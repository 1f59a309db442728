namespace GenLog.Generator.Model;

/// <summary>What one <c>[SyslogMessage]</c> method parsed into: the method to emit (if any) and the diagnostics.</summary>
internal sealed record ParseResult(MethodModel? Method, EquatableArray<DiagnosticInfo> Diagnostics);
