using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;

namespace GenLog.Interop.Tests.Support;

/// <summary>
/// The real programs these tests compare GenLog with (README, "The two commands"). A missing peer fails the test when
/// GENLOG_REQUIRE_PEERS=1 (CI) and skips it with the reason otherwise: it never passes silently.
/// </summary>
public static class Peers
{
    private static readonly Lazy<string?> Python = new(() => ProcessRunner.FindOnPath("python3"));

    /// <summary>True when the environment demands every peer (CI).</summary>
    public static bool Required => Environment.GetEnvironmentVariable("GENLOG_REQUIRE_PEERS") == "1";

    /// <summary>The python3 executable; fails or skips the calling test when it is missing.</summary>
    public static string RequirePython()
    {
        Require(Python.Value is not null, "python3 is not on PATH (it is the CPython reference for encodePriority and SysLogHandler bytes)");
        return Python.Value!;
    }

    /// <summary>A C linker for Native AOT (the SDK calls gcc or clang).</summary>
    public static void RequireNativeLinker() =>
        Require(
            ProcessRunner.FindOnPath("clang") is not null || ProcessRunner.FindOnPath("gcc") is not null,
            "neither clang nor gcc is on PATH (Native AOT links with one of them)");

    /// <summary>Fails (peers required) or skips (not required) the calling test when <paramref name="present"/> is false.</summary>
    public static void Require(bool present, string reason)
    {
        if (present)
        {
            return;
        }

        if (Required)
        {
            Assert.Fail($"GENLOG_REQUIRE_PEERS=1 but {reason}.");
        }

        Skip.If(true, $"Skipped: {reason}. Set GENLOG_REQUIRE_PEERS=1 to make this a failure.");
    }

    /// <summary>Runs a python3 script given on the command line (<c>python3 -c</c>); UTF-8 in and out.</summary>
    public static Task<ProcessResult> RunPythonAsync(IEnumerable<string> arguments, string? standardInput = null, TimeSpan? timeout = null) =>
        ProcessRunner.RunAsync(
            RequirePython(),
            arguments,
            timeout ?? TimeSpan.FromSeconds(30),
            standardInput: standardInput,
            environment: new Dictionary<string, string?> { ["PYTHONIOENCODING"] = "utf-8", ["PYTHONUTF8"] = "1", ["PYTHONDONTWRITEBYTECODE"] = "1" });

    /// <summary>The folder of python scripts copied next to the test assembly.</summary>
    public static string ScriptPath(string name) => Path.Combine(AppContext.BaseDirectory, "python", name);
}
