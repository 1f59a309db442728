using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace GenLog.Interop.Tests.Support;

/// <summary>
/// A python3 receiver script running for the length of a test: it prints the port it listens on first,
/// then one line per record. Killed on dispose; <see cref="RestartAsync"/> starts it again on the same port.
/// </summary>
public sealed class PythonReceiver : IAsyncDisposable
{
    private readonly string[] _arguments;
    private readonly Dictionary<string, string> _environment;
    private readonly ConcurrentQueue<string> _lines = new();
    private Process? _process;

    private PythonReceiver(string[] arguments, Dictionary<string, string> environment)
    {
        _arguments = arguments;
        _environment = environment;
    }

    /// <summary>The loopback port it listens on.</summary>
    public int Port { get; private set; }

    /// <summary>Every line printed after the port, in order.</summary>
    public IReadOnlyList<string> Lines => _lines.ToArray();

    /// <summary>Starts <paramref name="script"/> (a path) with <paramref name="arguments"/>, and waits for its port.</summary>
    public static async Task<PythonReceiver> StartAsync(string script, IEnumerable<string> arguments, Dictionary<string, string>? environment = null)
    {
        var receiver = new PythonReceiver([script, .. arguments], environment ?? new());
        await receiver.LaunchAsync(extra: []);
        return receiver;
    }

    /// <summary>The JSON records printed so far (lines that parse as JSON objects).</summary>
    public IReadOnlyList<JsonElement> Records() =>
        Lines.Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l, new JsonDocumentOptions()).RootElement.Clone()).ToList();

    /// <summary>Waits until at least <paramref name="count"/> lines match <paramref name="match"/> (all lines when null).</summary>
    public async Task<IReadOnlyList<string>> WaitForLinesAsync(int count, TimeSpan timeout, Func<string, bool>? match = null)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var lines = Lines.Where(match ?? (_ => true)).ToList();
            if (lines.Count >= count)
            {
                return lines;
            }

            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"{lines.Count} of {count} lines after {timeout}. Output:\n{string.Join("\n", Lines.TakeLast(20))}");
            }

            await Task.Delay(20);
        }
    }

    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>Starts the script again, on the same port.</summary>
    public Task RestartAsync() => LaunchAsync(extra: ["--port", Port.ToString()]);

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
    }

    private async Task LaunchAsync(string[] extra)
    {
        _process?.Dispose();
        var start = new ProcessStartInfo(Peers.RequirePython())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in _arguments.Concat(extra))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in _environment)
        {
            start.Environment[name] = value;
        }

        start.Environment["PYTHONUNBUFFERED"] = "1";
        var process = Process.Start(start)!;
        _process = process;
        var port = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var errors = new ConcurrentQueue<string>();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                errors.Enqueue(e.Data);
            }
        };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            if (!port.Task.IsCompleted && int.TryParse(e.Data, out var number))
            {
                port.TrySetResult(number);
            }
            else
            {
                _lines.Enqueue(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(port.Task, exited, Task.Delay(TimeSpan.FromSeconds(15)));
        if (first != port.Task)
        {
            await KillAsync();
            throw new InvalidOperationException($"python {string.Join(' ', _arguments)} did not start: {string.Join("\n", errors)}");
        }

        Port = port.Task.Result;
    }
}
