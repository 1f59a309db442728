using System;
using System.Collections.Generic;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GenLog.Extensions.Logging.Tests;

/// <summary>A Generic Host configured, as an application is, from configuration: here an in-memory one.</summary>
public static class TestHosts
{
    public static IHost Build(IDictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        // The host's own lifetime messages (Microsoft.Hosting.Lifetime) stay out of what the tests count.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Logging:LogLevel:Microsoft"] = "Warning" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        services?.Invoke(builder.Services);
        builder.Logging.AddSyslog();
        return builder.Build();
    }
}
