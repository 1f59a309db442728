using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace GenLog.Interop.Tests.Chaos;

/// <summary>
/// Measures a writer's time to recover after its server was restarted: from the moment a socket listens on the
/// server's port again (read from /proc/net/tcp, so no probe connection reaches the server) to the moment the
/// server's records file grows (it was killed, so only the new process writes to it).
/// </summary>
/// <param name="Listening">From the start of the watch (just after the kill) to the server listening again.</param>
/// <param name="Recovered">From the server listening again to its first record.</param>
internal sealed record RecoveryWatch(TimeSpan Listening, TimeSpan Recovered)
{
    /// <summary>
    /// The longest <see cref="Recovered"/> a writer on <paramref name="policy"/> may take: it retries on the policy's
    /// schedule from the failure (InitialDelay, then ×Factor), a successful connect starting it over, so it reaches the
    /// server at the first retry after the server listens again — and is served once the server has finished starting
    /// (<paramref name="ready"/>, from the kill: a listening socket takes connections into its backlog before rsyslog
    /// reads them) — plus <paramref name="margin"/> for noticing the failure, one connect and the first record. A server
    /// back and ready within InitialDelay: at most InitialDelay + margin.
    /// </summary>
    public TimeSpan Bound(ReconnectPolicy policy, TimeSpan ready, TimeSpan margin)
    {
        var retry = TimeSpan.Zero;
        for (var failures = 1; retry < Listening; failures++)
        {
            retry += policy.Delay(failures);
        }

        return (retry > ready ? retry : ready) - Listening + margin;
    }

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(2);

    /// <summary>Starts watching right after the kill; the task ends when the first record arrives, or fails after <paramref name="timeout"/>.</summary>
    public static Task<RecoveryWatch> StartAsync(int port, string recordsPath, TimeSpan timeout)
    {
        var before = Length(recordsPath);
        return Task.Factory.StartNew(
            () =>
            {
                var clock = Stopwatch.StartNew();
                TimeSpan? listening = null;
                while (clock.Elapsed < timeout)
                {
                    listening ??= IsListening(port) ? clock.Elapsed : null;
                    if (listening is { } since && Length(recordsPath) > before)
                    {
                        return new RecoveryWatch(since, clock.Elapsed - since);
                    }

                    Thread.Sleep(Poll);
                }

                throw new TimeoutException(listening is null
                    ? $"Nothing listened on 127.0.0.1:{port} within {timeout.TotalSeconds:F0} s."
                    : $"127.0.0.1:{port} listened again after {listening.Value.TotalSeconds:F2} s, but no record arrived within {timeout.TotalSeconds:F0} s.");
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
    }

    private static long Length(string path)
    {
        var file = new FileInfo(path);
        return file.Exists ? file.Length : 0;
    }

    /// <summary>True when /proc/net/tcp has a socket in state LISTEN (0A) on 127.0.0.1:<paramref name="port"/>.</summary>
    private static bool IsListening(int port)
    {
        var local = "0100007F:" + port.ToString("X4", CultureInfo.InvariantCulture);
        foreach (var line in File.ReadLines("/proc/net/tcp"))
        {
            // "  sl  local_address rem_address   st ..."
            var fields = line.Split(' ', 5, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length >= 4 && fields[1] == local && fields[3] == "0A")
            {
                return true;
            }
        }

        return false;
    }
}
