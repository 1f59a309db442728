using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Threading.Tasks;
using GenLog.Interop.Tests.Support;

namespace GenLog.Interop.Tests;

/// <summary>
/// A reproducible build of a GenLog user: the same project built in two folders, as CI does (deterministic
/// source paths under <c>ContinuousIntegrationBuild</c>, the checkout mapped to <c>/_/</c> by a path map),
/// gives byte-identical assemblies, and the generated code holds no absolute build path (a Python record's
/// <c>pathname</c> is the mapped <c>/_/Log.cs</c>, as <c>[CallerFilePath]</c> would give).
/// </summary>
[Collection(DotnetCliCollection.Name)]
public sealed class ReproducibleBuildTests
{
    private const string Declarations = """
        using GenLog;
        namespace Repro;
        public static partial class Log
        {
            [SyslogMessage(SyslogSeverity.Warning, "Hello {Name} from {Port}", MsgId = "HELLO")]
            public static partial void Hello(SyslogWriter writer, string name, int port);
        }
        """;

    [Fact]
    public async Task The_same_project_built_in_two_folders_gives_identical_assemblies_without_absolute_paths()
    {
        using var work = new TempDirectory("genlog-repro-");
        var first = await BuildAsync(work.Combine("first", "Repro"));
        var second = await BuildAsync(work.Combine("second", "Repro"));

        Assert.True(first.AsSpan().SequenceEqual(second), "the two builds differ");
        foreach (var folder in new[] { work.Path, work.Combine("first"), work.Combine("second") })
        {
            Assert.True(IndexOf(first, folder, Encoding.UTF8) < 0, $"the assembly holds the build path {folder}");
            Assert.True(IndexOf(first, folder, Encoding.Unicode) < 0, $"the assembly's user strings hold the build path {folder}");
        }

        // The generated Python source: the mapped path, so the two builds cannot differ by it.
        Assert.True(IndexOf(first, "/_/Log.cs", Encoding.UTF8) >= 0, "the Python record's pathname /_/Log.cs is not in the assembly");
    }

    /// <summary>Writes the project into <paramref name="folder"/>, builds it as CI would, and returns the assembly's bytes.</summary>
    private static async Task<byte[]> BuildAsync(string folder)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "Log.cs"), Declarations);
        File.WriteAllText(Path.Combine(folder, "Repro.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <Reference Include="GenLog" HintPath="{typeof(SyslogWriter).Assembly.Location}" />
                <Analyzer Include="{GeneratorPath()}" />
              </ItemGroup>
            </Project>
            """);

        var build = await DotnetCli.RunAsync(
            ["build", "-c", "Release", "-p:ContinuousIntegrationBuild=true", $"-p:PathMap={folder}/=/_/", .. DotnetCli.IsolatedBuild],
            folder,
            TimeSpan.FromMinutes(5));
        Assert.True(build.ExitCode == 0, build.Describe());
        return File.ReadAllBytes(Path.Combine(folder, "bin", "Release", "net10.0", "Repro.dll"));
    }

    /// <summary>The generator these tests were built with (the analyzer reference copies nothing to the output).</summary>
    private static string GeneratorPath()
    {
        var configuration = typeof(ReproducibleBuildTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var path = Path.Combine(DotnetCli.RepositoryRoot, "src", "Generator", "bin", configuration, "netstandard2.0", "GenLog.Generator.dll");
        Assert.True(File.Exists(path), $"the generator is not built at {path}");
        return path;
    }

    private static int IndexOf(byte[] assembly, string text, Encoding encoding) => assembly.AsSpan().IndexOf(encoding.GetBytes(text));
}
