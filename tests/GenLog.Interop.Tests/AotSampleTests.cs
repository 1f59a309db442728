using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using GenLog.Interop.Tests.Support;

namespace GenLog.Interop.Tests;

/// <summary>
/// samples/AotSample published as Native AOT (README: "safe for trimming and Native AOT"): the publish shows
/// no warning at all, the output is a native executable, and what it sends is right.
/// </summary>
[Collection(DotnetCliCollection.Name)]
public sealed class AotSampleTests
{
    // RFC 5424 §6 with the sample's fields: PRI VERSION TIMESTAMP HOSTNAME APP-NAME PROCID MSGID SD BOM MSG.
    private static readonly Regex Line = new(
        @"^<(?<pri>\d{1,3})>1 (?<ts>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z) (?<host>[!-~]{1,255}) (?<app>[!-~]{1,48}) (?<procid>[!-~]{1,128}) (?<msgid>[!-~]{1,32}) (?<sd>-|\[[^\]]*\]) \uFEFF(?<msg>.*)$",
        RegexOptions.CultureInvariant);

    [SkippableFact]
    public async Task Native_AOT_publish_has_no_warnings_and_the_executable_sends_every_message()
    {
        // The sample is published for linux-x64, the machines this project runs on.
        Peers.Require(OperatingSystem.IsLinux() && RuntimeInformation.OSArchitecture == Architecture.X64, "Native AOT for linux-x64 runs only on a linux-x64 machine");
        Peers.RequireNativeLinker();
        var root = DotnetCli.RepositoryRoot;
        var project = Path.Combine(root, "samples", "AotSample", "AotSample.csproj");

        // Compile and run ILC afresh, so their warnings are printed (an up-to-date build prints none).
        var intermediate = Path.Combine(root, "samples", "AotSample", "obj", "Release", "net10.0", "linux-x64");
        if (Directory.Exists(intermediate))
        {
            Directory.Delete(intermediate, recursive: true);
        }

        using var output = new TempDirectory("genlog-aot-");
        var publish = await DotnetCli.RunAsync(
            ["publish", project, "-c", "Release", "-r", "linux-x64", "-o", output.Path, .. DotnetCli.IsolatedBuild],
            root,
            TimeSpan.FromMinutes(8));
        Assert.True(publish.ExitCode == 0, publish.Describe());
        Assert.Contains("Generating native code", publish.StandardOutput, StringComparison.Ordinal);
        var warnings = DotnetCli.WarningLines(publish);
        Assert.True(warnings.Length == 0, "The publish printed warnings:\n" + string.Join('\n', warnings) + "\n\n" + publish.Describe());

        // A native ELF executable, not an IL assembly with an apphost.
        var executable = Path.Combine(output.Path, "AotSample");
        Assert.True(File.Exists(executable), $"{executable} is missing; the output has: {string.Join(", ", Directory.GetFiles(output.Path).Select(Path.GetFileName))}");
        var header = new byte[4];
        await using (var stream = File.OpenRead(executable))
        {
            Assert.Equal(4, await stream.ReadAsync(header));
        }

        Assert.Equal(new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F' }, header);
        if (!OperatingSystem.IsWindows())
        {
            Assert.True(File.GetUnixFileMode(executable).HasFlag(UnixFileMode.UserExecute), "not executable");
        }

        Assert.False(File.Exists(Path.Combine(output.Path, "AotSample.dll")), "an IL AotSample.dll was published: not Native AOT");
        Assert.False(File.Exists(Path.Combine(output.Path, "GenLog.dll")), "an IL GenLog.dll was published: not Native AOT");

        var before = DateTimeOffset.UtcNow.AddSeconds(-5);
        var run = await ProcessRunner.RunAsync(executable, [], TimeSpan.FromSeconds(60), output.Path);
        var after = DateTimeOffset.UtcNow.AddSeconds(5);
        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.True(run.StandardError.Length == 0, run.Describe());

        var lines = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
        var expected = new (int Pri, string MsgId, string Sd, string Msg)[]
        {
            ((17 * 8) + 6, "HELLO", "-", "Hello wörld"),                                          // local1.info
            ((17 * 8) + 4, "QUEUE", "-", "Queue length 1234 is over the limit"),                   // local1.warning
            ((17 * 8) + 5, "-", "-", "Load average 3.14 on 8 cores"),                              // local1.notice, {Load:F2}
            ((17 * 8) + 3, "-", "-", "Request 6f1c2a9e-4b7d-4c8e-9a51-2d3f4e5a6b7c failed"),       // local1.err
            ((17 * 8) + 7, "-", "-", "State changed to Draining"),                                  // local1.debug, enum by name
            ((4 * 8) + 2, "LOCKOUT", "[auth@32473 user=\"mallory\" attempts=\"5\"]", "User mallory locked out after 5 attempts"), // auth.crit
            ((1 * 8) + 4, "-", "[log@32473 category=\"AotSample\" Device=\"/dev/sda1\" Percent=\"97\"]", "Disk /dev/sda1 is 97 percent full"), // ILogger, user.warning
        };
        Assert.True(lines.Length == expected.Length, run.Describe());

        string? procId = null;
        for (var i = 0; i < expected.Length; i++)
        {
            var match = Line.Match(lines[i]);
            Assert.True(match.Success, $"line {i + 1} is not RFC 5424: {lines[i]}");
            Assert.Equal(expected[i].Pri, int.Parse(match.Groups["pri"].Value, CultureInfo.InvariantCulture));
            Assert.Equal("aotsample", match.Groups["app"].Value);
            Assert.Equal(expected[i].MsgId, match.Groups["msgid"].Value);
            Assert.Equal(expected[i].Sd, match.Groups["sd"].Value);
            Assert.Equal(expected[i].Msg, match.Groups["msg"].Value);

            var timestamp = DateTimeOffset.ParseExact(match.Groups["ts"].Value, "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            Assert.InRange(timestamp, before, after);

            // PROCID defaults to the process id: a number, the same on every line.
            Assert.Matches(@"^\d+$", match.Groups["procid"].Value);
            procId ??= match.Groups["procid"].Value;
            Assert.Equal(procId, match.Groups["procid"].Value);
        }
    }
}
