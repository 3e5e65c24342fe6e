using System.Collections.Immutable;

namespace PveLint.Rules.Engine;

/// <summary>Every rule pvelint ships, found once by reflection over this assembly, ordered by id.</summary>
public static class RuleRegistry
{
    private static readonly Lazy<ImmutableArray<Rule>> Rules = new(() =>
        typeof(RuleRegistry).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsClass: true } && typeof(Rule).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => (Rule)Activator.CreateInstance(t)!)
            .OrderBy(r => r.Metadata.Id, StringComparer.Ordinal)
            .ToImmutableArray());

    public static ImmutableArray<Rule> All => Rules.Value;

    public static IEnumerable<RuleMetadata> Metadata => All.Select(r => r.Metadata);

    /// <summary>A rule by id (PVE2003) or kebab-case name (negative-affinity-exceeds-nodes), case-insensitive.</summary>
    public static RuleMetadata? Find(string idOrName)
    {
        var key = idOrName.Trim();
        return Metadata.FirstOrDefault(m => string.Equals(m.Id, key, StringComparison.OrdinalIgnoreCase)
                                            || string.Equals(m.Name, key, StringComparison.OrdinalIgnoreCase));
    }
}
