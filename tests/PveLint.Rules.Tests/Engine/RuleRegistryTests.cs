using PveLint.Rules.Engine;

namespace PveLint.Rules.Tests.Engine;

public class RuleRegistryTests
{
    /// <summary>The registry lists its rules by hand (no reflection at start-up): every concrete rule of the assembly must be in it, once.</summary>
    [Fact]
    public void Every_rule_class_of_the_rules_assembly_is_registered_once()
    {
        var declared = typeof(RuleRegistry).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsClass: true } && typeof(Rule).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => t.FullName!)
            .Order(StringComparer.Ordinal);
        var registered = RuleRegistry.All.Select(r => r.GetType().FullName!).Order(StringComparer.Ordinal);
        Assert.Equal(declared, registered);
    }

    [Fact]
    public void Rules_are_ordered_by_id_and_ids_are_unique()
    {
        var ids = RuleRegistry.All.Select(r => r.Metadata.Id).ToList();
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }
}
