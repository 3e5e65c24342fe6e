using System.Collections.Immutable;
using PveLint.SectionConfig.Schema;
using static PveLint.SectionConfig.Schema.OptionUse;
using static PveLint.SectionConfig.Schema.PropertySchema;

namespace PveLint.HighAvailability;

/// <summary>
/// ha/resources.cfg as pve-ha-manager reads it (<c>Resources.pm</c>, <c>Resources/PVEVM.pm</c>, <c>PVECT.pm</c>;
/// reference/pve-ha-manager.md §1.2): types <c>vm</c> and <c>ct</c>, the name must be a VMID of two or more digits
/// without a leading zero, the section id is <c>type:name</c>; every key is optional.
/// </summary>
public static class HaResourcesSchema
{
    private static readonly (string, OptionUse)[] ResourceOptions =
        [("state", Opt), ("group", Opt), ("comment", Opt), ("failback", Opt), ("max_restart", Opt), ("max_relocate", Opt)];

    public static readonly SectionFileSchema File = new()
    {
        FileName = "ha/resources.cfg",
        IdCheckedBeforeType = false,
        CheckId = (type, name) => new SectionIdCheck($"{type}:{name}", HaFormats.VmidProblem(name)),
        Types = ImmutableDictionary.CreateRange(StringComparer.Ordinal, [
            KeyValuePair.Create("vm", SectionTypeSchema.Create("vm", "HA resource", ResourceOptions)),
            KeyValuePair.Create("ct", SectionTypeSchema.Create("ct", "HA resource", ResourceOptions)),
        ]),
        Properties = new[]
        {
            OneOf("state", "started", "stopped", "enabled", "disabled", "ignored"),
            Formatted("group", PveFormats.ConfigId),
            Bool("failback"),
            Int("max_restart", 0),
            Int("max_relocate", 0),
            Str("comment") with { MaxLength = 4096 },
        }.ToImmutableDictionary(p => p.Name, StringComparer.Ordinal),
    };
}
