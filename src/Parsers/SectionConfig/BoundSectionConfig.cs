using System.Collections.Immutable;
using PveLint.Model;
using PveLint.SectionConfig.Schema;
using PveLint.SectionConfig.Syntax;

namespace PveLint.SectionConfig;

/// <summary>What PVE makes of one section.</summary>
public enum SectionStatus
{
    /// <summary>Kept, with the keys PVE accepted.</summary>
    Accepted,

    /// <summary>
    /// Filed under its id but with no value (<c>ids-&gt;{id} = undef</c>): a required key is missing or a decode check
    /// failed. It still replaces an earlier section with the same id.
    /// </summary>
    Broken,

    /// <summary>Skipped before it was read: the header's id failed its check ("skip section").</summary>
    SkippedInvalidId,

    /// <summary>Skipped before it was read: PVE has no plugin for the type ("unsupported type").</summary>
    SkippedUnknownType,
}

/// <summary>One section after binding: the syntax, the type (lower-cased as PVE does), the id PVE files it under,
/// the accepted keys and the status. <see cref="ReplacedBy"/> is set when a later section with the same id wins.</summary>
public sealed record BoundSection(
    SectionSyntax Syntax,
    string Type,
    SectionTypeSchema? Schema,
    SectionEntry Entry,
    SectionStatus Status)
{
    public Located<string> Id => Entry.Id;

    public BoundSection? ReplacedBy { get; init; }

    /// <summary>A section PVE keeps in its <c>ids</c> hash (accepted or broken) until a later one replaces it.</summary>
    public bool IsFiled => Status is SectionStatus.Accepted or SectionStatus.Broken;
}

/// <summary>
/// A bound section-config file: every section in file order, and the ones PVE ends up with (the last of each id,
/// accepted or broken), in PVE's <c>order</c> (the position of that last section).
/// </summary>
public sealed record BoundSectionConfig(
    SectionConfigDocument Document,
    ImmutableArray<BoundSection> Sections,
    ImmutableArray<BoundSection> Effective)
{
    /// <summary>The accepted sections PVE works with.</summary>
    public IEnumerable<BoundSection> Accepted => Effective.Where(s => s.Status == SectionStatus.Accepted);

    /// <summary>
    /// PVE's <c>order</c> number of every filed section, by section: <c>parse_config</c> counts every filed section
    /// (accepted or broken, a replaced duplicate too) from 1 in file order, so the numbers can have gaps. One pass
    /// for the whole file (a file of thousands of rules asks for each).
    /// </summary>
    public Dictionary<BoundSection, int> FiledOrders()
    {
        var orders = new Dictionary<BoundSection, int>(Sections.Length, ReferenceEqualityComparer.Instance);
        var filed = 0;
        foreach (var section in Sections)
            if (section.IsFiled) orders[section] = ++filed;
        return orders;
    }
}
