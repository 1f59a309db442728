using System;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace GenLog.Benchmarks.Contenders;

/// <summary>
/// The header every contender writes, the same as GenLog's writer in FormatBenchmarks (docs/performance.md):
/// facility Auth, app "sshd", msgid "AUTHFAIL", host "host", procid "4242".
/// </summary>
public static class SyslogLine
{
    public const string Host = "host";
    public const string App = "sshd";
    public const string ProcId = "4242";
    public const string MsgId = "AUTHFAIL";

    /// <summary>
    /// RFC 5424 §6.4: GenLog writes a BOM before MSG by default, so the contenders do too: every line is then
    /// byte for byte the same apart from the timestamp's digits.
    /// </summary>
    public const string Bom = "\uFEFF";

    private const int AuthFacility = 4;

    /// <summary>The line every contender must produce, with the timestamp blanked out.</summary>
    private static readonly string Expected =
        $"<36>1 TIMESTAMP {Host} {App} {ProcId} {MsgId} - {Bom}Failed password for root from 192.0.2.7 port 22";

    private static readonly Regex Timestamp = new(@"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z", RegexOptions.CultureInvariant);

    /// <summary>PRI = facility × 8 + severity (RFC 5424 §6.2.1), with the usual level → severity mapping.</summary>
    public static int Priority(LogLevel level) => AuthFacility * 8 + level switch
    {
        LogLevel.Critical => 2,
        LogLevel.Error => 3,
        LogLevel.Warning => 4,
        LogLevel.Information => 6,
        _ => 7,
    };

    /// <summary>Checks a contender's sample against the expected line and returns it printable (BOM shown).</summary>
    public static string Check(string contender, byte[]? sample)
    {
        if (sample is null)
        {
            throw new InvalidOperationException($"{contender}: nothing reached the sink.");
        }

        var line = Encoding.UTF8.GetString(sample);
        if (Timestamp.Replace(line, "TIMESTAMP", 1) != Expected)
        {
            throw new InvalidOperationException($"{contender}: unexpected line '{line}'.");
        }

        return line.Replace(Bom, "<BOM>", StringComparison.Ordinal);
    }
}
