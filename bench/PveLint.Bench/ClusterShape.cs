namespace PveLint.Bench;

/// <summary>
/// The size of a generated cluster. <see cref="Guests"/> are spread round-robin over the nodes; the first
/// <see cref="HaRules"/> guests get a rule (node affinity or a negative pair); the nodes are split in order into
/// <see cref="Sites"/> data sites, each a CRUSH datacenter; <see cref="Witness"/> adds one more site holding only the
/// QDevice.
/// </summary>
public sealed record ClusterShape(int Nodes, int Guests, int HaRules, int OsdsPerNode = 4, bool Witness = false, int Sites = 2)
{
    public static ClusterShape PerNode(int nodes, int guestsPerNode) => new(nodes, nodes * guestsPerNode, nodes * guestsPerNode);

    /// <summary>Issue 14's goal: 64 nodes in 3 sites, 10 000 guests, 2 000 HA rules, 512 OSDs in 3 datacenters (and a QDevice witness).</summary>
    public static ClusterShape Goal { get; } = new(64, 10_000, 2_000, OsdsPerNode: 8, Witness: true, Sites: 3);

    /// <summary>The data site (0-based) of node <paramref name="n"/> (1-based): the nodes in order, split as evenly as they go.</summary>
    public int SiteOf(int n) => (n - 1) * Sites / Nodes;

    public override string ToString() => $"{Nodes}n/{Sites}s/{Guests}g/{HaRules}r/{Nodes * OsdsPerNode}osd{(Witness ? "/qdev" : "")}";
}
