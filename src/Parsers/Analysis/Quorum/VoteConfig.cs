using System.Collections.Immutable;
using PveLint.Model;

namespace PveLint.Analysis.Quorum;

/// <summary>A node as votequorum counts it: its nodeid and <c>quorum_votes</c> (default 1).</summary>
public sealed record VoteNode(string Name, int? NodeId, int Votes);

/// <summary>
/// <c>quorum { device { votes; net { algorithm; tie_breaker; host } } }</c>: <see cref="Votes"/> null means unset,
/// which votequorum turns into N-1 when every node has one vote (reference/corosync-quorum.md §2.1).
/// </summary>
public sealed record QDeviceSettings(int? Votes, string Algorithm, string TieBreaker, string? Host)
{
    public const string FiftyFiftySplit = "ffsplit";
    public const string LastManStanding = "lms";
}

/// <summary>
/// The votequorum inputs of a corosync.conf, in votequorum's own terms and without source spans, so the rules and
/// the simulation can also build one by hand (a design that has no corosync.conf yet). <see cref="WaitForAll"/>
/// null means "not set": votequorum then follows two_node. <see cref="Provider"/> other than corosync_votequorum
/// means no votequorum at all. Build one from a model with <see cref="From"/>; derive the numbers with
/// <see cref="VoteArithmetic.Of(VoteConfig)"/>; evaluate failures with <see cref="QuorumEvaluator"/>.
/// </summary>
public sealed record VoteConfig(
    ImmutableArray<VoteNode> Nodes,
    int? ExpectedVotes,
    bool TwoNode,
    bool? WaitForAll,
    bool LastManStanding,
    int LastManStandingWindowMs,
    bool AutoTieBreaker,
    string? AutoTieBreakerNode,
    bool AllowDownscale,
    bool ExpectedVotesTracking,
    QDeviceSettings? QDevice,
    string? Provider = VoteConfig.Votequorum)
{
    public const string Votequorum = "corosync_votequorum";

    /// <summary>votequorum's default <c>last_man_standing_window</c>.</summary>
    public const int DefaultLastManStandingWindowMs = 10_000;

    /// <summary>A plain Proxmox-style configuration: these nodes, one vote each unless given, nothing else set.</summary>
    public static VoteConfig Plain(IEnumerable<VoteNode> nodes, QDeviceSettings? qdevice = null) =>
        new(nodes.ToImmutableArray(), null, false, null, false, DefaultLastManStandingWindowMs, false, null, false, false, qdevice);

    /// <summary>The votequorum inputs of a corosync.conf as the model holds it (null without a corosync.conf).</summary>
    public static VoteConfig? From(CorosyncModel? corosync)
    {
        if (corosync is null) return null;
        var q = corosync.Quorum;
        var device = q.Device is { Model.Value.Length: > 0 } d
            ? new QDeviceSettings(d.Votes?.Value, d.Algorithm?.Value ?? QDeviceSettings.FiftyFiftySplit, d.TieBreaker?.Value ?? "lowest", d.Host?.Value)
            : null;
        return new VoteConfig(
            corosync.Nodes.Select(n => new VoteNode(n.Name.Value, n.NodeId?.Value, n.Votes)).ToImmutableArray(),
            q.ExpectedVotes?.Value is > 0 and var ev ? ev : null,
            q.TwoNode?.Value ?? false,
            q.WaitForAll?.Value,
            q.LastManStanding?.Value ?? false,
            q.LastManStandingWindow?.Value ?? DefaultLastManStandingWindowMs,
            q.AutoTieBreaker?.Value ?? false,
            q.AutoTieBreakerNode?.Value,
            q.AllowDownscale?.Value ?? false,
            q.ExpectedVotesTracking?.Value ?? false,
            device,
            q.Provider?.Value);
    }

    /// <summary>The node of that name (the first, if corosync.conf names two alike).</summary>
    public VoteNode? Node(string name) => IndexOf(name) is var at and >= 0 ? Nodes[at] : null;

    /// <summary>The position in <see cref="Nodes"/> of the node of that name (the first, if two are alike), or -1.</summary>
    public int IndexOf(string name) => Positions.Of(this).GetValueOrDefault(name, -1);

    // Asked for every node of every scenario: looked up by name, built once per configuration.
    private static readonly OncePer<VoteConfig, Dictionary<string, int>> Positions = new(static config =>
    {
        var positions = new Dictionary<string, int>(config.Nodes.Length, StringComparer.Ordinal);
        for (var i = 0; i < config.Nodes.Length; i++) positions.TryAdd(config.Nodes[i].Name, i);
        return positions;
    });
}
