using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using System.Xml.Linq;
using GenLog.Interop.Tests.Support;

namespace GenLog.Interop.Tests;

/// <summary>
/// docs/architecture.md and the README: one NuGet package, GenLog, carries the runtime and, under analyzers/dotnet/cs, the generator
/// and its code fixes, so a single PackageReference gives a user all three. Packs it, then builds and runs a consumer outside the repository.
/// </summary>
[Collection(DotnetCliCollection.Name)]
public sealed class PackagingTests
{
    /// <summary>The newest Microsoft.CodeAnalysis the generator may reference (docs/architecture.md: loads in every .NET 9/10 SDK).</summary>
    private static readonly Version MaxRoslyn = new(4, 14, 0, 0);

    [Fact]
    public async Task Package_carries_runtime_and_generator_and_a_fresh_consumer_uses_both()
    {
        var root = DotnetCli.RepositoryRoot;
        using var work = new TempDirectory("genlog-pack-");
        var feed = work.Combine("feed");

        var pack = await DotnetCli.RunAsync(
            ["pack", Path.Combine(root, "src", "Runtime", "GenLog.csproj"), "-c", "Release", "-o", feed, .. DotnetCli.IsolatedBuild],
            root,
            TimeSpan.FromMinutes(5));
        Assert.True(pack.ExitCode == 0, pack.Describe());

        var packages = Directory.GetFiles(feed, "*.nupkg");
        var nupkg = Assert.Single(packages);
        var fileName = Path.GetFileName(nupkg);
        var version = Regex.Match(fileName, @"^GenLog\.(?<v>\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)\.nupkg$").Groups["v"].Value;
        Assert.False(string.IsNullOrEmpty(version), $"unexpected package file name {fileName}");

        CheckPackageContents(nupkg, version);
        await BuildAndRunConsumerAsync(work, feed, nupkg, version);
    }

