using System;
using System.Collections.Generic;
using System.Globalization;
using GenLog.Generator.Diagnostics;
using GenLog.Generator.Model;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GenLog.Generator.Parsing;

/// <summary>
/// Binds the template's placeholders to parameters. Reports GENLOG007 (the malformed pieces
/// <see cref="TemplateParser"/> finds, or a null template) and decides GENLOG005 (no such parameter),
/// GENLOG018 (placeholders that differ only by case) and GENLOG019 (control characters).
/// </summary>
internal static class TemplateBinder
{
    /// <summary>The template's runs in order, and whether any piece was malformed.</summary>
    internal sealed record BoundTemplate(List<TemplateSegment> Segments, bool IsMalformed);

    /// <summary>GENLOG007 for a template that is not a constant string.</summary>
    public static void ReportNull(ParseContext context) =>
        context.Report(Descriptors.NullTemplate, AttributeReader.LocationOfArgument(context.Attribute, "message", context));

    /// <summary>The GENLOG007 descriptor of a malformed piece.</summary>
    private static Microsoft.CodeAnalysis.DiagnosticDescriptor Descriptor(TemplateError cause) => cause switch
    {
        TemplateError.UnmatchedBrace => Descriptors.UnmatchedBrace,
        TemplateError.EmptyFormat => Descriptors.EmptyFormat,
        TemplateError.BadAlignment => Descriptors.BadAlignment,
        TemplateError.EmptyPlaceholderName => Descriptors.EmptyPlaceholderName,
        _ => Descriptors.NotAParameterName,
    };

    public static BoundTemplate Bind(ParseContext context, string template, ExpressionSyntax? syntax, ParameterRole[] roles)
    {
        var (parts, errors) = TemplateParser.Parse(template);
        foreach (var error in errors)
        {
            context.Report(Descriptor(error.Cause), SourceLocator.InTemplate(syntax, error.Start, error.Length), error.Arguments);
        }

        var segments = new List<TemplateSegment>();
        var seen = new Dictionary<string, (string Name, int Parameter)>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in parts)
        {
            if (!part.IsPlaceholder)
            {
                CheckControlCharacters(context, part, template, syntax);
                segments.Add(new TemplateSegment(part.Text, -1, null, null));
                continue;
            }

            var name = part.Text.TrimStart('@');
            var index = FindParameter(context, name, roles, StringComparison.Ordinal);
            if (index < 0)
            {
                index = FindParameter(context, name, roles, StringComparison.OrdinalIgnoreCase);
            }

            var location = SourceLocator.InTemplate(syntax, part.Start, part.Length);
            if (index < 0)
            {
                context.Report(Descriptors.UnknownPlaceholder, location, name);
                continue;
            }

            if (seen.TryGetValue(name, out var earlier) && earlier.Name != name && earlier.Parameter != index)
            {
                context.Report(Descriptors.CaseOnlyPlaceholders, location, earlier.Name, name);
            }
            else if (!seen.ContainsKey(name))
            {
                seen[name] = (name, index);
            }

            segments.Add(new TemplateSegment(name, index, part.Format, part.Alignment));
        }

        return new BoundTemplate(segments, errors.Count > 0);
    }

    /// <summary>The parameter a placeholder binds to: any but the writer.</summary>
    private static int FindParameter(ParseContext context, string name, ParameterRole[] roles, StringComparison comparison)
    {
        var parameters = context.Method.Parameters;
        for (var i = 0; i < parameters.Length; i++)
        {
            if (roles[i] != ParameterRole.Writer && string.Equals(parameters[i].Name, name, comparison))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>GENLOG019 at the first control character of a literal run (tab is allowed).</summary>
    private static void CheckControlCharacters(ParseContext context, TemplateParser.Part part, string template, ExpressionSyntax? syntax)
    {
        // Walk the template beside the unescaped text: '{{' and '}}' are two template characters for one.
        var position = part.Start;
        foreach (var c in part.Text)
        {
            if ((c < ' ' && c != '\t') || c == '\u007f')
            {
                context.Report(Descriptors.ControlInTemplate, SourceLocator.InTemplate(syntax, position, 1), ((int)c).ToString("X4", CultureInfo.InvariantCulture));
                return;
            }

            position += c is '{' or '}' && position + 1 < template.Length && template[position + 1] == c ? 2 : 1;
        }
    }
}
