using System.Collections.Immutable;
using PveLint.Text;

namespace PveLint.Model;

public sealed record HaModel(
    ImmutableArray<HaResource> Resources,
    ImmutableArray<HaGroup> Groups,
    ImmutableArray<HaRule> Rules,
    ManagerStatus? Status,
    bool GroupsFilePresent,
    bool FenceConfigPresent)
{
    public static HaModel Empty { get; } = new([], [], [], null, false, false);

    /// <summary>
    /// rules.cfg sections PVE files as undef (a required key missing or invalid): the HA core cannot write rules.cfg
    /// back while one exists, so the group migration fails (and before ha-manager 5.1.2 every CRM round fails).
    /// </summary>
    public ImmutableArray<SectionEntry> BrokenRules { get; init; } = [];

    public HaResource? Resource(string sid) => Resources.FirstOrDefault(r => r.Sid == sid);
}

/// <summary>A resources.cfg section (<c>vm: 100</c> → sid <c>vm:100</c>).</summary>
public sealed record HaResource(
    string Sid,
    string Type,
    string Name,
    Located<string>? State,
    Located<string>? Group,
    Located<bool>? Failback,
    Located<int>? MaxRestart,
    Located<int>? MaxRelocate,
    SectionEntry Section)
{
    /// <summary>Guest id for vm/ct resources, else null.</summary>
    public int? GuestId => int.TryParse(Name, out var id) ? id : null;

    public string EffectiveState => State?.Value is "enabled" ? "started" : State?.Value ?? "started";
}

/// <summary>A groups.cfg section (deprecated on PVE 9, migrated to node-affinity rules).</summary>
public sealed record HaGroup(
    Located<string> Id,
    ImmutableArray<NodePriority> Nodes,
    bool Restricted,
    bool NoFailback,
    SectionEntry Section);

public enum HaRuleType
{
    NodeAffinity,
    ResourceAffinity,
}

/// <summary>A rules.cfg section. Node fields apply to node-affinity, <see cref="Affinity"/> to resource-affinity.</summary>
public sealed record HaRule(
    Located<string> Id,
    HaRuleType Type,
    ImmutableArray<Located<string>> Resources,
    bool Disabled,
    ImmutableArray<NodePriority> Nodes,
    bool Strict,
    Located<string>? Affinity,
    SectionEntry Section)
{
    /// <summary>PVE's <c>order</c> number (position among the filed sections of rules.cfg, from 1).</summary>
    public int Order { get; init; }

    public bool IsNegative => Affinity?.Value == "negative";
    public bool IsPositive => Affinity?.Value == "positive";
}

/// <summary>ha/manager_status: where the CRM currently keeps each service.</summary>
public sealed record ManagerStatus(
    string Path,
    string? MasterNode,
    ImmutableDictionary<string, ServiceStatus> Services,
    ImmutableDictionary<string, string> NodeStates);

public sealed record ServiceStatus(string Sid, string? Node, string? State);
