using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using GenLog.Interop.Tests.Support;
using GenLog.TestSupport;

namespace GenLog.Interop.Tests;

/// <summary>
/// scripts/trx_totals.py, the totals line CI reads, on small TRX files (TrxSamples/): a crashed test host,
/// tests that never ran and skips under GENLOG_REQUIRE_PEERS=1 must count as failures, and the exit status must say so.
/// </summary>
public sealed class TotalsScriptTests
{
    [SkippableTheory]
    [InlineData(new[] { "passed.trx" }, false, "3 passed, 0 failed, 0 skipped", 0)]
    [InlineData(new[] { "one-failed.trx" }, false, "2 passed, 1 failed, 0 skipped", 1)]
    [InlineData(new[] { "one-skipped.trx" }, false, "2 passed, 0 failed, 1 skipped", 0)]
    [InlineData(new[] { "one-skipped.trx" }, true, "2 passed, 1 failed, 0 skipped", 1)]
    [InlineData(new[] { "crashed-midway.trx" }, false, "3 passed, 2 failed, 0 skipped", 1)]
    [InlineData(new[] { "crashed-unannounced.trx" }, false, "2 passed, 1 failed, 0 skipped", 1)]
    [InlineData(new[] { "truncated.trx" }, false, "0 passed, 1 failed, 0 skipped", 1)]
    [InlineData(new[] { "passed.trx", "one-skipped.trx", "crashed-midway.trx" }, false, "8 passed, 2 failed, 1 skipped", 1)]
    [InlineData(new string[0], false, "0 passed, 1 failed, 0 skipped", 1)]
    public async Task The_last_line_and_exit_status_count_every_test_that_did_not_pass(string[] samples, bool requirePeers, string expectedLine, int expectedExit)
    {
        using var folder = new TempDirectory("genlog-trx-");
        for (var i = 0; i < samples.Length; i++)
        {
            // One folder per project, as `dotnet test --results-directory` writes them.
            Directory.CreateDirectory(folder.Combine($"project{i}"));
            File.Copy(Path.Combine(RepositoryRoot.Path, "tests", "GenLog.Interop.Tests", "TrxSamples", samples[i]), folder.Combine($"project{i}", samples[i]));
        }

        var result = await ProcessRunner.RunAsync(
            Peers.RequirePython(),
            [Path.Combine(RepositoryRoot.Path, "scripts", "trx_totals.py"), folder.Path],
            System.TimeSpan.FromSeconds(30),
            environment: new Dictionary<string, string?> { ["GENLOG_REQUIRE_PEERS"] = requirePeers ? "1" : null, ["PYTHONDONTWRITEBYTECODE"] = "1" });

        var lines = result.StandardOutput.TrimEnd('\n').Split('\n');
        Assert.True(expectedLine == lines[^1] && expectedExit == result.ExitCode, result.Describe());
    }
}
