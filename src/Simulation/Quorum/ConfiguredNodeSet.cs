using PveLint.Analysis.Quorum;
using PveLint.Model;

namespace PveLint.Simulation.Quorum;

/// <summary>
/// A set of configured nodes as one bit per node of the corosync.conf (<see cref="DenseIntSet"/> of positions): the
/// quorate set of every scenario, asked only whether it holds a node. A HashSet of 64 names was about 2 KB per
/// scenario; this is a few words. Enumerates in the order corosync.conf lists the nodes.
/// </summary>
internal sealed class ConfiguredNodeSet(VoteConfig config) : MembershipSet<string>(StringComparer.Ordinal)
{
    private readonly DenseIntSet _positions = new(config.Nodes.Length - 1);

    /// <summary>Adds a configured node; a name corosync.conf does not configure is refused.</summary>
    public void Add(string name)
    {
        var at = config.IndexOf(name);
        if (at < 0) throw new ArgumentException($"node '{name}' is not configured in corosync.conf", nameof(name));
        _positions.Add(at);
    }

    public override int Count => _positions.Count;

    public override bool Contains(string item) => config.IndexOf(item) is var at and >= 0 && _positions.Contains(at);

    public override IEnumerator<string> GetEnumerator()
    {
        foreach (var at in _positions) yield return config.Nodes[at].Name;
    }
}
