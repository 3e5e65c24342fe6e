using System.Collections.Immutable;
using PveLint.Model;
using PveLint.SectionConfig.Schema;
using static PveLint.SectionConfig.Schema.OptionUse;
using static PveLint.SectionConfig.Schema.PropertySchema;

namespace PveLint.HighAvailability;

/// <summary>
/// ha/rules.cfg (since PVE 9.0) as pve-ha-manager <c>Rules.pm</c>, <c>Rules/NodeAffinity.pm</c> and
/// <c>Rules/ResourceAffinity.pm</c> read it (reference/pve-ha-manager.md §1.4). Rules use property isolation: each
/// type knows only its own keys. <c>resources</c> must be <c>type:name</c> items (no bare VMIDs). A section that
/// lacks a required key is filed as undef, which stops every CRM round on ha-manager before 5.1.2 (§2.4).
/// </summary>
public static class HaRulesSchema
{
    public const string NodeAffinity = "node-affinity";
    public const string ResourceAffinity = "resource-affinity";

    public static readonly SectionFileSchema File = new()
    {
        FileName = "ha/rules.cfg",
        CheckId = (_, id) => new SectionIdCheck(id, PveFormats.ConfigId.Check(id, default)?.Message),
        Types = ImmutableDictionary.CreateRange(StringComparer.Ordinal, [
            KeyValuePair.Create(NodeAffinity, SectionTypeSchema.Create(NodeAffinity, "node-affinity rule",
                ("resources", Required), ("nodes", Required), ("strict", Opt), ("disable", Opt), ("comment", Opt)) with
            {
                OwnProperties = new[] { Formatted("nodes", HaFormats.NodeList), Bool("strict") }.ToImmutableDictionary(p => p.Name, StringComparer.Ordinal),
            }),
            KeyValuePair.Create(ResourceAffinity, SectionTypeSchema.Create(ResourceAffinity, "resource-affinity rule",
                ("resources", Required), ("affinity", Required), ("disable", Opt), ("comment", Opt)) with
            {
                OwnProperties = new[] { OneOf("affinity", "positive", "negative") }.ToImmutableDictionary(p => p.Name, StringComparer.Ordinal),
            }),
        ]),
        Properties = new[]
        {
            Bool("disable"),
            Formatted("resources", HaFormats.ResourceIdList),
            Str("comment") with { MaxLength = 4096 },
        }.ToImmutableDictionary(p => p.Name, StringComparer.Ordinal),
        BrokenSectionConsequence = target => target < TargetRelease.Pve92
            ? $"On {TargetReleases.Name(target)} (ha-manager before 5.1.2) such a broken rules.cfg section makes every CRM round fail ('cannot lookup undefined type'), so HA stops starting, migrating and recovering all services."
            : null,
    };
}
