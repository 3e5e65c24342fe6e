using System.Collections.Immutable;
using PveLint.Binding;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.SectionConfig;
using PveLint.SectionConfig.Syntax;
using PveLint.Text;

namespace PveLint.HighAvailability;

/// <summary>
/// ha/resources.cfg, ha/groups.cfg and ha/rules.cfg → the HA model, as pve-ha-manager keeps them after
/// <c>parse_config</c> (reference/pve-ha-manager.md §1). Only sections PVE accepts become model records; what PVE
/// skips or drops is reported by <see cref="SectionConfigBinder"/>.
/// </summary>
public static class HaConfigReader
{
    public static ImmutableArray<HaResource> ReadResources(SourceFile file, BindContext context) =>
        SectionConfigBinder.Read(file, HaResourcesSchema.File, context).Accepted.Select(s => ToResource(s.Entry)).ToImmutableArray();

    public static ImmutableArray<HaGroup> ReadGroups(SourceFile file, BindContext context)
    {
        var budget = DiagnosticBudget.ForFile(file, context.Report);
        var groups = SectionConfigBinder.Read(file, HaGroupsSchema.File, context).Accepted.Select(s => ToGroup(s.Entry, budget)).ToImmutableArray();
        budget.Flush();
        return groups;
    }

    public static ImmutableArray<HaRule> ReadRules(SourceFile file, BindContext context) => ReadRulesFile(file, context).Rules;

    /// <summary>The accepted rules (with PVE's order numbers) and the sections PVE files as broken (undef).</summary>
    public static (ImmutableArray<HaRule> Rules, ImmutableArray<SectionEntry> Broken) ReadRulesFile(SourceFile file, BindContext context)
    {
        var budget = DiagnosticBudget.ForFile(file, context.Report);
        var bound = SectionConfigBinder.Read(file, HaRulesSchema.File, context);
        var orders = bound.FiledOrders();
        var rules = bound.Accepted.Select(s => ToRule(s.Entry, budget, orders[s])).ToImmutableArray();
        budget.Flush();
        return (rules, bound.Effective.Where(s => s.Status == SectionStatus.Broken).Select(s => s.Entry).ToImmutableArray());
    }

    private static HaResource ToResource(SectionEntry entry)
    {
        var name = entry.Id.Value[(entry.Type.Length + 1)..];
        return new HaResource(
            entry.Id.Value,
            entry.Type,
            name,
            entry.Get("state"),
            entry.Get("group"),
            entry.Get("failback") is { } failback ? new Located<bool>(failback.Value == "1", failback.Span) : null,
            IntValue(entry.Get("max_restart")),
            IntValue(entry.Get("max_relocate")),
            entry);
    }

    private static HaGroup ToGroup(SectionEntry entry, DiagnosticBudget diagnostics) =>
        new(entry.Id,
            // Groups.pm keeps each distinct 'node:prio' text as written.
            NodePriorities(entry, diagnostics, distinctBy: item => item.Text, describe: $"HA group '{MessageText.Short(entry.Id.Value)}'"),
            entry.Get("restricted")?.Value == "1",
            entry.Get("nofailback")?.Value == "1",
            entry);

    private static HaRule ToRule(SectionEntry entry, DiagnosticBudget diagnostics, int order)
    {
        var isNodeAffinity = entry.Type == HaRulesSchema.NodeAffinity;
        return new HaRule(
            entry.Id,
            isNodeAffinity ? HaRuleType.NodeAffinity : HaRuleType.ResourceAffinity,
            ResourceIds(entry),
            // The HA core skips a rule when the 'disable' key exists at all, so 'disable 0' disables it too
            // (reference/pve-ha-manager.md §1.4; PVE2015 reports that case).
            entry.Has("disable"),
            // NodeAffinity.pm stores nodes in a hash keyed by name: a repeated node keeps its last priority.
            isNodeAffinity ? NodePriorities(entry, diagnostics, distinctBy: item => item.Node!, describe: $"node-affinity rule '{MessageText.Short(entry.Id.Value)}'") : [],
            isNodeAffinity && entry.Get("strict")?.Value == "1",
            entry.Get("affinity"),
            entry) { Order = order };
    }

    /// <summary>The rule's <c>resources</c> items, each with its own span, once each (Rules.pm keeps a set).</summary>
    private static ImmutableArray<Located<string>> ResourceIds(SectionEntry entry)
    {
        if (entry.Get("resources") is not { } resources) return [];
        var ids = ImmutableArray.CreateBuilder<Located<string>>();
        var seen = new FirstPositions();
        foreach (var (offset, text) in PerlText.SplitList(resources.Value))
            if (seen.Add(text, ids.Count) < 0) ids.Add(new Located<string>(text, SubSpan(resources.Span, offset, text.Length)));
        return ids.DrainToImmutable();
    }

    private static ImmutableArray<NodePriority> NodePriorities(SectionEntry entry, DiagnosticBudget diagnostics, Func<NodeListItem, string> distinctBy, string describe)
    {
        if (entry.Get("nodes") is not { } nodes) return [];
        var result = ImmutableArray.CreateBuilder<NodePriority>();
        var index = new FirstPositions();
        foreach (var item in NodeListParser.Parse(nodes.Value))
        {
            if (!item.IsValid) continue;
            var located = new NodePriority(new Located<string>(item.Node!, SubSpan(nodes.Span, item.Offset, item.Node!.Length)), item.Priority);
            if (index.Add(distinctBy(item), result.Count) is var at and >= 0)
            {
                if (distinctBy(item) == item.Node)
                    diagnostics.Report(new Diagnostic(DiagnosticIds.DuplicateKey,
                        $"Node '{MessageText.Short(item.Node)}' is listed twice in 'nodes' of {describe}: PVE keeps only the last entry '{MessageText.Short(item.Text)}' (priority {item.Priority}).",
                        located.Node.Span,
                        [new RelatedSpan(result[at].Node.Span, "the first entry for this node")]));
                result[at] = result[at] with { Priority = item.Priority };
                continue;
            }
            result.Add(located);
        }
        return result.DrainToImmutable();
    }

    private static Located<int>? IntValue(Located<string>? value) =>
        value is null ? null : new Located<int>(int.TryParse(value.Value, out var n) ? n : value.Value.TrimStart().StartsWith('-') ? int.MinValue : int.MaxValue, value.Span);

    /// <summary>A part of a one-line value's span.</summary>
    private static SourceSpan SubSpan(SourceSpan value, int offset, int length) =>
        SourceSpan.OnLine(value.Path, value.Line, value.Column + offset, length);
}
