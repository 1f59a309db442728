using System;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text;
using Xunit.Sdk;

namespace GenLog.Generator.Tests;

/// <summary>
/// Approved-file snapshots in the style of Verify: <c>Snapshots/NAME.verified.cs</c> is checked in;
/// on a mismatch <c>NAME.received.cs</c> is written beside it (git ignores it) and the test fails
/// with the first differing lines. Accept a change by reviewing it and renaming received to verified.
/// </summary>
internal static class Approvals
{
    public static void Verify(string received, string name, [CallerFilePath] string callerPath = "")
    {
        var folder = Path.Combine(Path.GetDirectoryName(callerPath)!, "Snapshots");
        var verifiedPath = Path.Combine(folder, name + ".verified.cs");
        var receivedPath = Path.Combine(folder, name + ".received.cs");
        received = received.Replace("\r\n", "\n");
        var verified = File.Exists(verifiedPath) ? File.ReadAllText(verifiedPath).Replace("\r\n", "\n") : null;
        if (verified == received)
        {
            File.Delete(receivedPath);
            return;
        }

        Directory.CreateDirectory(folder);
        File.WriteAllText(receivedPath, received);
        throw new XunitException(verified is null
            ? $"No approved snapshot {verifiedPath}. Review {receivedPath} and rename it to .verified.cs to approve it."
            : $"Snapshot {name} differs from {verifiedPath}; the new output is in {receivedPath}.\n{Diff(verified, received)}");
    }

    private static string Diff(string expected, string actual)
    {
        var left = expected.Split('\n');
        var right = actual.Split('\n');
        var line = 0;
        while (line < left.Length && line < right.Length && left[line] == right[line])
        {
            line++;
        }

        var text = new StringBuilder($"First difference at line {line + 1}:\n");
        for (var i = Math.Max(0, line - 2); i < Math.Min(Math.Max(left.Length, right.Length), line + 4); i++)
        {
            if (i < left.Length && (i >= right.Length || left[i] != right[i]))
            {
                text.Append("- ").AppendLine(left[i]);
            }

            if (i < right.Length && (i >= left.Length || left[i] != right[i]))
            {
                text.Append("+ ").AppendLine(right[i]);
            }

            if (i < left.Length && i < right.Length && left[i] == right[i])
            {
                text.Append("  ").AppendLine(left[i]);
            }
        }

        return text.ToString();
    }
}
