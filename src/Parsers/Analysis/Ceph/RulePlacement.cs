using System.Collections.Immutable;
using PveLint.Model;

namespace PveLint.Analysis.Ceph;

/// <summary>A whole-number range: the fewest and the most of something over every choice CRUSH can make.</summary>
public readonly record struct CountRange(int Min, int Max)
{
    public static readonly CountRange Zero = new(0, 0);

    public static CountRange Exactly(int n) => new(n, n);

    public bool IsExactly(int n) => Min == n && Max == n;

    public override string ToString() => Min == Max ? Min.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{Min}..{Max}";
}

/// <summary>
/// One choose step seen from one parent: the rule asks for <see cref="Requested"/> items of <see cref="Type"/> under
/// <see cref="Parent"/> (within <see cref="DeviceClass"/>'s shadow tree when the take names a class); <see cref="Usable"/>
/// are the ones it can get, <see cref="Unusable"/> those it cannot (no OSD of the class, zero weight, every OSD out).
/// Names are the real buckets' (pve3, not pve3~ssd). <see cref="Last"/>: the block's last choose step, the one
/// that picks the OSDs; a shortfall before it can be harmless (<c>choose firstn 0 type datacenter</c> asks for size
/// datacenters and relies on the next step to pick several in each).
/// </summary>
public sealed record PlacementStep(
    int StepIndex,
    string Op,
    string Type,
    int Requested,
    string Parent,
    string? DeviceClass,
    bool Last,
    ImmutableArray<string> Usable,
    ImmutableArray<string> Unusable)
{
    public bool IsShort => Usable.Length < Requested;

    /// <summary>"chooseleaf firstn 2 type host" with the count resolved for the pool size.</summary>
    public string Describe() => $"{Op.Replace('_', ' ')} {Requested} type {Type}";

    /// <summary>"site2" or "site2 (class ssd)".</summary>
    public string ParentText => DeviceClass is null ? Parent : $"{Parent} (class {DeviceClass})";
}

/// <summary>
/// What a CRUSH rule can do for a pool of a given size, structurally (every choice CRUSH could make, not the
/// pseudo-random one it does make): how many copies it places (<see cref="Copies"/>), how many of them survive a set
/// of failed OSDs (<see cref="Survivors"/>), and, for one bucket type, how many copies each bucket of that type holds
/// (<see cref="CopiesPerDomain"/>, survivors only when failures were given).
/// <para>
/// Each range is exact on its own for a tree rule (take → choose … → emit) when no truncation at the pool size
/// happens; where the rule can yield more than <c>size</c> items the lower bounds are conservative (worst case).
/// </para>
/// </summary>
public sealed record RulePlacement(
    CrushRule Rule,
    int Size,
    CountRange Copies,
    CountRange Survivors,
    string? DomainType,
    ImmutableSortedDictionary<string, CountRange> CopiesPerDomain,
    ImmutableArray<PlacementStep> Steps,
    ImmutableArray<string> Problems)
{
    /// <summary>Every choice places <see cref="Size"/> copies.</summary>
    public bool CanPlaceAll => Copies.Min >= Size;

    /// <summary>
    /// The steps (seen from some parent) that cannot get as many items as they ask for: those picking OSDs first, as
    /// they are the ones that leave copies out; the others only when there is no such step.
    /// </summary>
    public IEnumerable<PlacementStep> Shortfalls
    {
        get
        {
            var last = Steps.Where(s => s.IsShort && s.Last).ToList();
            return last.Count > 0 ? last : Steps.Where(s => s.IsShort);
        }
    }

    /// <summary>Domains of <see cref="DomainType"/> that can receive at least one copy.</summary>
    public IEnumerable<string> DomainsReached => CopiesPerDomain.Where(kv => kv.Value.Max > 0).Select(kv => kv.Key);

    /// <summary>Domains of <see cref="DomainType"/> that receive at least one copy (surviving copy, with failures) in every case.</summary>
    public IEnumerable<string> DomainsAlwaysHeld => CopiesPerDomain.Where(kv => kv.Value.Min > 0).Select(kv => kv.Key);

    /// <summary>The rule's steps in the decompiled text's words: "take default class ssd; chooseleaf firstn 0 type host; emit".</summary>
    public string StepsText => RuleText.Describe(Rule);
}

/// <summary>A rule's steps as one line in crushtool's wording.</summary>
public static class RuleText
{
    public static string Describe(CrushRule rule) => string.Join("; ", rule.Steps.Select(Describe));

    public static string Describe(CrushStep step) => step.Op switch
    {
        "take" => step.ItemClass is null ? $"take {step.Item}" : $"take {step.Item} class {step.ItemClass}",
        "emit" => "emit",
        "choose_firstn" or "chooseleaf_firstn" or "choose_indep" or "chooseleaf_indep" =>
            $"{step.Op.Replace('_', ' ')} {step.Num} type {step.BucketType}",
        _ => $"{step.Op} {step.Num}",
    };
}
