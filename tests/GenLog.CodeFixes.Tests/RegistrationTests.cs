using System;
using System.Composition;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using GenLog.Generator.Diagnostics;
using GenLog.TestSupport;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace GenLog.CodeFixes.Tests;

/// <summary>What an IDE needs to offer the fixes, and what docs/diagnostics.md promises about them.</summary>
public sealed class RegistrationTests
{
    private static readonly Type[] Providers = typeof(MakePartialCodeFix).Assembly.GetTypes()
        .Where(t => typeof(CodeFixProvider).IsAssignableFrom(t) && !t.IsAbstract)
        .ToArray();

    [Fact]
    public void Every_fix_is_exported_to_the_ide_for_csharp()
    {
        Assert.NotEmpty(Providers);
        foreach (var provider in Providers)
        {
            Assert.True(provider.IsPublic, $"{provider.Name} is not public");
            var export = provider.GetCustomAttribute<ExportCodeFixProviderAttribute>();
            Assert.True(export is not null, $"{provider.Name} has no [ExportCodeFixProvider]");
            Assert.Equal([LanguageNames.CSharp], export!.Languages);
            Assert.Equal(provider.Name, export.Name);
            Assert.True(provider.GetCustomAttribute<SharedAttribute>() is not null, $"{provider.Name} is not [Shared]");
        }
    }

    [Fact]
    public void The_docs_list_exactly_the_ids_that_have_a_fix_and_whether_fix_all_works()
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "diagnostics.md"));
        var table = doc[doc.IndexOf("## Code fixes", StringComparison.Ordinal)..];
        table = table[..table.IndexOf("\n## ", 1, StringComparison.Ordinal)];
        var rows = Regex.Matches(table, @"^\| (GENLOG\d{3}) \| .+ \| (yes|no) \|$", RegexOptions.Multiline)
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value == "yes");

        var fixes = Providers.Select(t => (CodeFixProvider)Activator.CreateInstance(t)!).ToArray();
        var ids = fixes.SelectMany(f => f.FixableDiagnosticIds).Distinct().Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(ids, rows.Keys.Order(StringComparer.Ordinal));

        // Every fixed ID is one the generator reports.
        Assert.All(ids, id => Assert.Contains(Descriptors.All, d => d.Id == id));

        foreach (var (id, fixAll) in rows)
        {
            var hasFixAll = fixes.Where(f => f.FixableDiagnosticIds.Contains(id)).Any(f => f.GetFixAllProvider() is not null);
            Assert.True(fixAll == hasFixAll, $"docs/diagnostics.md says fix-all for {id} is {(fixAll ? "yes" : "no")}");
        }
    }
}
