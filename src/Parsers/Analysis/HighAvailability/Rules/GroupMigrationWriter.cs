using System.Collections.Immutable;
using System.Text;
using PveLint.Datacenter;
using PveLint.Model;

namespace PveLint.Analysis.HighAvailability.Rules;

/// <summary>The files the HA core writes when it migrates groups.cfg for good, and what stands in the way.</summary>
/// <param name="RulesCfg">The new ha/rules.cfg.</param>
/// <param name="ResourcesCfg">The new ha/resources.cfg (every resource with <c>failback</c>, none with <c>group</c>), or null when there are no resources and the HA core leaves the file alone.</param>
/// <param name="Collisions">Groups whose rule replaces a hand-written rules.cfg rule of the same id (PVE2013).</param>
/// <param name="BrokenRules">rules.cfg sections PVE files as broken: the HA core cannot write rules.cfg and the migration fails.</param>
public sealed record GroupMigrationResult(
    string RulesCfg,
    string? ResourcesCfg,
    ImmutableArray<MigratedGroup> Groups,
    ImmutableArray<MigratedGroup> Collisions,
    ImmutableArray<SectionEntry> BrokenRules);

/// <summary>
/// Writes the files of the HA core's persistent group migration (Manager.pm <c>$migrate_group_persistently</c>,
/// reference/pve-ha-manager.md §1.5), byte for byte as pve-common <c>SectionConfig::write_config</c> writes them:
/// <list type="bullet">
/// <item>rules.cfg: rules.cfg's rules plus one <c>ha-group-&lt;group&gt;</c> rule per group in use
///   (<see cref="GroupMigration"/>), sorted by order. Each section: <c>type: id</c>; <c>comment</c> first when it is
///   true in Perl (URI-escaped; a group's comment, never decoded, is UTF-8-encoded twice); a bare <c>disable</c> when
///   its value is true (so <c>disable 0</c> disappears and the rule becomes enabled); the required keys sorted
///   (<c>nodes</c> sorted with <c>:prio</c> only when not 0, <c>resources</c> sorted), then the optional ones
///   (<c>strict 0|1</c> when the key was written or the group had <c>restricted</c>); an empty line after each.
///   Comment lines, unknown keys and sections PVE skips are gone.</item>
/// <item>resources.cfg: every resource in order, <c>comment</c> as written first, then <c>failback 0|1</c> (from
///   its group's <c>nofailback</c>, else its own value or 1), <c>max_relocate</c>, <c>max_restart</c>, <c>state</c>
///   as written; <c>group</c> deleted.</item>
/// </list>
/// Upstream processes the groups and breaks order ties in Perl hash order, so which of several migrated rules comes
/// first varies from run to run; this writes them in group-id order after the existing rules, one of the orders the
/// HA core produces (checked against pve-ha-manager 5.0.8 under 64 hash seeds, tests/oracle-data/ha-rules).
/// </summary>
public static class GroupMigrationWriter
{
    public static GroupMigrationResult Write(HaModel ha)
    {
        var groups = GroupMigration.GroupsInUse(ha);
        var rules = GroupMigration.Apply(ha.Rules.Select(HaRuleDefinition.From), groups);
        var text = new StringBuilder();
        foreach (var rule in rules) WriteRule(text, rule);
        return new GroupMigrationResult(
            text.ToString(),
            ha.Resources.IsEmpty ? null : WriteResources(ha),
            groups,
            groups.Where(g => g.Overwrites is not null).ToImmutableArray(),
            ha.BrokenRules);
    }

    private static void WriteRule(StringBuilder text, HaRuleDefinition rule)
    {
        var section = rule.Rule?.Section;
        text.Append(rule.IsNodeAffinity ? "node-affinity" : "resource-affinity").Append(": ").Append(rule.Id).Append('\n');

        var comment = rule.Group is { } group
            ? (PerlTrue(group.Section.Get("comment")?.Value) ? UriText.EncodeBytesAsLatin1(group.Section.Get("comment")!.Value) : UriText.Encode(GroupMigration.DefaultComment(group.Id.Value)))
            : PerlTrue(section?.Get("comment")?.Value) ? UriText.Encode(UriText.Decode(section!.Get("comment")!.Value)) : null;
        if (comment is not null) Line(text, "comment", comment);
        if (PerlTrue(section?.Get("disable")?.Value)) text.Append("\tdisable\n");

        if (rule.IsNodeAffinity)
        {
            Line(text, "nodes", string.Join(',', rule.Nodes.Select(n => n.Value == 0 ? n.Key : $"{n.Key}:{n.Value}")));
            Line(text, "resources", string.Join(',', rule.Resources));
            var strict = rule.Group is { } g ? g.Section.Get("restricted")?.Value : section?.Get("strict")?.Value;
            if (strict is not null) Line(text, "strict", PerlTrue(strict) ? "1" : "0");
        }
        else
        {
            Line(text, "affinity", section!.Get("affinity")!.Value);
            Line(text, "resources", string.Join(',', rule.Resources));
        }
        text.Append('\n');
    }

    private static string WriteResources(HaModel ha)
    {
        var groups = ha.Groups.ToDictionary(g => g.Id.Value, StringComparer.Ordinal);
        var text = new StringBuilder();
        foreach (var resource in ha.Resources)
        {
            var section = resource.Section;
            text.Append(resource.Type).Append(": ").Append(resource.Name).Append('\n');
            if (PerlTrue(section.Get("comment")?.Value)) Line(text, "comment", section.Get("comment")!.Value);
            // Groups.pm migrate_groups_to_resources: failback = !nofailback of the group (1 for a group that is missing).
            var failback = resource.Group is { } group
                ? !(groups.GetValueOrDefault(group.Value)?.NoFailback ?? false)
                : resource.Failback?.Value ?? true;
            Line(text, "failback", failback ? "1" : "0");
            foreach (var key in new[] { "max_relocate", "max_restart", "state" })
                if (section.Get(key) is { } value) Line(text, key, value.Value);
            text.Append('\n');
        }
        return text.ToString();
    }

    private static void Line(StringBuilder text, string key, string value)
    {
        // format_config_line writes nothing for an empty value.
        if (value.Length > 0) text.Append('\t').Append(key).Append(' ').Append(value).Append('\n');
    }

    /// <summary>Perl truth of a scalar: undef, "" and "0" are false.</summary>
    private static bool PerlTrue(string? value) => value is not null and not "" and not "0";
}
