using System;
using System.IO;

namespace GenLog.Interop.Tests.Support;

/// <summary>A fresh folder under the system temp path (outside the repository), deleted on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory(string prefix)
    {
        Path = Directory.CreateTempSubdirectory(prefix).FullName;
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a file still open must not turn a result into a failure.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

/// <summary>Tests that run the dotnet CLI on the repository's projects: one at a time, so they never build the same outputs at once.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DotnetCliCollection
{
    public const string Name = "dotnet CLI";
}
