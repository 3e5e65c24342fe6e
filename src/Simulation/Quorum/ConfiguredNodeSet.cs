using System.Collections;
using PveLint.Analysis.Quorum;

namespace PveLint.Simulation.Quorum;

/// <summary>
/// A set of configured nodes as one bit per node of the corosync.conf: the quorate set of every scenario, asked
/// only whether it holds a node. A HashSet of 64 names was about 2 KB per scenario; this is a few words.
/// Enumerates in the order corosync.conf lists the nodes.
/// </summary>
internal sealed class ConfiguredNodeSet : IReadOnlySet<string>
{
    private readonly VoteConfig _config;
    private readonly ulong[] _bits;

    public ConfiguredNodeSet(VoteConfig config)
    {
        _config = config;
        _bits = new ulong[(config.Nodes.Length + 63) / 64];
    }

    /// <summary>Adds a configured node; a name corosync.conf does not configure is refused.</summary>
    public void Add(string name)
    {
        var at = _config.IndexOf(name);
        if (at < 0) throw new ArgumentException($"node '{name}' is not configured in corosync.conf", nameof(name));
        if ((_bits[at >> 6] & (1UL << at)) == 0) Count++;
        _bits[at >> 6] |= 1UL << at;
    }

    public int Count { get; private set; }

    public bool Contains(string item) => _config.IndexOf(item) is var at and >= 0 && (_bits[at >> 6] & (1UL << at)) != 0;

    public IEnumerator<string> GetEnumerator()
    {
        for (var i = 0; i < _config.Nodes.Length; i++)
            if ((_bits[i >> 6] & (1UL << i)) != 0) yield return _config.Nodes[i].Name;
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
