using Microsoft.CodeAnalysis.Text;

namespace GenLog.Generator.Model;

/// <summary>A place in a source file, as values: the tree is found again by path when the diagnostic is reported.</summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan);

/// <summary>A diagnostic to report, as values (descriptor id and message arguments), so it can be cached.</summary>
internal sealed record DiagnosticInfo(string Id, LocationInfo? Location, EquatableArray<string> Arguments);
