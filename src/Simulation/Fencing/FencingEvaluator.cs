using System.Collections.Immutable;
using PveLint.Simulation.Scenarios;

namespace PveLint.Simulation.Fencing;

/// <summary>
/// Which nodes reset themselves after a failure. A node that loses quorum cannot renew its HA locks in pmxcfs; the
/// HA clients holding watchdog-mux open (the LRM while it has active services, and the CRM master) stop feeding it,
/// and the node resets once the 60 s client timeout and then the 10 s hardware timeout have passed
/// (reference/pve-ha-manager.md §3.3, §6). Nodes without such a client stay up and are not fenced.
/// </summary>
public static class FencingEvaluator
{
    /// <summary>watchdog-mux's client timeout (60 s) plus the 10 s it programs into /dev/watchdog.</summary>
    public const int SelfFenceSeconds = 70;

    /// <param name="scenario">The failure.</param>
    /// <param name="quorateNodes">The nodes the quorum layer found quorate in this scenario.</param>
    /// <param name="undecidedNodes">Nodes whose quorum the quorum layer could not decide: their fate is not guessed.</param>
    /// <param name="activeServices">
    /// Per node, the HA services the LRM counts as active in the steady state (state not stopped, freeze or error:
    /// pve-ha-manager LRM.pm <c>active_service_count</c>); an LRM with none is idle and holds no watchdog.
    /// </param>
    /// <param name="crmMaster">The node whose CRM holds the manager lock (from manager_status), if known.</param>
    public static FencingOutcome Evaluate(
        IReadOnlyList<string> nodes,
        FailureScenario scenario,
        IReadOnlySet<string> quorateNodes,
        IReadOnlySet<string> undecidedNodes,
        IReadOnlyDictionary<string, int> activeServices,
        string? crmMaster)
    {
        var failed = scenario.FailedNodes.ToHashSet(StringComparer.Ordinal);
        var anyHa = activeServices.Values.Any(n => n > 0);
        var fates = ImmutableArray.CreateBuilder<NodeFate>(nodes.Count);
        foreach (var node in nodes)
        {
            if (failed.Contains(node)) { fates.Add(new NodeFate(node, NodeFateKind.Failed, "lost in this scenario")); continue; }
            if (quorateNodes.Contains(node)) { fates.Add(new NodeFate(node, NodeFateKind.Quorate, "quorate")); continue; }
            if (undecidedNodes.Contains(node)) { fates.Add(new NodeFate(node, NodeFateKind.Undecided, "its quorum is undecidable")); continue; }
            var services = activeServices.GetValueOrDefault(node);
            var master = anyHa && node == crmMaster;
            if (services > 0 || master)
            {
                var holders = services > 0 ? $"its LRM has {services} active HA service{(services == 1 ? "" : "s")}" : "";
                if (master) holders += (holders.Length > 0 ? " and " : "") + "it is the CRM master";
                fates.Add(new NodeFate(node, NodeFateKind.SelfFences,
                    $"loses quorum while {holders}: the watchdog resets it about {SelfFenceSeconds} s later"));
            }
            else
            {
                fates.Add(new NodeFate(node, NodeFateKind.InquorateIdle,
                    "loses quorum but runs no active HA service, so its watchdog is not armed: it stays up with /etc/pve read-only"));
            }
        }
        return new FencingOutcome(fates.ToImmutable());
    }
}