    [Fact]
    public async Task The_logging_provider_package_depends_on_GenLog_with_its_generator()
    {
        var root = DotnetCli.RepositoryRoot;
        using var work = new TempDirectory("genlog-pack-mel-");
        var pack = await DotnetCli.RunAsync(
            ["pack", Path.Combine(root, "src", "Extensions.Logging", "GenLog.Extensions.Logging.csproj"), "-c", "Release", "-o", work.Path, .. DotnetCli.IsolatedBuild],
            root,
            TimeSpan.FromMinutes(5));
        Assert.True(pack.ExitCode == 0, pack.Describe());

        var nupkg = Assert.Single(Directory.GetFiles(work.Path, "GenLog.Extensions.Logging.*.nupkg"));
        using var zip = ZipFile.OpenRead(nupkg);
        Assert.Contains(zip.Entries, e => e.FullName == "lib/net10.0/GenLog.Extensions.Logging.dll");
        Assert.DoesNotContain(zip.Entries, e => e.FullName.EndsWith("/GenLog.dll", StringComparison.Ordinal));
        XDocument nuspec;
        using (var stream = Assert.Single(zip.Entries, e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open())
        {
            nuspec = XDocument.Load(stream);
        }

        // GenLog is a package dependency whose analyzers are not excluded: adding this package alone brings the generator.
        var ns = nuspec.Root!.Name.Namespace;
        var genLog = Assert.Single(nuspec.Descendants(ns + "dependency"), d => (string?)d.Attribute("id") == "GenLog");
        Assert.DoesNotContain("Analyzers", (string?)genLog.Attribute("exclude") ?? string.Empty, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(nuspec.Descendants(ns + "dependency"), d => (string?)d.Attribute("id") == "Microsoft.Extensions.Logging.Configuration");
    }

    private static void CheckPackageContents(string nupkg, string version)
    {
        using var zip = ZipFile.OpenRead(nupkg);
        var entries = zip.Entries.Select(e => e.FullName).ToArray();
        var listing = string.Join("\n", entries);

        Assert.True(entries.Contains("lib/net10.0/GenLog.dll"), "lib/net10.0/GenLog.dll missing:\n" + listing);

        // The generator and the code fixes are analyzers only: never a compile reference (checked below), never a package dependency.
        var nuspecEntry = Assert.Single(zip.Entries, e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal) && !e.FullName.Contains('/'));
        XDocument nuspec;
        using (var stream = nuspecEntry.Open())
        {
            nuspec = XDocument.Load(stream);
        }

        var ns = nuspec.Root!.Name.Namespace;
        var metadata = nuspec.Root.Element(ns + "metadata")!;
        Assert.Equal("GenLog", metadata.Element(ns + "id")?.Value);
        Assert.Equal(version, metadata.Element(ns + "version")?.Value);
        var dependencies = metadata.Descendants(ns + "dependency").Select(d => (string?)d.Attribute("id")).ToArray();
        Assert.DoesNotContain("GenLog.Generator", dependencies);
        Assert.DoesNotContain("GenLog.CodeFixes", dependencies);

        // The packed generator is a netstandard2.0 Roslyn component the SDK's compiler can load; the code fixes beside it
        // (docs/architecture.md, "Code fixes") are loaded by the IDE on the same Roslyn.
        CheckRoslynComponent(zip, "GenLog.Generator", "Microsoft.CodeAnalysis");
        CheckRoslynComponent(zip, "GenLog.CodeFixes", "Microsoft.CodeAnalysis.Workspaces");
    }

    private static void CheckRoslynComponent(ZipArchive zip, string name, string roslynAssembly)
    {
        var entry = zip.GetEntry($"analyzers/dotnet/cs/{name}.dll");
        Assert.True(entry is not null, $"analyzers/dotnet/cs/{name}.dll missing:\n" + string.Join("\n", zip.Entries.Select(e => e.FullName)));
        Assert.DoesNotContain(zip.Entries, e => e.FullName.StartsWith("lib/", StringComparison.Ordinal) && e.FullName.EndsWith(name + ".dll", StringComparison.Ordinal));
        using var copy = new MemoryStream();
        using (var stream = entry.Open())
        {
            stream.CopyTo(copy);
        }

        copy.Position = 0;
        using var pe = new PEReader(copy);
        var reader = pe.GetMetadataReader();
        Assert.Equal(name, reader.GetString(reader.GetAssemblyDefinition().Name));
        var references = reader.AssemblyReferences.Select(h => reader.GetAssemblyReference(h)).ToDictionary(r => reader.GetString(r.Name), r => r.Version);
        Assert.True(references.ContainsKey("netstandard"), $"{name} must target netstandard2.0: " + string.Join(", ", references.Keys));
        Assert.True(references.TryGetValue(roslynAssembly, out var roslyn), $"{name} does not reference {roslynAssembly}");
        Assert.True(roslyn <= MaxRoslyn, $"{name} references {roslynAssembly} {roslyn}, newer than {MaxRoslyn}: older SDKs and IDEs cannot load it");
    }

    private static async Task BuildAndRunConsumerAsync(TempDirectory work, string feed, string nupkg, string version)
    {
        // Under the system temp folder: no Directory.Build.props / Directory.Packages.props of the repository applies.
        // Empty ones here stop MSBuild's upward search in case some folder above has its own.
        var consumer = work.Combine("consumer");
        var packagesFolder = work.Combine("packages");
        Directory.CreateDirectory(consumer);
        Assert.False(Path.GetFullPath(consumer).StartsWith(Path.GetFullPath(DotnetCli.RepositoryRoot), StringComparison.Ordinal));
        await File.WriteAllTextAsync(Path.Combine(consumer, "Directory.Build.props"), "<Project />\n");
        await File.WriteAllTextAsync(Path.Combine(consumer, "Directory.Build.targets"), "<Project />\n");
        await File.WriteAllTextAsync(Path.Combine(consumer, "Directory.Packages.props"), "<Project />\n");
        await File.WriteAllTextAsync(Path.Combine(consumer, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="genlog-local" value="{feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
              </packageSources>
              <packageSourceMapping>
                <!-- GenLog only from the package just built, even if nuget.org has a package of that name. -->
                <packageSource key="genlog-local">
                  <package pattern="GenLog" />
                </packageSource>
                <packageSource key="nuget.org">
                  <package pattern="*" />
                </packageSource>
              </packageSourceMapping>
            </configuration>
            """);
        await File.WriteAllTextAsync(Path.Combine(consumer, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="GenLog" Version="[{version}]" />
              </ItemGroup>
            </Project>
            """);
        await File.WriteAllTextAsync(Path.Combine(consumer, "Program.cs"), """
            using System.Net;
            using System.Net.Sockets;
            using GenLog;

            using var receiver = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            receiver.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            receiver.ReceiveTimeout = 5000;
            var port = ((IPEndPoint)receiver.LocalEndPoint!).Port;

            await using (var writer = SyslogWriter.Create($"udp://127.0.0.1:{port}", new SyslogWriterOptions
            {
                Format = SyslogFormat.Rfc5424, HostName = "consumer-host", AppName = "consumer", ProcId = "77",
            }))
            {
                ConsumerLog.Hello(writer, "packaged", 3);
                await writer.FlushAsync();
            }

            var buffer = new byte[65536];
            var length = receiver.Receive(buffer);
            Console.WriteLine("DATAGRAM " + Convert.ToBase64String(buffer, 0, length));

            static partial class ConsumerLog
            {
                [SyslogMessage("local4", "notice", "Consumer says {Word} {Count} times", MsgId = "PKG")]
                public static partial void Hello(SyslogWriter writer, string word, int count);
            }
            """);

        var restore = await DotnetCli.RunAsync(["restore", "--packages", packagesFolder, "-nodeReuse:false"], consumer, TimeSpan.FromMinutes(5));
        Assert.True(restore.ExitCode == 0, restore.Describe());

        // The restored GenLog is the package just built, byte for byte (its SHA-512 as NuGet records it).
        var restoredHash = Path.Combine(packagesFolder, "genlog", version.ToLowerInvariant(), $"genlog.{version.ToLowerInvariant()}.nupkg.sha512");
        Assert.True(File.Exists(restoredHash), $"GenLog {version} was not restored into {packagesFolder}");
        var builtHash = Convert.ToBase64String(SHA512.HashData(await File.ReadAllBytesAsync(nupkg)));
        Assert.Equal(builtHash, (await File.ReadAllTextAsync(restoredHash)).Trim());

        var build = await DotnetCli.RunAsync(["build", "--no-restore", "-c", "Debug", .. DotnetCli.IsolatedBuild], consumer, TimeSpan.FromMinutes(5));
        Assert.True(build.ExitCode == 0, build.Describe());
        var warnings = DotnetCli.WarningLines(build);
        Assert.True(warnings.Length == 0, "The consumer build printed warnings:\n" + string.Join('\n', warnings));

        // The generator that ran is the packaged one (its copy in the fresh packages folder).
        var assets = await File.ReadAllTextAsync(Path.Combine(consumer, "obj", "project.assets.json"));
        Assert.Contains("analyzers/dotnet/cs/GenLog.Generator.dll", assets, StringComparison.Ordinal);

        // The code fixes reach the consumer as an analyzer assembly too, and the compiler loads them without a warning (checked above).
        Assert.Contains("analyzers/dotnet/cs/GenLog.CodeFixes.dll", assets, StringComparison.Ordinal);

        var program = Path.Combine(consumer, "bin", "Debug", "net10.0", "Consumer.dll");
        var run = await DotnetCli.RunAsync([program], consumer, TimeSpan.FromSeconds(60));
        Assert.True(run.ExitCode == 0, run.Describe());
        var line = Assert.Single(run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("DATAGRAM ", StringComparison.Ordinal));
        var datagram = Encoding.UTF8.GetString(Convert.FromBase64String(line["DATAGRAM ".Length..].Trim()));

        // local4 (20) * 8 + notice (5) = 165
        Assert.Matches(
            @"^<165>1 \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z consumer-host consumer 77 PKG - \uFEFFConsumer says packaged 3 times$",
            datagram);
    }
}
