namespace GenLog.Generator.Tests;

public class HarnessTests
{
    [Fact]
    public void Generated_code_for_a_static_method_compiles_without_warnings()
    {
        var result = GeneratorHarness.Run("""
            using GenLog;
            namespace App;
            public static partial class Log
            {
                [SyslogMessage(SyslogSeverity.Warning, "Hello {Name}")]
                public static partial void Hello(SyslogWriter writer, string name);
            }
            """);
        Assert.Empty(result.Diagnostics);
        Assert.Empty(result.CompilationDiagnostics);
        Assert.Single(result.Sources);
    }
}
