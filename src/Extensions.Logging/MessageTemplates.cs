using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Text;
using GenLog.Generator.Parsing;

namespace GenLog.Extensions.Logging;

/// <summary>
/// One run of a message template: literal text, or a placeholder with its format and alignment. A literal with no
/// control character (nothing MSG escapes) also has its UTF-8 bytes, copied as they are, as generated code does.
/// </summary>
internal readonly record struct TemplatePart(string Text, bool IsPlaceholder, string? Format, int? Alignment, byte[]? Utf8);

/// <summary>A message template split into runs; <see cref="Names"/> are its placeholders in order.</summary>
internal sealed class MessageTemplate
{
    public MessageTemplate(string text, TemplatePart[] parts, string[] names)
    {
        Text = text;
        Parts = parts;
        Names = names;
        SdNames = new byte[names.Length][];
        Span<byte> name = stackalloc byte[SyslogNaming.MaxSdName];
        for (var i = 0; i < names.Length; i++)
        {
            SdNames[i] = name[..SyslogNaming.WriteSdName(names[i], name)].ToArray();
            SdLength += SdNames[i].Length + 4;
        }
    }

    public string Text { get; }

    public TemplatePart[] Parts { get; }

    public string[] Names { get; }

    /// <summary><see cref="Names"/> made SD-NAMEs.</summary>
    public byte[][] SdNames { get; }

    /// <summary>The length of every <c> NAME=""</c> of <see cref="SdNames"/>.</summary>
    public int SdLength { get; }
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
            parts[i] = new TemplatePart(runs[i].Text, runs[i].IsPlaceholder, runs[i].Format, runs[i].Alignment, runs[i].IsPlaceholder ? null : PlainUtf8(runs[i].Text));
            if (runs[i].IsPlaceholder)
            {
                names.Add(runs[i].Text);
            }
        }

        return new MessageTemplate(template, parts, [.. names]);
    }

    /// <summary>The UTF-8 of text with no C0 control, DEL or lone surrogate; else null (it is escaped on each call).</summary>
    private static byte[]? PlainUtf8(string text)
    {
        foreach (var c in text)
        {
            if (c < ' ' || c == '\u007f' || char.IsSurrogate(c))
            {
                return null;
            }
        }

        return Encoding.UTF8.GetBytes(text);
    }
}
