using System.Collections.Immutable;

namespace PveLint.Simulation.Fencing;

/// <summary>What a failure does to one node.</summary>
public enum NodeFateKind
{
    /// <summary>In a quorate partition: keeps running its services, and may receive recovered ones.</summary>
    Quorate,
    /// <summary>Down in the scenario itself (power, hardware, site).</summary>
    Failed,
    /// <summary>Inquorate with an armed watchdog (an active LRM or the CRM master): it resets itself.</summary>
    SelfFences,
    /// <summary>Inquorate, but no HA client holds its watchdog: it stays up, /etc/pve read-only, its guests untouched.</summary>
    InquorateIdle,
    /// <summary>pvelint cannot tell whether the node keeps quorum (the quorum layer says why).</summary>
    Undecided,
}

public sealed record NodeFate(string Node, NodeFateKind Fate, string Reason)
{
    /// <summary>When a self-fencing node resets, in seconds after it lost quorum (null when it does not).</summary>
    public int? ResetAfterSeconds => Fate == NodeFateKind.SelfFences ? FencingEvaluator.SelfFenceSeconds : null;

    /// <summary>True when the node's HA services must be recovered elsewhere (it failed or fenced itself).</summary>
    public bool ServicesNeedRecovery => Fate is NodeFateKind.Failed or NodeFateKind.SelfFences;
}

/// <summary>The fencing layer's verdict for one scenario: one fate per node, in node order.</summary>
public sealed record FencingOutcome(ImmutableArray<NodeFate> Nodes)
{
    public IEnumerable<string> SelfFenced => Nodes.Where(n => n.Fate == NodeFateKind.SelfFences).Select(n => n.Node);

    public IEnumerable<string> NodesToRecover => Nodes.Where(n => n.ServicesNeedRecovery).Select(n => n.Node);
}
