using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace GenLog.Interop.Tests.Support;

/// <summary>
/// Runs the <c>dotnet</c> CLI the tests run under, isolated from the test host's MSBuild state, with no build
/// servers or reused nodes left behind when the command ends.
/// </summary>
public static class DotnetCli
{
    /// <summary>The folder that holds GenLog.sln.</summary>
    public static string RepositoryRoot => GenLog.TestSupport.RepositoryRoot.Path;

    /// <summary>The dotnet executable: the one running the tests when the CLI says so, else the one on PATH.</summary>
    public static string Executable
    {
        get
        {
            var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
            return !string.IsNullOrEmpty(host) && File.Exists(host) ? host : ProcessRunner.FindOnPath("dotnet") ?? "dotnet";
        }
    }

    /// <summary>
    /// Runs <c>dotnet ARGS</c>. Retried (up to three times) when another build held a file ("being used by
    /// another process"), which happens while a second build of the same projects runs on the machine.
    /// </summary>
    public static async Task<ProcessResult> RunAsync(IReadOnlyList<string> arguments, string workingDirectory, TimeSpan timeout)
    {
        ProcessResult result = null!;
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            result = await ProcessRunner.RunAsync(Executable, arguments, timeout, workingDirectory, environment: ChildEnvironment());
            var output = result.StandardOutput + result.StandardError;
            if (result.ExitCode == 0 || !output.Contains("being used by another process", StringComparison.OrdinalIgnoreCase))
            {
                return result;
            }

            await Task.Delay(TimeSpan.FromSeconds(2 * attempt));
        }

        return result;
    }

    /// <summary>Properties for a build that leaves no compiler server running and never reuses nodes.</summary>
    public static readonly string[] IsolatedBuild = ["-nodeReuse:false", "-p:UseSharedCompilation=false"];

    private static Dictionary<string, string?> ChildEnvironment()
    {
        var environment = new Dictionary<string, string?>
        {
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
            ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
            ["MSBUILDDISABLENODEREUSE"] = "1",
            ["MSBUILDTERMINALLOGGER"] = "off",
            ["UseSharedCompilation"] = "false",
        };

        // The test host may carry the outer build's MSBuild variables (SDK paths, node settings): drop them.
        foreach (DictionaryEntry variable in System.Environment.GetEnvironmentVariables())
        {
            var name = (string)variable.Key;
            if (name.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) && !environment.ContainsKey(name))
            {
                environment[name] = null;
            }
        }

        return environment;
    }

    /// <summary>The output lines that mention a warning, other than MSBuild's "0 Warning(s)" summary.</summary>
    public static string[] WarningLines(ProcessResult result) =>
        (result.StandardOutput + "\n" + result.StandardError)
            .Split('\n')
            .Select(line => line.TrimEnd('\r'))
            .Where(line => line.Contains("warning", StringComparison.OrdinalIgnoreCase))
            .Where(line => !System.Text.RegularExpressions.Regex.IsMatch(line, @"^\s*0 Warning\(s\)\s*$"))
            .ToArray();
}
