using PveLint.Analysis.Ceph;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;

namespace PveLint.Rules.Ceph;

/// <summary>PVE3009: a pool whose CRUSH rule cannot place size copies in distinct failure domains.</summary>
public sealed class CrushRuleUnsatisfiable : Rule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE3009", "crush-rule-unsatisfiable",
        "A pool whose CRUSH rule cannot place size copies in distinct failure domains",
        Severity.Error, RuleCategory.Ceph,
        "CRUSH places each copy in a different failure domain of the type the rule names. With fewer such domains than the pool's size (too few hosts, racks or datacenters, a device class with no OSDs under the rule's root, zero-weight or out OSDs), some or all PGs stay undersized: they never get all their copies, and the next failure can take them below min_size. 'crushtool --test --show-bad-mappings' reports the same inputs as bad mappings.",
        "Add failure domains (hosts, racks, datacenters) with OSDs of the rule's class, lower the pool's size, or choose a rule whose failure domain the cluster has enough of.",
        "ceph", "crush", "pools");

    public override RuleMetadata Metadata => Meta;

    public override IEnumerable<Finding> Check(ClusterModel model)
    {
        var view = CephView.Of(model);
        if (view.Hierarchy is not { } h) yield break;
        foreach (var pool in model.Ceph.Pools)
        {
            var rule = view.RuleOf(pool);
            if (rule is null)
            {
                yield return Report(pool.Span, $"Pool '{pool.Name}' uses CRUSH rule {pool.CrushRule}, which the CRUSH map does not have: none of its {pool.Size} copies can be placed.");
                continue;
            }
            var check = view.Check(pool)!;
            if (check.CanPlaceAll) continue;
            var placement = check.Structural;
            var related = new List<RelatedSpan> { new(rule.Span, $"rule '{rule.Name}': {placement.StepsText}") };
            var affected = check.Exact ? $" ({check.ShortInputs.Length} of its {check.Inputs} PGs{(pool.PgNum > 0 ? "" : " inputs")} get fewer, as few as {check.FewestCopies})" : "";

            if (check.GivesUp)
            {
                var tries = h.Map.Tunables.TryGetValue("choose_total_tries", out var t) ? t : 19;
                yield return Report(pool.Span,
                    $"Pool '{pool.Name}' (size {pool.Size}) uses rule '{rule.Name}' ({placement.StepsText}): the tree has enough failure domains, but CRUSH gives up " +
                    $"after choose_total_tries={tries} retries on {check.ShortInputs.Length} of {check.Inputs} PGs, which get only {check.FewestCopies} to {pool.Size - 1} copies " +
                    "(the rule needs nearly every domain, and their weights differ a lot; 'crushtool --test --show-bad-mappings' lists them).",
                    related);
                continue;
            }

            var shortfalls = placement.Shortfalls.ToList();
            var detail = shortfalls.Count == 0
                ? placement.Problems.Length > 0 ? string.Join("; ", placement.Problems) : "the rule's positions it cannot fill keep OSDs that are out"
                : string.Join("; ", shortfalls.Take(3).Select(Describe)) + (shortfalls.Count > 3 ? $"; and {shortfalls.Count - 3} more" : "");
            var copies = placement.Copies.Max < pool.Size
                ? $"can place at most {placement.Copies.Max} of its {pool.Size} copies{affected}"
                : $"cannot always place its {pool.Size} copies{affected}";
            foreach (var s in shortfalls.Take(3))
                if (h.Map.Bucket(s.Parent) is { } real)
                    related.Add(new RelatedSpan(real.Span, $"{real.Type} {real.Name}: {s.Usable.Length} usable {s.Type} of {s.Requested} asked for"));
            yield return Report(pool.Span,
                $"Pool '{pool.Name}' (size {pool.Size}) uses rule '{rule.Name}' ({placement.StepsText}), which {copies}: {detail}.",
                related);
        }
    }

    private static string Describe(PlacementStep step)
    {
        var have = step.Usable.IsEmpty ? "none is usable" : $"only {step.Usable.Length} {(step.Usable.Length == 1 ? "is" : "are")} usable ({CephText.List(step.Usable)})";
        var lacking = step.Unusable.IsEmpty ? "" : $"; without usable OSDs: {CephText.List(step.Unusable)}";
        return $"'{step.Describe()}' under {step.ParentText} asks for {step.Requested} {step.Type}{(step.Requested == 1 ? "" : "s")}, {have}{lacking}";
    }
}
