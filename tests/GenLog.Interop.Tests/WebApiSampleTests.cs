using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using GenLog.Interop.Tests.Support;

namespace GenLog.Interop.Tests;

/// <summary>
/// samples/WebApi started as a process, as a user runs it: its appsettings.json sends ASP.NET Core's own logs and
/// its [SyslogMessage] audit message to Logging:Syslog:Endpoint, here a real rsyslogd.
/// </summary>
[Collection(DotnetCliCollection.Name)]
public sealed class WebApiSampleTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [SkippableFact]
    public async Task One_request_brings_the_frameworks_request_log_lines_to_rsyslog()
    {
        RsyslogServer.RequireRsyslogd();
        await using var rsyslog = await RsyslogServer.StartAsync(new RsyslogOptions { Tcp = true });
        using var output = new TempDirectory("genlog-webapi-");
        var root = DotnetCli.RepositoryRoot;
        var build = await DotnetCli.RunAsync(
            ["build", Path.Combine(root, "samples", "WebApi", "WebApi.csproj"), "-c", "Release", "-o", output.Path, .. DotnetCli.IsolatedBuild],
            root,
            TimeSpan.FromMinutes(5));
        Assert.True(build.ExitCode == 0, build.Describe());

        var help = await ProcessRunner.RunAsync(DotnetCli.Executable, [Path.Combine(output.Path, "WebApi.dll"), "--help"], TimeSpan.FromSeconds(60), output.Path);
        Assert.True(help.ExitCode == 0, help.Describe());
        Assert.Contains("Logging:Syslog:Endpoint", help.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("imudp", help.StandardOutput, StringComparison.Ordinal);

        var start = new ProcessStartInfo(DotnetCli.Executable, [Path.Combine(output.Path, "WebApi.dll")])
        {
            WorkingDirectory = output.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__Syslog__Endpoint"] = $"tcp://127.0.0.1:{rsyslog.TcpPort}";
        using var process = Process.Start(start)!;
        var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var console = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            console.Enqueue(e.Data);
            if (Regex.Match(e.Data, @"Now listening on: (http://127\.0\.0\.1:\d+)") is { Success: true } match)
            {
                listening.TrySetResult(match.Groups[1].Value);
            }
        };
        process.ErrorDataReceived += (_, e) => console.Enqueue(e.Data ?? string.Empty);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var address = await listening.Task.WaitAsync(Wait);
            using var http = new HttpClient { BaseAddress = new Uri(address) };
            using var response = await http.PostAsync("/orders/42", content: null);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

            const string Diagnostics = "category=\"Microsoft.AspNetCore.Hosting.Diagnostics\"";
            var starting = await rsyslog.WaitForRecordAsync(r => r.MsgWithoutBom.StartsWith("Request starting", StringComparison.Ordinal), Wait, "Request starting");
            var finished = await rsyslog.WaitForRecordAsync(r => r.MsgWithoutBom.StartsWith("Request finished", StringComparison.Ordinal), Wait, "Request finished");
            var order = await rsyslog.WaitForRecordAsync(r => r.MsgId == "ORDER", Wait, "the ORDER message");

            Assert.True(Regex.IsMatch(starting.MsgWithoutBom, @"^Request starting HTTP/1\.1 POST http://127\.0\.0\.1:\d+/orders/42 - - 0$"), starting.ToString());
            Assert.True(Regex.IsMatch(finished.MsgWithoutBom, @"^Request finished HTTP/1\.1 POST http://127\.0\.0\.1:\d+/orders/42 - 202 0 - \d+(\.\d+)?ms$"), finished.ToString());
            foreach (var line in new[] { starting, finished })
            {
                Assert.Equal((16, 6, "webapi"), (line.Facility, line.Severity, line.AppName));
                Assert.Contains(Diagnostics, line.StructuredData, StringComparison.Ordinal);
                Assert.StartsWith("[webapi@32473 ", line.StructuredData, StringComparison.Ordinal);
                Assert.Contains("Method=\"POST\"", line.StructuredData, StringComparison.Ordinal);
            }

            Assert.Contains("StatusCode=\"202\"", finished.StructuredData, StringComparison.Ordinal);
            Assert.Equal((16, 5, "webapi", "[order@32473 OrderId=\"42\" Amount=\"19.90\"]", "Order 42 placed for 19.90 EUR"), (order.Facility, order.Severity, order.AppName, order.StructuredData, order.MsgWithoutBom));
        }
        catch (Exception) when (Dump(console) is var text && text.Length < 0)
        {
            throw;
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static string Dump(System.Collections.Generic.IEnumerable<string> console)
    {
        var text = string.Join('\n', console);
        Console.Error.WriteLine(text);
        return text;
    }
}
