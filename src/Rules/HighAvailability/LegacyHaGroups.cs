using PveLint.Analysis.HighAvailability.Rules;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;
using PveLint.Text;

namespace PveLint.Rules.HighAvailability;

public sealed class LegacyHaGroups : Rule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE2012", "legacy-ha-groups",
        "groups.cfg still in use on PVE 9",
        Severity.Warning, RuleCategory.HighAvailability,
        "PVE 9 replaced HA groups with node-affinity rules. While groups.cfg has groups, the CRM rebuilds a rule 'ha-group-<group>' from each used group in memory every round, the API refuses to create or edit rules, and the HA core migrates the groups for good only when the whole cluster is ready (quorate, every node online with pve-manager 9, every LRM active) — until then the rules you see in rules.cfg are not the rules in effect.",
        "Let the HA core migrate (bring every node online on PVE 9), or write the result yourself: 'pvelint migrate-groups PATH' prints the rules.cfg and resources.cfg the HA core would write, and this finding's fix applies them; then delete groups.cfg.",
        "design", "migration");

    public override RuleMetadata Metadata => Meta;

    public override IEnumerable<Finding> Check(ClusterModel model)
    {
        if (model.Ha.Groups.IsEmpty) yield break;
        var first = model.Ha.Groups[0];
        var result = GroupMigrationWriter.Write(model.Ha);
        var used = result.Groups.Select(g => g.Group.Id.Value).ToList();
        var message = $"groups.cfg defines {model.Ha.Groups.Length} HA {HaText.Plural(model.Ha.Groups.Length, "group", "groups")} ({HaText.Quoted(model.Ha.Groups.Select(g => g.Id.Value))}) on PVE 9: "
                      + (used.Count == 0
                          ? "no resource uses them, so the migration only deletes them."
                          : $"the CRM turns {HaText.Quoted(used)} into node-affinity {HaText.Plural(used.Count, "rule", "rules")} {HaText.Quoted(result.Groups.Select(g => g.RuleId))} in memory every round and migrates the groups for good only when every node is online and runs PVE 9; until then rules.cfg does not show the rules in effect and the API refuses rule changes.");
        yield return Report(first.Section.HeaderSpan, message,
            model.Ha.Groups.Skip(1).Select(g => new RelatedSpan(g.Section.HeaderSpan, $"HA group '{g.Id.Value}'")),
            Migration(model, result));
    }

    /// <summary>The files the HA core writes; none when the migration would overwrite a rule (PVE2013) or fail (broken rules.cfg section).</summary>
    private static Fix? Migration(ClusterModel model, GroupMigrationResult result)
    {
        if (!result.Collisions.IsEmpty || !result.BrokenRules.IsEmpty) return null;
        var edits = new List<TextEdit> { ReplaceFile(model, "etc/pve/ha/rules.cfg", result.RulesCfg) };
        if (result.ResourcesCfg is not null) edits.Add(ReplaceFile(model, "etc/pve/ha/resources.cfg", result.ResourcesCfg));
        edits.Add(ReplaceFile(model, "etc/pve/ha/groups.cfg", ""));
        return new Fix("write rules.cfg and resources.cfg as the HA core's group migration does, and empty groups.cfg (then delete it)", [.. edits]);
    }

    private static TextEdit ReplaceFile(ClusterModel model, string path, string text)
    {
        if (!model.Files.TryGetValue(path, out var file)) return new TextEdit(SourceSpan.WholeFile(path), text);
        var last = file.LineCount;
        return new TextEdit(new SourceSpan(path, 1, 1, last, file.LineLength(last) + 1), text);
    }
}
