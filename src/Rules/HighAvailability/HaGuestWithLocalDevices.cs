using PveLint.Analysis.HighAvailability.Rules;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;

namespace PveLint.Rules.HighAvailability;

public sealed class HaGuestWithLocalDevices : Rule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE2018", "ha-guest-with-local-devices",
        "An HA guest using a host device that the other nodes it may run on do not have",
        Severity.Warning, RuleCategory.HighAvailability,
        "A guest with a passthrough PCI or USB device, or a host serial or parallel port, depends on hardware of one node. When HA recovers it on another node, the device is missing there (or a different device sits at the same address) and the start fails or passes the wrong hardware through; migrations for maintenance or rebalancing are refused. A cluster resource mapping (mapping/pci.cfg, usb.cfg) that lists the device on every node the guest may run on solves this.",
        "Use a cluster resource mapping ('hostpci0: mapping=gpu') with an entry for every node the guest may run on, or restrict the guest with a strict node-affinity rule to the nodes that have the device.",
        "design", "devices", "node-affinity");

    public override RuleMetadata Metadata => Meta;

    public override IEnumerable<Finding> Check(ClusterModel model)
    {
        var rules = HaRuleSet.Evaluate(model);
        foreach (var resource in model.Ha.Resources)
        {
            if (model.GuestOf(resource) is not { } guest || guest.Sid != resource.Sid || guest.Devices.IsEmpty) continue;
            var devices = GuestLocality.HostDevicesOf(guest).ToList();
            if (devices.Count == 0) continue; // most guests: nothing to judge, so no node sets to build
            var allowed = FailureDomains.Known(model, rules.AllowedNodes(resource.Sid)).Where(n => n != guest.Node).ToList();
            if (allowed.Count == 0) continue;
            var affinity = rules.NodeAffinityOf(resource.Sid);
            var where = affinity is { Strict: true } ? $"its strict {affinity.Rule.Describe()} lets HA run it on {HaText.List(allowed)} too" : $"HA may recover or migrate it to {HaText.List(allowed)}";
            foreach (var device in devices)
            {
                var related = new List<RelatedSpan> { new(resource.Section.HeaderSpan, $"HA resource {resource.Sid}") };
                if (affinity?.Rule.Span is { } ruleSpan) related.Add(new RelatedSpan(ruleSpan, affinity.Rule.Describe()));
                string problem;
                if (device.Mapping is { } id && device.Kind is "hostpci" or "usb")
                {
                    var kind = device.Kind == "hostpci" ? "pci" : "usb";
                    if (!model.Mappings.Knows(kind)) continue; // the mapping file was not scanned: nothing to judge
                    var mapping = model.Mappings.Find(kind, id);
                    var missing = allowed.Where(n => mapping is null || !mapping.Nodes.Contains(n)).ToList();
                    if (missing.Count == 0) continue;
                    if (mapping is not null) related.Add(new RelatedSpan(mapping.HeaderSpan, $"mapping '{id}' has entries for {HaText.List(mapping.Nodes)}"));
                    problem = mapping is null
                        ? $"uses mapping '{id}' ({device.Key.Value}), which mapping/{kind}.cfg does not define"
                        : $"uses mapping '{id}' ({device.Key.Value}), which has no entry for {HaText.List(missing)}";
                }
                else
                {
                    problem = $"uses host device {device.Key.Value}: {device.Value.Value}, which belongs to node {guest.Node}";
                }
                yield return Report(device.Key.Span,
                    $"HA guest {HaText.Resource(model, resource.Sid)} on node {guest.Node} {problem}, but {where}: there the device is missing and the guest does not start (or gets other hardware).", related);
            }
        }
    }
}
