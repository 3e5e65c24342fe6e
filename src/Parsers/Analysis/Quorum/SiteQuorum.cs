using System.Collections.Immutable;
using PveLint.Model;

namespace PveLint.Analysis.Quorum;

/// <summary>The voting nodes of one site and their votes.</summary>
public sealed record SiteVotes(Site Site, ImmutableArray<VoteNode> Nodes)
{
    public int Votes => Nodes.Sum(n => n.Votes);

    public IEnumerable<string> NodeNames => Nodes.Select(n => n.Name);
}

/// <summary>Where the QDevice host (corosync-qnetd) is, and how pvelint knows.</summary>
public sealed record QDevicePlacement(string Host, Site? Site, HostPlacement Placement, bool Declared)
{
    public bool IsKnown => Site is not null || Placement.Node is not null;

    /// <summary>"in site witness (by its addresses: 10.9.0.0/24)", "on cluster node pve-a1 in site room-a", "in site witness (declared qdevice: true)".</summary>
    public string Describe() => Declared ? $"in site {Site!.Name} (declared with qdevice: true in .pvelint.yaml)" : Placement.Describe();
}

/// <summary>
/// The cluster's votes seen through its sites, for the quorum rules and the simulation: which data site holds
/// which votes, where the QDevice is, and the verdicts of <see cref="QuorumEvaluator"/> for losing a site or cutting
/// the links between sites. Sites come from .pvelint.yaml or the CRUSH map (<see cref="Basis"/> says which);
/// <see cref="SitesCoverAllVotes"/> is false when some voting node is in no site, and then the rules fall back to
/// node counts.
/// </summary>
public sealed class SiteQuorum
{
    private SiteQuorum(ClusterModel model, VoteConfig config, VoteArithmetic arithmetic)
    {
        Config = config;
        Arithmetic = arithmetic;
        var bySite = new List<SiteVotes>();
        foreach (var site in model.Sites.Where(s => s.IsData))
        {
            var nodes = config.Nodes.Where(n => site.Nodes.Contains(n.Name)).ToImmutableArray();
            if (nodes.Length > 0) bySite.Add(new SiteVotes(site, nodes));
        }
        DataSites = bySite.ToImmutableArray();
        Unplaced = config.Nodes.Where(n => !bySite.Any(s => s.Nodes.Contains(n))).ToImmutableArray();
        if (config.QDevice?.Host is { } host)
        {
            var placement = model.PlaceHost(host);
            var declared = placement.IsKnown ? null : model.Sites.Where(s => s.HasQDevice).ToList() is { Count: 1 } one ? one[0] : null;
            QDevice = new QDevicePlacement(host, placement.Site ?? declared, placement, declared is not null);
        }
        Basis = model.Sites.Any(s => s.Source == SiteSource.LinterConfig)
            ? model.Sites.Any(s => s.Source == SiteSource.Crush) ? "sites from .pvelint.yaml and the CRUSH map" : "sites from .pvelint.yaml"
            : "sites from the CRUSH map";
    }

    /// <summary>Null when there is no corosync.conf or votequorum cannot be evaluated on it.</summary>
    public static SiteQuorum? Of(ClusterModel model)
    {
        if (VoteConfig.From(model.Corosync) is not { } config) return null;
        var arithmetic = VoteArithmetic.Of(config);
        return QuorumEvaluator.WhyNotEvaluable(arithmetic) is null ? new SiteQuorum(model, config, arithmetic) : null;
    }

    public VoteConfig Config { get; }

    public VoteArithmetic Arithmetic { get; }

    /// <summary>Data sites holding at least one configured node, in declaration order.</summary>
    public ImmutableArray<SiteVotes> DataSites { get; }

    /// <summary>Configured nodes no data site holds.</summary>
    public ImmutableArray<VoteNode> Unplaced { get; }

    public bool SitesCoverAllVotes => DataSites.Length > 0 && Unplaced.All(n => n.Votes == 0);

    /// <summary>Exactly two data sites hold all the votes, as many each, and there is no QDevice.</summary>
    public bool EvenTwoSiteSplit =>
        !Arithmetic.HasQDevice && SitesCoverAllVotes && DataSites.Length == 2 && DataSites[0].Votes == DataSites[1].Votes && DataSites[0].Votes > 0;

    /// <summary>"sites from .pvelint.yaml", "sites from the CRUSH map".</summary>
    public string Basis { get; }

    public QDevicePlacement? QDevice { get; }

    /// <summary>Whether a partition made of these sites reaches qnetd: it is in one of them or in a site that survives and is not cut off.</summary>
    private bool Reaches(IEnumerable<Site> partitionSites, IReadOnlyCollection<Site> lost, bool isolatedFromOtherSites)
    {
        if (QDevice?.Site is not { } at) return QDevice?.Placement.Node is { } node && partitionSites.Any(s => s.Nodes.Contains(node.Name));
        if (lost.Contains(at)) return false;
        if (partitionSites.Contains(at)) return true;
        // qnetd in a third site: every surviving partition reaches it unless the third site is cut off too.
        return !isolatedFromOtherSites || !DataSites.Any(s => s.Site == at);
    }

    /// <summary>Every site but <paramref name="site"/> survives, in one partition; the QDevice survives if it is elsewhere.</summary>
    public QuorumOutcome LoseSite(SiteVotes site)
    {
        var rest = DataSites.Where(s => s != site).ToList();
        var nodes = rest.SelectMany(s => s.NodeNames).Concat(Unplaced.Select(n => n.Name)).ToList();
        var partitions = nodes.Count == 0 ? [] : new[] { Partition.Of(nodes, Reaches(rest.Select(s => s.Site), [site.Site], false)) };
        return QuorumEvaluator.Evaluate(Config, partitions);
    }

    /// <summary>The links between the data sites are cut: each site is a partition of its own.</summary>
    public QuorumOutcome CutBetweenSites() =>
        QuorumEvaluator.Evaluate(Config, DataSites.Select(s => Partition.Of(s.NodeNames, Reaches([s.Site], [], true))).ToList());
}
