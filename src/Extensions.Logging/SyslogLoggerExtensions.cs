using System;
using GenLog;
using GenLog.Extensions.Logging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Logging;

/// <summary>Adds GenLog's syslog provider to the .NET logging pipeline.</summary>
public static class SyslogLoggerExtensions
{
    /// <summary>
    /// Sends every <see cref="ILogger"/> call to syslog (or a Python logging receiver), configured from the section
    /// <c>Logging:Syslog</c>; the provider's alias is <c>Syslog</c>, so <c>Logging:Syslog:LogLevel</c> filters it.
    /// The <see cref="SyslogWriter"/> it uses is registered as a singleton: classes with instance
    /// <c>[SyslogMessage]</c> methods that take it share its queue and connection. Invalid configuration fails
    /// when the host builds its logging, with a message that names the key.
    /// </summary>
    public static ILoggingBuilder AddSyslog(this ILoggingBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<SyslogLoggerOptions>, SyslogConfiguration>(
            provider => new SyslogConfiguration(provider.GetService<IConfiguration>())));
        services.TryAddSingleton(provider => SyslogConfiguration.CreateWriter(provider.GetRequiredService<IOptions<SyslogLoggerOptions>>().Value));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ILoggerProvider, SyslogLoggerProvider>(
            provider => new SyslogLoggerProvider(provider.GetRequiredService<SyslogWriter>(), provider.GetRequiredService<IOptions<SyslogLoggerOptions>>().Value)));
        return builder;
    }

    /// <summary>As <see cref="AddSyslog(ILoggingBuilder)"/>, then <paramref name="configure"/> (it runs after the configuration is bound, so it wins).</summary>
    public static ILoggingBuilder AddSyslog(this ILoggingBuilder builder, Action<SyslogLoggerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        builder.AddSyslog();
        builder.Services.Configure(configure);
        return builder;
    }

    /// <summary>As <see cref="AddSyslog(ILoggingBuilder)"/>, sending to <paramref name="endpoint"/> (a URI or a comma-separated failover list).</summary>
    public static ILoggingBuilder AddSyslog(this ILoggingBuilder builder, string endpoint)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(endpoint);
        return builder.AddSyslog(options => options.Endpoint = endpoint);
    }
}
