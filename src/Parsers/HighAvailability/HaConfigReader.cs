using System.Collections.Immutable;
using PveLint.Binding;
using PveLint.Model;
using PveLint.Text;

namespace PveLint.HighAvailability;

/// <summary>ha/resources.cfg, ha/groups.cfg, ha/rules.cfg. (stub)</summary>
public static class HaConfigReader
{
    public static ImmutableArray<HaResource> ReadResources(SourceFile file, BindContext context) => ImmutableArray<HaResource>.Empty;

    public static ImmutableArray<HaGroup> ReadGroups(SourceFile file, BindContext context) => ImmutableArray<HaGroup>.Empty;

    public static ImmutableArray<HaRule> ReadRules(SourceFile file, BindContext context) => ImmutableArray<HaRule>.Empty;
}
