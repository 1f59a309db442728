using System;
using System.IO;

namespace GenLog.TestSupport;

/// <summary>The folder that holds GenLog.sln, found by walking up from the test binaries; shared by every test project.</summary>
internal static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(Find);

    public static string Path => Root.Value;

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "GenLog.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"GenLog.sln not found above {AppContext.BaseDirectory}.");
    }
}
