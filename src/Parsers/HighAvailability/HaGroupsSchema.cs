using System.Collections.Immutable;
using PveLint.SectionConfig.Schema;
using static PveLint.SectionConfig.Schema.OptionUse;
using static PveLint.SectionConfig.Schema.PropertySchema;

namespace PveLint.HighAvailability;

/// <summary>
/// ha/groups.cfg (deprecated since PVE 9.0) as pve-ha-manager <c>Groups.pm</c> reads it
/// (reference/pve-ha-manager.md §1.3): <c>group: &lt;configid&gt;</c>, <c>nodes</c> required; a group without
/// nodes, or with one bad node entry, is dropped as a whole.
/// </summary>
public static class HaGroupsSchema
{
    public static readonly SectionFileSchema File = new()
    {
        FileName = "ha/groups.cfg",
        CheckId = (_, id) => new SectionIdCheck(id, PveFormats.ConfigId.Check(id, default)?.Message),
        Types = ImmutableDictionary.CreateRange(StringComparer.Ordinal, [
            KeyValuePair.Create("group", SectionTypeSchema.Create("group", "HA group",
                ("nodes", Required), ("comment", Opt), ("nofailback", Opt), ("restricted", Opt))),
        ]),
        Properties = new[]
        {
            Formatted("nodes", HaFormats.NodeList),
            Bool("restricted"),
            Bool("nofailback"),
            Str("comment") with { MaxLength = 4096 },
        }.ToImmutableDictionary(p => p.Name, StringComparer.Ordinal),
    };
}
