using PveLint.Binding;
using PveLint.Rules.Engine;
using PveLint.Tests;
using Xunit.Abstractions;

namespace PveLint.Rules.Tests.Ceph;

public class CorpusScenarioExplore(ITestOutputHelper output)
{
    [Fact]
    public void PrintFixtures()
    {
        foreach (var dir in Directory.GetDirectories(TestPaths.Fixtures).Where(d => Path.GetFileName(d).StartsWith("PVE30") || Path.GetFileName(d).StartsWith("ceph")).Order())
        {
            foreach (var kind in new[] { "bad", "good", "" })
            {
                var path = Path.Combine(dir, kind);
                if (!Directory.Exists(path) || (kind == "" && Directory.Exists(Path.Combine(dir, "bad")))) continue;
                var model = ClusterBinder.Bind(FixtureTree.Load(path));
                output.WriteLine($"== {Path.GetFileName(dir)}/{kind}  (diagnostics: {string.Join("; ", model.Diagnostics.Select(d => d.Id + " " + d.Message))})");
                foreach (var f in LintEngine.Run(model).Findings.Where(f => f.RuleId.StartsWith("PVE3")))
                    output.WriteLine($"  {f.RuleId} {f.Span?.Path}({f.Span?.Line},{f.Span?.Column}): {f.Message}  [related: {string.Join(" | ", f.Related.Select(r => $"{r.Span.Path}({r.Span.Line}) {r.Message}"))}]");
            }
        }
    }
}
