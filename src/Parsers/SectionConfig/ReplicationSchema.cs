using System.Collections.Immutable;
using PveLint.Model;
using PveLint.SectionConfig.Schema;
using PveLint.SectionConfig.Syntax;
using static PveLint.SectionConfig.Schema.OptionUse;
using static PveLint.SectionConfig.Schema.PropertySchema;

namespace PveLint.SectionConfig;

/// <summary>
/// replication.cfg as pve-guest-common <c>ReplicationConfig.pm</c> reads it (reference/pve-formats.md §2.2): the
/// header is <c>&lt;type&gt;: &lt;guest&gt;-&lt;jobnum&gt;</c> with both numbers passed through Perl's <c>int()</c>
/// (<c>0100-00</c> is job <c>100-0</c>); guest ids below 100 are reserved; the only type is <c>local</c>.
/// </summary>
public static class ReplicationSchema
{
    private static readonly ImmutableDictionary<string, PropertySchema> Properties = new[]
    {
        Bool("disable"),
        Str("comment") with { MaxLength = 4096 },
        OneOf("remove_job", "local", "full"),
        Num("rate", 1),
        Formatted("schedule", PveFormats.Calendar) with { MaxLength = 128 },
        Formatted("source", PveFormats.Node),
        Formatted("target", PveFormats.Node),
    }.ToImmutableDictionary(p => p.Name, StringComparer.Ordinal);

    public static readonly SectionFileSchema File = new()
    {
        FileName = "replication.cfg",
        HeaderShape = SectionHeaderShape.JobId,
        CheckId = (_, raw) => CheckJobId(raw),
        Types = ImmutableDictionary.CreateRange(StringComparer.Ordinal, [
            KeyValuePair.Create("local", SectionTypeSchema.Create("local", "replication job",
                ("target", FixedRequired), ("disable", Opt), ("comment", Opt), ("rate", Opt), ("schedule", Opt), ("remove_job", Opt), ("source", Opt))),
        ]),
        Properties = Properties,
    };

    /// <summary><c>parse_section_header</c> + <c>parse_replication_job_id</c>: normalise both numbers, refuse guests below 100.</summary>
    public static SectionIdCheck CheckJobId(string raw)
    {
        var dash = raw.IndexOf('-');
        var guest = PerlInt(raw[..dash]);
        var job = PerlInt(raw[(dash + 1)..]);
        var id = $"{guest}-{job}";
        var small = guest.Length < 3;
        return new SectionIdCheck(id, small ? $"invalid replication job id '{MessageText.Short(id)}' (guest IDs < 100 are reserved)" : null);
    }

    /// <summary>Perl's <c>int()</c> of a digit string, as digits: leading zeros go.</summary>
    public static string PerlInt(string digits)
    {
        var trimmed = digits.TrimStart('0');
        return trimmed.Length == 0 ? "0" : trimmed;
    }
}
