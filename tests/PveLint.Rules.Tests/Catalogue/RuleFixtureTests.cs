using PveLint.Binding;
using PveLint.Rules.Engine;
using PveLint.Tests;

namespace PveLint.Rules.Tests.Catalogue;

/// <summary>
/// Every rule has tests/fixtures/&lt;ID&gt;/bad (a scan root whose expected-findings.txt lists exactly the rule's
/// findings as <c>path(line,col)</c>) and tests/fixtures/&lt;ID&gt;/good (the same cluster done right: none).
/// </summary>
public class RuleFixtureTests
{
    public static TheoryData<string> RuleIds() => new(RuleRegistry.All.Select(r => r.Metadata.Id));

    private static IEnumerable<string> FindingsOf(string id, string directory) =>
        LintEngine.Run(ClusterBinder.Bind(FixtureTree.Load(directory))).Findings
            .Where(f => f.RuleId == id)
            .Select(f => f.Span is { } s ? $"{s.Path}({s.Line},{s.Column})" : "(no location)");

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Bad_fixture_reports_exactly_the_expected_findings(string id)
    {
        var bad = Path.Combine(TestPaths.Fixtures, id, "bad");
        var expected = FixtureTree.ExpectedFindings(bad);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, FindingsOf(id, bad).ToArray());
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Good_fixture_has_no_finding_of_the_rule(string id)
    {
        var good = Path.Combine(TestPaths.Fixtures, id, "good");
        Assert.True(Directory.Exists(good), $"missing {good}");
        Assert.Empty(FindingsOf(id, good));
    }
}
