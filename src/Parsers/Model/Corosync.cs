using System.Collections.Immutable;
using PveLint.Text;

namespace PveLint.Model;

/// <summary>corosync.conf as corosync/votequorum will use it (reference/corosync-quorum.md).</summary>
public sealed record CorosyncModel(
    string Path,
    TotemConfig Totem,
    ImmutableArray<ClusterNode> Nodes,
    QuorumConfig Quorum,
    SourceSpan? NodelistSpan)
{
    /// <summary>Sum of the nodes' votes (quorum_votes, default 1).</summary>
    public int NodeVotes => Nodes.Sum(n => n.Votes);
}

public sealed record TotemConfig(
    Located<string>? ClusterName,
    Located<long>? ConfigVersion,
    Located<string>? Transport,
    Located<string>? Secauth,
    Located<string>? CryptoCipher,
    Located<string>? CryptoHash,
    Located<string>? LinkMode,
    Located<int>? Token,
    Located<int>? TokenCoefficient,
    ImmutableArray<TotemInterface> Interfaces,
    SourceSpan? Span);

/// <summary>A totem <c>interface { linknumber: N ... }</c> block.</summary>
public sealed record TotemInterface(Located<int>? LinkNumber, ImmutableDictionary<string, Located<string>> Settings, SourceSpan Span);

/// <summary>A <c>nodelist { node { ... } }</c> entry.</summary>
public sealed record ClusterNode(
    Located<string> Name,
    Located<int>? NodeId,
    Located<int>? QuorumVotes,
    ImmutableArray<NodeLink> Links,
    SourceSpan Span)
{
    public int Votes => QuorumVotes?.Value ?? 1;
}

/// <summary><c>ringN_addr</c> (or <c>linkN</c>) of a node: link number and address.</summary>
public sealed record NodeLink(int LinkNumber, Located<string> Address);

public sealed record QuorumConfig(
    Located<string>? Provider,
    Located<int>? ExpectedVotes,
    Located<bool>? TwoNode,
    Located<bool>? WaitForAll,
    Located<bool>? LastManStanding,
    Located<bool>? AutoTieBreaker,
    Located<bool>? AllowDownscale,
    QDeviceConfig? Device,
    SourceSpan? Span)
{
    public static QuorumConfig Empty { get; } = new(null, null, null, null, null, null, null, null, null);

    /// <summary><c>auto_tie_breaker_node</c>: <c>lowest</c> (default), <c>highest</c> or a list of nodeids.</summary>
    public Located<string>? AutoTieBreakerNode { get; init; }

    /// <summary><c>last_man_standing_window</c> in ms (default 10000).</summary>
    public Located<int>? LastManStandingWindow { get; init; }

    /// <summary><c>expected_votes_tracking</c> (implied by allow_downscale).</summary>
    public Located<bool>? ExpectedVotesTracking { get; init; }

    /// <summary><c>votes</c>: this node's votes when there is no nodelist (deprecated).</summary>
    public Located<int>? Votes { get; init; }
}

/// <summary><c>quorum { device { model: net; votes; net { host; algorithm; tls } } }</c>.</summary>
public sealed record QDeviceConfig(
    Located<string>? Model,
    Located<int>? Votes,
    Located<string>? Host,
    Located<string>? Algorithm,
    Located<string>? Tls,
    SourceSpan Span)
{
    /// <summary><c>net { tie_breaker }</c>: <c>lowest</c> (default), <c>highest</c> or a nodeid.</summary>
    public Located<string>? TieBreaker { get; init; }
}
