using System.Collections.Concurrent;
using System.Collections.Generic;
using GenLog.Generator.Parsing;

namespace GenLog.Extensions.Logging;

/// <summary>One run of a message template: literal text, or a placeholder with its format and alignment.</summary>
internal readonly record struct TemplatePart(string Text, bool IsPlaceholder, string? Format, int? Alignment);

/// <summary>A message template split into runs; <see cref="Names"/> are its placeholders in order.</summary>
internal sealed class MessageTemplate(string text, TemplatePart[] parts, string[] names)
{
    public string Text { get; } = text;

    public TemplatePart[] Parts { get; } = parts;

    public string[] Names { get; } = names;
}

/// <summary>
/// Message templates (<c>"Order {OrderId} failed"</c>) split once into runs with the parser the generator checks
/// templates with, so the provider writes MSG straight into the message buffer instead of formatting a string.
/// </summary>
internal static class MessageTemplates
{
    /// <summary>Templates are usually constants; this bounds the cache when an application builds them at run time.</summary>
    private const int MaxCached = 4096;

    private static readonly ConcurrentDictionary<string, MessageTemplate?> Cache = new();

    /// <summary>The runs of <paramref name="template"/>, or null when it does not parse (MEL's own formatter then writes MSG).</summary>
    public static MessageTemplate? Parse(string template)
    {
        if (Cache.TryGetValue(template, out var parsed))
        {
            return parsed;
        }

        parsed = Split(template);
        if (Cache.Count < MaxCached)
        {
            Cache.TryAdd(template, parsed);
        }

        return parsed;
    }

    private static MessageTemplate? Split(string template)
    {
        var (runs, errors) = TemplateParser.Parse(template);
        if (errors.Count > 0)
        {
            return null;
        }

        var parts = new TemplatePart[runs.Count];
        var names = new List<string>();
        for (var i = 0; i < runs.Count; i++)
        {
            parts[i] = new TemplatePart(runs[i].Text, runs[i].IsPlaceholder, runs[i].Format, runs[i].Alignment);
            if (runs[i].IsPlaceholder)
            {
                names.Add(runs[i].Text);
            }
        }

        return new MessageTemplate(template, parts, [.. names]);
    }
}
