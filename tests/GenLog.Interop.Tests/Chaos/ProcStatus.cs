using System;
using System.Globalization;
using System.IO;

namespace GenLog.Interop.Tests.Chaos;

/// <summary>A process's memory as Linux reports it in /proc/PID/status (also compiled into GenLog.ChaosProbe).</summary>
internal static class ProcStatus
{
    /// <summary>Resident set size now (VmRSS), in MiB.</summary>
    public static double ResidentMiB(string process = "self") => ReadKiB(process, "VmRSS") / 1024.0;

    /// <summary>The highest resident set size so far (VmHWM, the "high water mark"), in MiB.</summary>
    public static double PeakResidentMiB(string process = "self") => ReadKiB(process, "VmHWM") / 1024.0;

    private static long ReadKiB(string process, string field)
    {
        foreach (var line in File.ReadLines($"/proc/{process}/status"))
        {
            // "VmHWM:	  123456 kB"
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                var value = line[(field.Length + 1)..].Trim();
                return long.Parse(value[..value.IndexOf(' ')], NumberStyles.None, CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"/proc/{process}/status has no {field} line.");
    }
}
