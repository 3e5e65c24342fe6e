using System.Collections.Immutable;
using PveLint.Model;
using PveLint.Text;

namespace PveLint.Analysis.HighAvailability.Rules;

/// <summary>Where pvelint learned that guests are redundant instances of one service.</summary>
public enum RedundancyBasis
{
    /// <summary>A <c>redundancy-groups</c> entry in .pvelint.yaml.</summary>
    Declared,

    /// <summary>A ProxLB anti-affinity tag (<c>plb_anti_affinity_&lt;name&gt;</c>) shared by the guests.</summary>
    ProxLbTag,

    /// <summary>A guess from the guest names (<see cref="RedundantNames"/>).</summary>
    Name,
}

/// <summary>Guests that should never share a node (or, with sites, a site), the evidence, and where it is written.</summary>
/// <param name="Members">HA resource ids (<c>vm:101</c>) of the members, in the order found.</param>
/// <param name="Why">A sentence fragment saying why pvelint thinks they belong together.</param>
/// <param name="Span">The declaration (the .pvelint.yaml entry, the first member's tag), or null for a name guess.</param>
public sealed record RedundantSet(string Name, RedundancyBasis Basis, ImmutableArray<string> Members, string Why, SourceSpan? Span)
{
    public bool IsGuess => Basis == RedundancyBasis.Name;
}

/// <summary>
/// Finds redundant guests, for the rules that want them kept apart (PVE2009, PVE2024): the <c>redundancy-groups</c>
/// of .pvelint.yaml, guests sharing a ProxLB <c>plb_anti_affinity_*</c> tag, and — only when .pvelint.yaml declares no
/// redundancy groups, so a declaration switches the guessing off — guests whose names look like instances of one
/// service (<see cref="RedundantNames"/>). A name guess is left out when its guests share a ProxLB
/// <c>plb_affinity_*</c> tag (kept together on purpose), when it has more members than the cluster has nodes, and when
/// a declared or tagged set already covers it. Templates are never members.
/// </summary>
public static class RedundantSets
{
    public const string ProxLbAntiAffinityPrefix = "plb_anti_affinity_";
    public const string ProxLbAffinityPrefix = "plb_affinity_";

    // PVE2009 and PVE2024 both ask, in parallel: the sets of a model are found once.
    private static readonly OncePer<ClusterModel, ImmutableArray<RedundantSet>> Found = new(Compute);

    public static ImmutableArray<RedundantSet> Find(ClusterModel model) => Found.Of(model);

    private static ImmutableArray<RedundantSet> Compute(ClusterModel model)
    {
        var sets = new List<RedundantSet>();
        foreach (var group in model.Config.RedundancyGroups)
            sets.Add(new RedundantSet(group.Name.Value, RedundancyBasis.Declared, group.Members.Select(m => m.Value).Distinct(StringComparer.Ordinal).ToImmutableArray(),
                $"they are declared as redundancy group '{group.Name.Value}' in .pvelint.yaml", group.Name.Span));

        var guests = model.Guests.Where(g => !IsTemplate(g)).ToList();
        // Loops, not a query per guest: this runs over every guest of the cluster.
        var antiAffinityTags = new List<(Guest Guest, Located<string> Tag)>();
        foreach (var guest in guests)
            foreach (var tag in guest.Tags)
                if (tag.Value.StartsWith(ProxLbAntiAffinityPrefix, StringComparison.OrdinalIgnoreCase)) antiAffinityTags.Add((guest, tag));
        foreach (var tagged in antiAffinityTags.GroupBy(x => x.Tag.Value.ToLowerInvariant()).Where(g => g.Count() >= 2).OrderBy(g => g.Key, StringComparer.Ordinal))
            sets.Add(new RedundantSet(tagged.Key[ProxLbAntiAffinityPrefix.Length..], RedundancyBasis.ProxLbTag, tagged.Select(x => x.Guest.Sid).Distinct().ToImmutableArray(),
                $"they share the ProxLB anti-affinity tag '{tagged.Key}' (ProxLB keeps them apart when it balances, but the HA core does not read ProxLB tags)", tagged.First().Tag.Span));

        if (model.Config.RedundancyGroups.IsEmpty)
        {
            // The first guest of each name (in any case), in the order the names first appear.
            var byName = new Dictionary<string, Guest>(guests.Count, StringComparer.OrdinalIgnoreCase);
            foreach (var guest in guests)
                if (guest.Name is { } name) byName.TryAdd(name.Value, guest);
            var nodeCount = Math.Max(model.NodeNames.Length, 1);
            foreach (var (key, names) in RedundantNames.Group(byName.Keys, distinct: true))
            {
                var members = names.Select(n => byName[n]).ToList();
                if (members.Count > nodeCount || SharedAffinityTag(members) || sets.Any(s => members.All(m => s.Members.Contains(m.Sid)))) continue;
                var what = key.Difference switch
                {
                    RedundantNames.Difference.Role => "in a replication or failover role",
                    RedundantNames.Difference.InstanceLetter => "in an instance letter",
                    _ => "in an instance number",
                };
                sets.Add(new RedundantSet(ServiceName(key.Service), RedundancyBasis.Name, members.Select(m => m.Sid).ToImmutableArray(),
                    $"their names ({string.Join(", ", names)}) differ only {what}", null));
            }
        }
        return sets.ToImmutableArray();
    }

    private static bool IsTemplate(Guest guest) => guest.Properties.TryGetValue("template", out var t) && t.Value == "1";

    private static bool SharedAffinityTag(List<Guest> members) =>
        members.Select(m => m.Tags.Where(t => t.Value.StartsWith(ProxLbAffinityPrefix, StringComparison.OrdinalIgnoreCase)).Select(t => t.Value.ToLowerInvariant()).ToHashSet())
            .Aggregate((a, b) => { a.IntersectWith(b); return a; }).Count > 0;

    /// <summary>A rule-id-friendly name for the service: "dc&lt;n&gt;" → "dc".</summary>
    private static string ServiceName(string service)
    {
        foreach (var placeholder in new[] { "<role0>", "<role1>", "<letter>", "<n>" }) service = service.Replace(placeholder, "");
        var cleaned = new string(service.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_').ToArray()).Replace("--", "-").Trim('-', '_');
        return cleaned.Length >= 2 ? cleaned : "redundant";
    }
}
