using System;

namespace GenLog;

/// <summary>
/// Encodes and decodes the PRI value, <c>facility * 8 + severity</c>, with the names of
/// CPython's <c>SysLogHandler.encodePriority</c>.
/// </summary>
public static class SyslogPriority
{
    /// <summary>Encodes a facility and severity into a PRI value.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value outside the enum's defined range.</exception>
    public static int Encode(SyslogFacility facility, SyslogSeverity severity) => Encode((int)facility, (int)severity);

    /// <summary>Encodes a facility code (0–23) and severity code (0–7) into a PRI value.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A code outside its range.</exception>
    public static int Encode(int facility, int severity)
    {
        if ((uint)facility > SyslogNames.MaxFacility)
        {
            throw new ArgumentOutOfRangeException(nameof(facility), facility, $"A syslog facility is 0 to {SyslogNames.MaxFacility}.");
        }

        if ((uint)severity > SyslogNames.MaxSeverity)
        {
            throw new ArgumentOutOfRangeException(nameof(severity), severity, $"A syslog severity is 0 to {SyslogNames.MaxSeverity}.");
        }

        return (facility << 3) | severity;
    }

    /// <summary>Encodes CPython facility and severity names (<c>"local0"</c>, <c>"err"</c>, …; ASCII case ignored).</summary>
    /// <exception cref="ArgumentNullException">A name is null.</exception>
    /// <exception cref="ArgumentException">An unknown name; the message lists the valid ones.</exception>
    public static int Encode(string facility, string severity)
    {
        ArgumentNullException.ThrowIfNull(facility);
        ArgumentNullException.ThrowIfNull(severity);
        var f = SyslogNames.Find(SyslogNames.Facilities, facility);
        if (f < 0)
        {
            throw new ArgumentException($"Unknown syslog facility '{facility}'. Valid names: {SyslogNames.List(SyslogNames.Facilities)}.", nameof(facility));
        }

        var s = SyslogNames.Find(SyslogNames.Severities, severity);
        if (s < 0)
        {
            throw new ArgumentException($"Unknown syslog severity '{severity}'. Valid names: {SyslogNames.List(SyslogNames.Severities)}.", nameof(severity));
        }

        return (f << 3) | s;
    }

    /// <summary>Parses a CPython facility name, ignoring ASCII case.</summary>
    public static bool TryParseFacility(ReadOnlySpan<char> name, out SyslogFacility facility)
    {
        var code = SyslogNames.Find(SyslogNames.Facilities, name);
        facility = (SyslogFacility)Math.Max(code, 0);
        return code >= 0;
    }

    /// <summary>Parses a CPython severity name (aliases such as <c>warn</c>, <c>panic</c> included), ignoring ASCII case.</summary>
    public static bool TryParseSeverity(ReadOnlySpan<char> name, out SyslogSeverity severity)
    {
        var code = SyslogNames.Find(SyslogNames.Severities, name);
        severity = (SyslogSeverity)Math.Max(code, 0);
        return code >= 0;
    }

    /// <summary>Splits a PRI value (0–191) into its facility and severity.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value outside 0–191.</exception>
    public static (SyslogFacility Facility, SyslogSeverity Severity) Decode(int pri)
    {
        if ((uint)pri > (SyslogNames.MaxFacility << 3 | SyslogNames.MaxSeverity))
        {
            throw new ArgumentOutOfRangeException(nameof(pri), pri, "A syslog PRI value is 0 to 191.");
        }

        return ((SyslogFacility)(pri >> 3), (SyslogSeverity)(pri & 7));
    }
}
