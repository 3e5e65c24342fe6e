using PveLint.Analysis.Ceph;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;

namespace PveLint.Rules.Ceph;

/// <summary>PVE3012: a rule without a device class over a tree that holds both hdd and ssd/nvme OSDs.</summary>
public sealed class RuleMixesDeviceClasses : Rule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE3012", "rule-mixes-device-classes",
        "A rule without a device class over a tree that mixes hdd and ssd",
        Severity.Info, RuleCategory.Ceph,
        "A rule whose take step names no device class walks every OSD under its root. Where HDDs and SSDs are mixed, PGs get copies on both, and every write waits for the slowest copy: the pool runs at HDD speed while the SSDs fill up with data that gains nothing from them.",
        "Give the rule a device class ('step take default class ssd'), and a second rule for the other class if both are wanted; move each pool to the rule of its media.",
        "ceph", "crush", "media");

    public override RuleMetadata Metadata => Meta;

    private static readonly string[] Fast = ["ssd", "nvme"];

    public override IEnumerable<Finding> Check(ClusterModel model)
    {
        var view = CephView.Of(model);
        if (view.Hierarchy is not { } h) yield break;
        var used = model.Ceph.Pools.Select(p => p.CrushRule).ToHashSet();
        foreach (var rule in h.Map.Rules.Where(r => model.Ceph.Pools.IsEmpty || used.Contains(r.Id)))
        {
            foreach (var take in rule.Steps.Where(s => s.Op == "take" && s.ItemClass is null && s.Item is not null))
            {
                if (h.IdOf(take.Item!) is not { } root) continue;
                var devices = h.DevicesUnder(root).ToList();
                var hdd = devices.Where(d => h.ClassOf(d) == "hdd").ToList();
                var fast = devices.Where(d => h.ClassOf(d) is { } c && Fast.Contains(c)).ToList();
                if (hdd.Count == 0 || fast.Count == 0) continue;
                var pools = model.Ceph.Pools.Where(p => p.CrushRule == rule.Id).Select(p => $"'{p.Name}'").ToList();
                var fastClasses = string.Join("/", fast.Select(d => h.ClassOf(d)!).Distinct());
                yield return Report(rule.Span,
                    $"Rule '{rule.Name}' ({RuleText.Describe(rule)}) has no device class, and '{take.Item}' holds {hdd.Count} hdd OSDs ({CephText.List(hdd.Select(h.NameOf), 4)}) " +
                    $"and {fast.Count} {fastClasses} OSDs ({CephText.List(fast.Select(h.NameOf), 4)}): PGs{(pools.Count > 0 ? $" of pool {string.Join(", ", pools)}" : "")} get copies on both, and writes run at the speed of the HDDs.",
                    [new RelatedSpan(h.Map.Devices.First(d => d.Id == hdd[0]).Span, $"{h.NameOf(hdd[0])}: class hdd"),
                     new RelatedSpan(h.Map.Devices.First(d => d.Id == fast[0]).Span, $"{h.NameOf(fast[0])}: class {h.ClassOf(fast[0])}")]);
                break;
            }
        }
    }
}
