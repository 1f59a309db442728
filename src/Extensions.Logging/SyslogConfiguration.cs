using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace GenLog.Extensions.Logging;

/// <summary>
/// Binds <c>Logging:Syslog</c> into <see cref="SyslogLoggerOptions"/> with the configuration binding source
/// generator (no reflection at run time), and turns every configuration mistake into an exception that names the
/// key: an unknown key, a value of the wrong type, an invalid option or endpoint.
/// </summary>
internal sealed partial class SyslogConfiguration(IConfiguration? configuration) : IConfigureOptions<SyslogLoggerOptions>
{
    /// <summary>The section the provider reads.</summary>
    public const string SectionPath = "Logging:Syslog";

    /// <summary>An alias of <see cref="SyslogWriterOptions.DefaultFacility"/>, the name syslog users look for.</summary>
    private const string FacilityAlias = "Facility";

    /// <summary>Every key the section may hold: the provider's, the writer options' that text can express, and MEL's filters.</summary>
    private static readonly HashSet<string> Keys = KnownKeys();

    public void Configure(SyslogLoggerOptions options)
    {
        if (configuration is null)
        {
            return;
        }

        var section = configuration.GetSection(SectionPath);
        foreach (var child in section.GetChildren())
        {
            if (!Keys.Contains(child.Key))
            {
                throw new InvalidOperationException(
                    $"{child.Path} is not a GenLog syslog setting. The keys of {SectionPath} are: {string.Join(", ", Keys.Order(StringComparer.Ordinal))}.");
            }
        }

        // Two flat bindings of one section: the provider's keys, then the writer's, side by side (docs/extensions-logging.md).
        section.Bind(options);
        var reconnect = options.Writer.Reconnect;
        section.Bind(options.Writer);
        options.Writer.Reconnect = BindReconnect(section.GetSection(nameof(SyslogWriterOptions.Reconnect)), reconnect);
        if (section[FacilityAlias] is { } facility)
        {
            options.Writer.DefaultFacility = Enum.TryParse<SyslogFacility>(facility, ignoreCase: true, out var code) && Enum.IsDefined(code)
                ? code
                : throw new InvalidOperationException($"{SectionPath}:{FacilityAlias} is '{facility}'; expected a facility name from Kern to Local7.");
        }
    }

    /// <summary>ReconnectPolicy is immutable (init-only), which the binder cannot fill: its keys go through a mutable copy.</summary>
    private static ReconnectPolicy BindReconnect(IConfigurationSection section, ReconnectPolicy current)
    {
        if (!section.Exists())
        {
            return current;
        }

        var keys = new ReconnectSettings();
        section.Bind(keys, binder => binder.ErrorOnUnknownConfiguration = true);
        return new ReconnectPolicy
        {
            InitialDelay = keys.InitialDelay ?? current.InitialDelay,
            Factor = keys.Factor ?? current.Factor,
            MaxDelay = keys.MaxDelay ?? current.MaxDelay,
        };
    }

    /// <summary>Creates the writer the options describe; an invalid option or endpoint throws naming its configuration key.</summary>
    public static SyslogWriter CreateWriter(SyslogLoggerOptions options)
    {
        CheckStructuredDataIds(options);
        try
        {
            return SyslogWriter.Create(options.Endpoint, options.Writer);
        }
        catch (ArgumentException exception)
        {
            // The writer's messages name the option ("SyslogWriterOptions.QueueCapacity must be …"); anything else is the URI.
            var option = OptionName().Match(exception.Message);
            var key = option.Success ? option.Groups[1].Value : nameof(SyslogLoggerOptions.Endpoint);
            throw new InvalidOperationException($"{SectionPath}:{key}: {exception.Message}", exception);
        }
    }

    /// <summary>Both SD-IDs of the options are valid (RFC 5424 §6.3.2) or empty; else throws naming the key.</summary>
    public static void CheckStructuredDataIds(SyslogLoggerOptions options)
    {
        CheckStructuredDataId(options.StructuredDataId, nameof(SyslogLoggerOptions.StructuredDataId));
        CheckStructuredDataId(options.TraceStructuredDataId, nameof(SyslogLoggerOptions.TraceStructuredDataId));
    }

    private static void CheckStructuredDataId(string? sdId, string key)
    {
        // RFC 5424 §6.3.2: SD-NAME is 1 to 32 printable US-ASCII characters except '=', SP, ']' and '"'. Empty: no element.
        if (sdId is null || sdId.Length > 32 || sdId.Any(c => c is <= ' ' or > '~' or '=' or ']' or '"'))
        {
            throw new InvalidOperationException($"{SectionPath}:{key} is '{sdId}'; an SD-ID is 1 to 32 printable US-ASCII characters without '=', space, ']' or '\"' (RFC 5424 §6.3.2), or empty for none.");
        }
    }

    private static HashSet<string> KnownKeys()
    {
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "LogLevel", FacilityAlias };
        foreach (var property in typeof(SyslogLoggerOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.Name != nameof(SyslogLoggerOptions.Writer))
            {
                keys.Add(property.Name);
            }
        }

        foreach (var property in typeof(SyslogWriterOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            // A clock and a callback are set in code; configuration text cannot express them.
            if (property.Name is not (nameof(SyslogWriterOptions.TimeProvider) or nameof(SyslogWriterOptions.OnError)))
            {
                keys.Add(property.Name);
            }
        }

        return keys;
    }

    [GeneratedRegex(@"SyslogWriterOptions\.(\w+)")]
    private static partial Regex OptionName();
}

/// <summary>The keys of <c>Logging:Syslog:Reconnect</c>, bound here and copied into an immutable <see cref="ReconnectPolicy"/>.</summary>
internal sealed class ReconnectSettings
{
    public TimeSpan? InitialDelay { get; set; }

    public double? Factor { get; set; }

    public TimeSpan? MaxDelay { get; set; }
}
