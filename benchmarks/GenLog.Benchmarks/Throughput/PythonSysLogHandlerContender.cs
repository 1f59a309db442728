using System;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.IO;

namespace GenLog.Benchmarks.Throughput;

/// <summary>
/// CPython's <c>logging.handlers.SysLogHandler</c> over UDP, run as a child process
/// (benchmarks/python/syslog_handler_rate.py PORT N). Its rate is the one the script measures around its own
/// sending loop (interpreter start-up excluded); the harness's receiver checks that every record arrived, in order.
/// </summary>
public sealed class PythonSysLogHandlerContender : IThroughputContender
{
    private const string ScriptPath = "benchmarks/python/syslog_handler_rate.py";

    private readonly string _script;

    private PythonSysLogHandlerContender(string script, string version)
    {
        _script = script;
        Name = $"CPython {version} logging.handlers.SysLogHandler (UDP)";
    }

    public string Name { get; }

    /// <summary>The contender, or why it cannot run here (no python3, no script).</summary>
    public static (PythonSysLogHandlerContender? Contender, string? Reason) Find()
    {
        var script = FindScript();
        if (script is null)
        {
            return (null, $"{ScriptPath} not found above {Directory.GetCurrentDirectory()} or {AppContext.BaseDirectory}");
        }

        try
        {
            var (exitCode, output, error) = RunPython("-c", "import platform; print(platform.python_version())");
            return exitCode == 0
                ? (new PythonSysLogHandlerContender(script, output.Trim()), null)
                : (null, $"python3 failed: {error.Trim()}");
        }
        catch (Win32Exception exception)
        {
            return (null, $"python3 could not be started: {exception.Message}");
        }
    }

    public Trial Run(int count)
    {
        using var receiver = new UdpSink(count);
        var (exitCode, output, error) = RunPython(_script, receiver.EndPoint.Port.ToString(CultureInfo.InvariantCulture), count.ToString(CultureInfo.InvariantCulture));
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"{_script} exited with {exitCode}: {error}");
        }

        // The script's first word is its rate in messages/s.
        var rate = double.Parse(output.AsSpan(0, output.IndexOf(' ', StringComparison.Ordinal)), CultureInfo.InvariantCulture);
        return new Trial(TimeSpan.FromSeconds(count / rate), receiver.Finish(Trial.Idle));
    }

    private static (int ExitCode, string Output, string Error) RunPython(params string[] arguments)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.GetAwaiter().GetResult());
    }

    private static string? FindScript()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, ScriptPath);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
