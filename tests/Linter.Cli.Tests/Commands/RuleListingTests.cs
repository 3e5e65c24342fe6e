using System.Text.Json;
using Linter.Cli.Tests.Support;
using PveLint.Cli.Reporting;
using PveLint.Rules.Engine;

namespace Linter.Cli.Tests.Commands;

/// <summary><c>pvelint rules --format json|markdown</c> and <c>explain</c> as read in a terminal.</summary>
public sealed class RuleListingTests
{
    [Fact]
    public void Rules_json_is_an_array_of_every_catalogued_id_with_exactly_the_documented_fields()
    {
        var run = CliRunner.Run("rules", "--format", "json");

        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Output);
        var rows = doc.RootElement.EnumerateArray().ToList();
        Assert.Equal(RuleCatalogue.Rows.Select(r => r.Id).Union(RuleRegistry.Metadata.Select(m => m.Id)).Order(StringComparer.Ordinal), rows.Select(r => r.GetProperty("id").GetString()));
        foreach (var row in rows)
            Assert.Equal(["id", "name", "severity", "category", "status", "summary", "helpUri"], row.EnumerateObject().Select(p => p.Name));

        var pve2003 = rows.Single(r => r.GetProperty("id").GetString() == "PVE2003");
        Assert.Equal(
            ("negative-affinity-exceeds-nodes", "error", "high-availability", "implemented", RuleRegistry.Find("PVE2003")!.Title, "https://github.com/pvelint/pvelint/blob/main/rules-docs/PVE2003.md"),
            (pve2003.GetProperty("name").GetString(), pve2003.GetProperty("severity").GetString(), pve2003.GetProperty("category").GetString(),
             pve2003.GetProperty("status").GetString(), pve2003.GetProperty("summary").GetString(), pve2003.GetProperty("helpUri").GetString()));
        var analyzerOnly = rows.Single(r => r.GetProperty("id").GetString() == "PVE9000");
        Assert.Equal(("analyzer-only", "linter-config", "error"), (analyzerOnly.GetProperty("status").GetString(), analyzerOnly.GetProperty("category").GetString(), analyzerOnly.GetProperty("severity").GetString()));
        Assert.All(rows.Where(r => RuleRegistry.Find(r.GetProperty("id").GetString()!) is not null), r => Assert.Equal("implemented", r.GetProperty("status").GetString()));
    }

    [Fact]
    public void Rules_markdown_is_one_table_linking_every_id_to_its_page()
    {
        var run = CliRunner.Run("rules", "-f", "markdown");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("| id | name | severity | category | status | summary |", run.OutputLines[0]);
        Assert.Contains("| [PVE0010](https://github.com/pvelint/pvelint/blob/main/rules-docs/PVE0010.md) | `unreadable-input` | error | input | implemented | A file that cannot be read as text |", run.OutputLines);
        Assert.Equal($"{RuleCatalogue.Rows.Length} rules: {RuleRegistry.All.Length} implemented.", run.OutputLines[^1]);
    }

    [Fact]
    public void Rules_rejects_an_unknown_format_with_exit_code_2()
    {
        var run = CliRunner.Run("rules", "--format", "sarif");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("pvelint: error: ", run.Error);
    }

    [Fact]
    public void Explain_leaves_out_html_comments_and_contributor_notes_and_aligns_the_metadata()
    {
        var run = CliRunner.Run("explain", "PVE0008");

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("<!--", run.Output);
        Assert.DoesNotContain("tests/fixtures", run.Output);
        Assert.DoesNotContain("## References", run.Output);
        Assert.DoesNotContain("|---|", run.Output);
        Assert.StartsWith("# PVE0008: unresolved-reference\n\n**A name that points nowhere**\n\nDefault severity: error\nCategory:         input\n", run.Output);
        Assert.Contains("## How to fix\n\nCorrect the name", run.Output);
        Assert.Contains("## Suppressing\n", run.Output);
        Assert.DoesNotContain("\n\n\n", run.Output);
    }

    [Fact]
    public void Rendering_drops_multi_line_comments_and_the_references_section_only()
    {
        var page = "# PVE7777: x\n\n<!-- a note\nfor contributors -->\nText.\n\n## References\n\nreference/x.md §1\n\n## After\n\nKept.\n";

        Assert.Equal("# PVE7777: x\n\nText.\n\n## After\n\nKept.\n", TerminalRuleDoc.Render(page));
    }

    [Fact]
    public void Explain_of_a_catalogued_id_without_a_rule_says_what_it_is_and_exits_0()
    {
        var run = CliRunner.Run("explain", "analyzer-internal-error");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("# PVE9000: analyzer-internal-error\n", run.Output);
        Assert.Contains("Status:   analyzer only: reported by the Roslyn analyzer (PveLint.MSBuild) inside a build, never by the pvelint command\n", run.Output);
    }

    [Fact]
    public void A_planned_id_says_it_is_planned()
    {
        var page = TerminalRuleDoc.CatalogueOnly(new CatalogueRow("PVE7001", "some-future-rule", "warning", "planned", "Something worth detecting"));

        Assert.Equal(
            "# PVE7001: some-future-rule\n\nSomething worth detecting\n\nStatus:   planned: the id is reserved, but this build does not run the rule yet (suppressions and rules: entries naming it are accepted)\nSeverity: warning\nOnline:   https://github.com/pvelint/pvelint/blob/main/rules-docs/PVE7001.md\n",
            page);
    }
}
