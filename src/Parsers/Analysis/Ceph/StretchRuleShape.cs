using PveLint.Model;

namespace PveLint.Analysis.Ceph;

/// <summary>
/// Recognises the two stretch rule forms of Ceph's stretch-mode documentation (reference/ceph-stretch.md §2.2 item 8):
/// <list type="bullet">
/// <item><c>take default; choose firstn 0|2 type datacenter; chooseleaf firstn 2 type host; emit</c> (one block whose
/// first step picks up to two dividing buckets and whose last step picks two items in each), and</item>
/// <item><c>take site1; chooseleaf firstn 2 type host; emit; take site2; chooseleaf firstn 2 type host; emit</c> (two blocks,
/// each taking a different dividing bucket and picking two items in it).</item>
/// </list>
/// A rule that explicitly picks three or more dividing buckets (the three-zone layout, <c>choose firstn 3 type
/// datacenter</c>) is not a stretch-mode rule. Whether the rule really puts two copies in each site for a pool is the
/// evaluator's question (<see cref="CrushRuleEvaluator"/>), asked by the rules that need it.
/// </summary>
public static class StretchRuleShape
{
    private static bool IsChoose(CrushStep s) => s.Op is "choose_firstn" or "chooseleaf_firstn" or "choose_indep" or "chooseleaf_indep";

    public static bool IsStretchShaped(CrushHierarchy hierarchy, CrushRule rule, string dividingType)
    {
        if (rule.Type != "replicated") return false;
        var blocks = Blocks(rule);
        if (blocks.Count == 1)
        {
            var (_, chooses) = blocks[0];
            return chooses.Count >= 2
                && chooses[0].BucketType == dividingType && chooses[0].Num is 0 or 2
                && chooses[^1].Num == 2 && chooses[^1].BucketType != dividingType;
        }
        if (blocks.Count == 2)
        {
            var takes = blocks.Select(b => b.Take.Item).ToList();
            return takes[0] != takes[1]
                && blocks.All(b => b.Take.Item is { } item && hierarchy.Bucket(item)?.TypeName == dividingType
                    && b.Chooses.Count == 1 && b.Chooses[0].Num == 2);
        }
        return false;
    }

    /// <summary>The rule's take … emit blocks that emit something (a take without emit is replaced by the next take).</summary>
    public static List<(CrushStep Take, List<CrushStep> Chooses)> Blocks(CrushRule rule)
    {
        var blocks = new List<(CrushStep, List<CrushStep>)>();
        CrushStep? take = null;
        var chooses = new List<CrushStep>();
        foreach (var step in rule.Steps)
        {
            if (step.Op == "take")
            {
                take = step;
                chooses = [];
            }
            else if (IsChoose(step)) chooses.Add(step);
            else if (step.Op == "emit" && take is not null)
            {
                blocks.Add((take, chooses));
                take = null;
                chooses = [];
            }
        }
        return blocks;
    }
}
