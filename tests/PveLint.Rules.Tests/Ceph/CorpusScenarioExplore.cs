using PveLint.Tests;
using Xunit.Abstractions;

namespace PveLint.Rules.Tests.Ceph;

public class CorpusScenarioExplore(ITestOutputHelper output)
{
    [Fact]
    public void Print()
    {
        foreach (var state in new[] { "a-stretch-2dc-ssd", "a-stretch-2dc-ssd.site2-down", "a-stretch-2dc-ssd.site2-back", "b-stretch-2dc-hdd", "c-stretch-3dc.refused", "c-stretch-3dc.injected-after-enable",
                     "d-single-site-3host", "e-stretch-2dc-mixed-class", "f-stretch-2dc-erasure", "g-stretch-2dc-unequal-weight", "g-stretch-2dc-unequal-weight.injected-after-enable", "h-4mons-2-2-no-tiebreaker", "i-stretch-pool-size-changed" })
        {
            output.WriteLine($"== {state}: {string.Join(" ", CephCorpusScenarios.Files(state))}");
            foreach (var f in CephCorpusScenarios.CephFindings(state)) output.WriteLine($"  {f.RuleId} {f.Span?.Path}({f.Span?.Line}): {f.Message}");
        }
    }
}
