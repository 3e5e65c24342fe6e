using System.Text.RegularExpressions;
using PveLint.Rules.Engine;
using PveLint.Tests;

namespace PveLint.Rules.Tests.Catalogue;

/// <summary>rules-docs/ must have one page per rule whose generated header matches the rule's metadata.</summary>
public class RuleDocsTests
{
    private static string DocsDir => Path.Combine(TestPaths.RepoRoot, "rules-docs");

    public static TheoryData<string> RuleIds() => new(RuleRegistry.All.Select(r => r.Metadata.Id));

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Page_exists_and_its_header_matches_the_metadata(string id)
    {
        var meta = RuleRegistry.Find(id)!;
        var path = Path.Combine(DocsDir, id + ".md");
        Assert.True(File.Exists(path), $"rules-docs/{id}.md is missing");
        var text = File.ReadAllText(path).ReplaceLineEndings("\n");
        var marker = text.IndexOf(RuleDocs.GeneratedMarker, StringComparison.Ordinal);
        Assert.True(marker >= 0, $"rules-docs/{id}.md lacks the generated-header marker");
        var header = text[..(marker + RuleDocs.GeneratedMarker.Length + 1)];
        var expected = RuleDocs.Header(meta);
        if (header != expected && Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, expected + text[header.Length..]);
            return;
        }
        Assert.Equal(expected, header);
        foreach (var section in new[] { "## What it detects", "## Examples", "## Suppressing" })
            Assert.Contains(section, text);
    }

    [Fact]
    public void Every_page_belongs_to_a_rule_or_to_the_analyzer()
    {
        var pages = Directory.EnumerateFiles(DocsDir, "PVE*.md").Select(Path.GetFileNameWithoutExtension).Order().ToArray();
        var documented = RuleRegistry.All.Select(r => r.Metadata.Id)
            .Concat(RuleCatalogue.Entries.Where(e => e.Status == "analyzer only").Select(e => e.Id));
        Assert.Equal(documented.Order().ToArray(), pages);
    }

    [Fact]
    public void Pages_are_embedded_for_explain()
    {
        foreach (var rule in RuleRegistry.All)
            Assert.StartsWith(RuleDocs.Header(rule.Metadata), RuleDocs.Page(rule.Metadata.Id)?.ReplaceLineEndings("\n") ?? "");
    }

    [Fact]
    public void Implemented_rules_have_the_id_and_name_of_the_published_catalogue()
    {
        foreach (var rule in RuleRegistry.Metadata)
            Assert.Contains((rule.Id, rule.Name, "implemented"), RuleCatalogue.Entries);
        Assert.Equal(RuleRegistry.All.Length, RuleCatalogue.Entries.Count(e => e.Status == "implemented"));
        Assert.Equal(87, RuleCatalogue.Entries.Length - 1); // the 86 ids of docs/RULES.md (PVE5007 included), PVE0011, and the analyzer's PVE9000
        Assert.True(RuleCatalogue.Contains("strict-affinity-without-hard-requirement"));
        Assert.False(RuleCatalogue.Contains("PVE9999"));
    }

    [Fact]
    public void Ids_and_names_are_unique_and_well_formed()
    {
        var all = RuleRegistry.All.Select(r => r.Metadata).ToList();
        Assert.Equal(all.Count, all.Select(m => m.Id).Distinct().Count());
        Assert.Equal(all.Count, all.Select(m => m.Name).Distinct().Count());
        Assert.All(all, m => Assert.Matches(new Regex("^PVE[0-9]{4}$"), m.Id));
        Assert.All(all, m => Assert.Matches(new Regex("^[a-z0-9]+(-[a-z0-9]+)*$"), m.Name));
    }
}
