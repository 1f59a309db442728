namespace GenLog;

/// <summary>
/// CPython's <c>SysLogHandler.facility_names</c> and <c>priority_names</c>, aliases included.
/// This one file is compiled into the runtime and linked into the generator, so names resolved
/// at compile time and at run time can never disagree.
/// </summary>
internal static class SyslogNames
{
    /// <summary>Facility names and codes, in CPython's table order.</summary>
    public static readonly (string Name, int Code)[] Facilities =
    {
        ("auth", 4), ("authpriv", 10), ("console", 14), ("cron", 9), ("daemon", 3), ("ftp", 11),
        ("kern", 0), ("lpr", 6), ("mail", 2), ("news", 7), ("ntp", 12), ("security", 13),
        ("solaris-cron", 15), ("syslog", 5), ("user", 1), ("uucp", 8),
        ("local0", 16), ("local1", 17), ("local2", 18), ("local3", 19),
        ("local4", 20), ("local5", 21), ("local6", 22), ("local7", 23),
    };

    /// <summary>Severity names and codes, in CPython's table order.</summary>
    public static readonly (string Name, int Code)[] Severities =
    {
        ("alert", 1), ("crit", 2), ("critical", 2), ("debug", 7), ("emerg", 0), ("err", 3),
        ("error", 3), ("info", 6), ("notice", 5), ("panic", 0), ("warn", 4), ("warning", 4),
    };

    /// <summary>The largest facility code (local7).</summary>
    public const int MaxFacility = 23;

    /// <summary>The largest severity code (debug).</summary>
    public const int MaxSeverity = 7;

    /// <summary>Looks a name up, ignoring ASCII case only (as CPython's SysLogHandler tables are matched; docs/formats.md); returns -1 when it is not in the table.</summary>
    public static int Find((string Name, int Code)[] table, System.ReadOnlySpan<char> name)
    {
        foreach (var (entry, code) in table)
        {
            if (EqualsAsciiIgnoreCase(entry, name))
            {
                return code;
            }
        }

        return -1;
    }

    private static bool EqualsAsciiIgnoreCase(string entry, System.ReadOnlySpan<char> name)
    {
        if (entry.Length != name.Length)
        {
            return false;
        }

        for (var i = 0; i < entry.Length; i++)
        {
            var c = name[i];
            if (c is >= 'A' and <= 'Z')
            {
                c = (char)(c | 0x20);
            }

            if (c != entry[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The table's names, comma separated, for error messages.</summary>
    public static string List((string Name, int Code)[] table)
    {
        var names = new string[table.Length];
        for (var i = 0; i < table.Length; i++)
        {
            names[i] = table[i].Name;
        }

        return string.Join(", ", names);
    }
}
