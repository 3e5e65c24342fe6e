using System.Collections.Immutable;
using PveLint.Simulation.Scenarios;

namespace PveLint.Simulation.Fencing;

/// <summary>
/// Which nodes reset themselves after a failure. A node that loses quorum cannot renew its HA locks in pmxcfs; the
/// HA clients holding watchdog-mux open (the LRM while it has active services, and the CRM master) stop feeding it,
/// and the node resets once the 60 s client timeout and then the 10 s hardware timeout have passed
/// (reference/pve-ha-manager.md §3.3, §6). Nodes without such a client stay up and are not fenced.
/// </summary>
public sealed class FencingEvaluator
{
    /// <summary>watchdog-mux's client timeout (60 s) plus the 10 s it programs into /dev/watchdog.</summary>
    public const int SelfFenceSeconds = 70;

    private readonly string[] nodes;
    // A node's fate depends on the scenario only through its kind: each node's fates are made once and shared by
    // every scenario (a large cluster's simulation holds thousands of scenarios × every node).
    private readonly NodeFate?[,] fates;
    private readonly IReadOnlyDictionary<string, int> activeServices;
    private readonly string? crmMaster;
    private readonly bool anyHa;

    /// <param name="nodes">The cluster's nodes, in the order the outcome lists them.</param>
    /// <param name="activeServices">
    /// Per node, the HA services the LRM counts as active in the steady state (state not stopped, freeze or error:
    /// pve-ha-manager LRM.pm <c>active_service_count</c>); an LRM with none is idle and holds no watchdog.
    /// </param>
    /// <param name="crmMaster">The node whose CRM holds the manager lock (from manager_status), if known.</param>
    public FencingEvaluator(IReadOnlyList<string> nodes, IReadOnlyDictionary<string, int> activeServices, string? crmMaster)
    {
        this.nodes = [.. nodes];
        fates = new NodeFate?[this.nodes.Length, Enum.GetValues<NodeFateKind>().Length];
        this.activeServices = activeServices;
        this.crmMaster = crmMaster;
        anyHa = activeServices.Values.Any(n => n > 0);
    }

    /// <param name="scenario">The failure.</param>
    /// <param name="quorateNodes">The nodes the quorum layer found quorate in this scenario.</param>
    /// <param name="undecidedNodes">Nodes whose quorum the quorum layer could not decide: their fate is not guessed.</param>
    public FencingOutcome Evaluate(FailureScenario scenario, IReadOnlySet<string> quorateNodes, IReadOnlySet<string> undecidedNodes)
    {
        var failed = scenario.FailedNodes.ToHashSet(StringComparer.Ordinal);
        var outcome = ImmutableArray.CreateBuilder<NodeFate>(nodes.Length);
        for (var i = 0; i < nodes.Length; i++)
        {
            var node = nodes[i];
            var kind = failed.Contains(node) ? NodeFateKind.Failed
                : quorateNodes.Contains(node) ? NodeFateKind.Quorate
                : undecidedNodes.Contains(node) ? NodeFateKind.Undecided
                : activeServices.GetValueOrDefault(node) > 0 || (anyHa && node == crmMaster) ? NodeFateKind.SelfFences
                : NodeFateKind.InquorateIdle;
            outcome.Add(Fate(i, kind));
        }
        return new FencingOutcome(outcome.MoveToImmutable());
    }

    // Scenarios run in parallel: two threads may make the same fate at once, and either copy serves.
    private NodeFate Fate(int node, NodeFateKind kind) =>
        Volatile.Read(ref fates[node, (int)kind]) ?? (fates[node, (int)kind] = new NodeFate(nodes[node], kind, Reason(nodes[node], kind)));

    private string Reason(string node, NodeFateKind kind)
    {
        switch (kind)
        {
            case NodeFateKind.Failed: return "lost in this scenario";
            case NodeFateKind.Quorate: return "quorate";
            case NodeFateKind.Undecided: return "its quorum is undecidable";
            case NodeFateKind.SelfFences:
                var services = activeServices.GetValueOrDefault(node);
                var holders = services > 0 ? $"its LRM has {services} active HA service{(services == 1 ? "" : "s")}" : "";
                if (anyHa && node == crmMaster) holders += (holders.Length > 0 ? " and " : "") + "it is the CRM master";
                return $"loses quorum while {holders}: the watchdog resets it about {SelfFenceSeconds} s later";
            default:
                return "loses quorum but runs no active HA service, so its watchdog is not armed: it stays up with /etc/pve read-only";
        }
    }
}
