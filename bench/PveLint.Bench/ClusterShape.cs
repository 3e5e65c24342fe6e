namespace PveLint.Bench;

/// <summary>
/// The size of a generated cluster. <see cref="Guests"/> are spread round-robin over the nodes; the first
/// <see cref="HaRules"/> guests get a rule (node affinity or a negative pair); <see cref="Witness"/> adds a third
/// site holding only the QDevice.
/// </summary>
public sealed record ClusterShape(int Nodes, int Guests, int HaRules, int OsdsPerNode = 4, bool Witness = false)
{
    public static ClusterShape PerNode(int nodes, int guestsPerNode) => new(nodes, nodes * guestsPerNode, nodes * guestsPerNode);

    /// <summary>Issue 12's speed goal: 64 nodes in 3 sites, 10 000 guests, 2 000 HA rules, 512 OSDs.</summary>
    public static ClusterShape Goal { get; } = new(64, 10_000, 2_000, OsdsPerNode: 8, Witness: true);

    public override string ToString() => $"{Nodes}n/{Guests}g/{HaRules}r/{Nodes * OsdsPerNode}osd{(Witness ? "/qdev" : "")}";
}
