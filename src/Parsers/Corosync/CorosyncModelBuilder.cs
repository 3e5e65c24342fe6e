using System.Collections.Immutable;
using System.Text.RegularExpressions;
using PveLint.Corosync.Syntax;
using PveLint.Model;

namespace PveLint.Corosync;

/// <summary>
/// Binds the merged configuration (<see cref="CorosyncConfigView"/>) to <see cref="CorosyncModel"/>. Integers are
/// read as corosync reads them (<see cref="CorosyncIntegers"/>); a value corosync would refuse is left null (the
/// key checks report it). votequorum's switches are u8 integers where any non-zero value means on.
/// Where PVE's own parser decides something corosync does not, the model follows PVE, as the brief of each field says.
/// </summary>
internal static partial class CorosyncModelBuilder
{
    public const int MaxLinkNumber = 7;

    [GeneratedRegex("^ring([0-9]+)_addr$", RegexOptions.CultureInvariant)]
    private static partial Regex RingAddress();

    public static CorosyncModel Build(string path, CorosyncConfigView view)
    {
        var nodelist = view.Sections("nodelist");
        return new CorosyncModel(path, BuildTotem(view), view.Nodes.Select(BuildNode).ToImmutableArray(), BuildQuorum(view),
            nodelist.Count > 0 ? nodelist[0].Span : null);
    }

    private static TotemConfig BuildTotem(CorosyncConfigView view)
    {
        var totem = view.Sections("totem");
        return new TotemConfig(
            Text(view["totem.cluster_name"]),
            Unsigned64(view["totem.config_version"]),
            Text(view["totem.transport"]),
            Text(view["totem.secauth"]),
            Text(view["totem.crypto_cipher"]),
            Text(view["totem.crypto_hash"]),
            Text(view["totem.link_mode"]),
            Integer(view["totem.token"], uint.MaxValue),
            Integer(view["totem.token_coefficient"], uint.MaxValue),
            view.Interfaces.Select(BuildInterface).ToImmutableArray(),
            totem.Count > 0 ? totem[0].Span : null);
    }

    /// <summary>The link number is <c>linknumber</c>, falling back to <c>ringnumber</c> as PVE's parser does (corosync 3 ignores ringnumber).</summary>
    private static TotemInterface BuildInterface(CorosyncInterfaceBlock block)
    {
        var link = Integer(block["linknumber"], byte.MaxValue) ?? Integer(block["ringnumber"], byte.MaxValue);
        var settings = block.Items.ToImmutableDictionary(kv => kv.Key, kv => kv.Value.Value, StringComparer.Ordinal);
        return new TotemInterface(link, settings, block.Block.Span);
    }

    /// <summary>The node's name falls back to ring0_addr as PVE's parser keys nodes (reference/pve-formats.md §6).</summary>
    private static ClusterNode BuildNode(CorosyncNodeEntry entry)
    {
        var name = entry["name"]?.Value ?? entry["ring0_addr"]?.Value ?? new Located<string>("", entry.FirstBlock.Name.Span);
        var links = entry.Items
            .Select(kv => (Match: RingAddress().Match(kv.Key), Item: kv.Value))
            .Where(x => x.Match.Success && int.TryParse(x.Match.Groups[1].ValueSpan, out var n) && n <= MaxLinkNumber)
            .Select(x => new NodeLink(int.Parse(x.Match.Groups[1].ValueSpan), x.Item.Value))
            .OrderBy(l => l.LinkNumber)
            .ToImmutableArray();
        return new ClusterNode(name, Integer(entry["nodeid"], uint.MaxValue), Integer(entry["quorum_votes"], uint.MaxValue), links, entry.FirstBlock.Span);
    }

    private static QuorumConfig BuildQuorum(CorosyncConfigView view)
    {
        var quorum = view.Sections("quorum");
        var devices = view.Sections("quorum.device");
        var device = devices.Count == 0
            ? null
            : new QDeviceConfig(
                Text(view["quorum.device.model"]),
                Integer(view["quorum.device.votes"], uint.MaxValue),
                Text(view["quorum.device.net.host"]),
                Text(view["quorum.device.net.algorithm"]),
                Text(view["quorum.device.net.tls"]),
                devices[0].Span) { TieBreaker = Text(view["quorum.device.net.tie_breaker"]) };
        return new QuorumConfig(
            Text(view["quorum.provider"]),
            Integer(view["quorum.expected_votes"], uint.MaxValue),
            Switch(view["quorum.two_node"]),
            Switch(view["quorum.wait_for_all"]),
            Switch(view["quorum.last_man_standing"]),
            Switch(view["quorum.auto_tie_breaker"]),
            Switch(view["quorum.allow_downscale"]),
            device,
            quorum.Count > 0 ? quorum[0].Span : null)
        {
            AutoTieBreakerNode = Text(view["quorum.auto_tie_breaker_node"]),
            LastManStandingWindow = Integer(view["quorum.last_man_standing_window"], uint.MaxValue),
            ExpectedVotesTracking = Switch(view["quorum.expected_votes_tracking"]),
            Votes = Integer(view["quorum.votes"], uint.MaxValue),
        };
    }

    private static Located<string>? Text(CorosyncItem? item) => item?.Value;

    /// <summary>An unsigned integer of at most <paramref name="max"/>; above int.MaxValue it is capped (only nonsense values get there).</summary>
    internal static Located<int>? Integer(CorosyncItem? item, long max) =>
        item is not null && CorosyncIntegers.TryParse(item.Value.Value, 0, max, out var v)
            ? new Located<int>((int)Math.Min(v, int.MaxValue), item.Value.Span)
            : null;

    /// <summary>config_version is a u64; kept bit for bit in a long, since only equality between nodes matters.</summary>
    private static Located<long>? Unsigned64(CorosyncItem? item) =>
        item is not null && CorosyncIntegers.TryParseUnsigned64(item.Value.Value, out var v)
            ? new Located<long>(unchecked((long)v), item.Value.Span)
            : null;

    /// <summary>votequorum reads its switches with icmap_get_uint8: 0 is off, 1..255 on.</summary>
    internal static Located<bool>? Switch(CorosyncItem? item) =>
        item is not null && CorosyncIntegers.TryParse(item.Value.Value, 0, byte.MaxValue, out var v)
            ? new Located<bool>(v != 0, item.Value.Span)
            : null;
}
