using System.Collections;
using PveLint.Analysis.Quorum;
using PveLint.Model;

namespace PveLint.Simulation.Quorum;

/// <summary>
/// A set of configured nodes as one bit per node of the corosync.conf (<see cref="DenseIntSet"/> of positions): the
/// quorate set of every scenario, asked only whether it holds a node. A HashSet of 64 names was about 2 KB per
/// scenario; this is a few words. Enumerates in the order corosync.conf lists the nodes.
/// </summary>
internal sealed class ConfiguredNodeSet(VoteConfig config) : IReadOnlySet<string>
{
    private readonly DenseIntSet _positions = new(config.Nodes.Length - 1);

    /// <summary>Adds a configured node; a name corosync.conf does not configure is refused.</summary>
    public void Add(string name)
    {
        var at = config.IndexOf(name);
        if (at < 0) throw new ArgumentException($"node '{name}' is not configured in corosync.conf", nameof(name));
        _positions.Add(at);
    }

    public int Count => _positions.Count;

    public bool Contains(string item) => config.IndexOf(item) is var at and >= 0 && _positions.Contains(at);

    public IEnumerator<string> GetEnumerator()
    {
        foreach (var at in _positions) yield return config.Nodes[at].Name;
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    // The set algebra is never on a scenario's hot path: answered through a HashSet of the same names.
    private HashSet<string> AsHashSet() => new(this, StringComparer.Ordinal);

    public bool IsProperSubsetOf(IEnumerable<string> other) => AsHashSet().IsProperSubsetOf(other);

    public bool IsProperSupersetOf(IEnumerable<string> other) => AsHashSet().IsProperSupersetOf(other);

    public bool IsSubsetOf(IEnumerable<string> other) => AsHashSet().IsSubsetOf(other);

    public bool IsSupersetOf(IEnumerable<string> other) => AsHashSet().IsSupersetOf(other);

    public bool Overlaps(IEnumerable<string> other) => other.Any(Contains);

    public bool SetEquals(IEnumerable<string> other) => AsHashSet().SetEquals(other);
}
