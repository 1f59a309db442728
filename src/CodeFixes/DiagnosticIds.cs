namespace GenLog.CodeFixes;

/// <summary>The generator's diagnostic IDs these fixes answer (docs/diagnostics.md).</summary>
internal static class DiagnosticIds
{
    public const string MethodShape = "GENLOG001";
    public const string ContainingType = "GENLOG002";
    public const string UnknownPlaceholder = "GENLOG005";
    public const string UnusedParameter = "GENLOG006";
    public const string PriorityName = "GENLOG008";
    public const string MsgId = "GENLOG009";
    public const string SdId = "GENLOG010";
    public const string AppName = "GENLOG017";
}
