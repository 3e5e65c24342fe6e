using PveLint.Binding;
using PveLint.Model;
using PveLint.Rules.Engine;
using PveLint.Sources;

namespace PveLint.Rules.Tests.Engine;

/// <summary>
/// <c>suppressions:</c> in .pvelint.yaml silence a rule for one object and survive PVE rewriting its files without
/// comments; expired, unused, reasonless and unknown-rule entries are reported.
/// </summary>
public class ObjectSuppressionTests
{
    private static readonly DateOnly Today = new(2026, 3, 1);

    private const string Corosync = "nodelist {\n  node {\n    name: pve1\n    nodeid: 1\n    ring0_addr: 10.0.0.1\n  }\n  node {\n    name: pve2\n    nodeid: 2\n    ring0_addr: 10.0.0.2\n  }\n  node {\n    name: pve3\n    nodeid: 3\n    ring0_addr: 10.0.0.3\n  }\n}\n";

    /// <summary>An inline comment in vm:101's section (PVE0009, no other finding of interest), and a redundancy group.</summary>
    private static LintResult Lint(string suppressions, string extra = "")
    {
        var model = ClusterBinder.Bind(ConfigTree.FromTexts(new Dictionary<string, string>
        {
            ["etc/pve/corosync.conf"] = Corosync,
            ["etc/pve/ha/resources.cfg"] = "vm: 101\n\tcomment dc # one\n\tstate started # on\n\nvm: 102\n\tstate started\n",
            ["etc/pve/nodes/pve1/qemu-server/101.conf"] = "memory: 1024\n",
            ["etc/pve/nodes/pve2/qemu-server/102.conf"] = "memory: 1024\n",
            [".pvelint.yaml"] = extra + "suppressions:\n" + suppressions,
        }));
        return LintEngine.Run(model, today: Today);
    }

    private static string[] Shown(LintResult result, params string[] ids) =>
        result.Findings.Where(f => ids.Contains(f.RuleId)).Select(f => $"{f.RuleId} {f.Span?.Path}({f.Span?.Line}): {f.Message}").Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void An_entry_silences_its_rule_for_its_object_by_id_or_name()
    {
        foreach (var rule in new[] { "PVE0009", "inline-comment-in-value" })
        {
            var result = Lint($"  - rule: {rule}\n    object: vm:101\n    reason: the GUI rewrites this file\n");
            Assert.Empty(Shown(result, "PVE0009", "PVE9001", "PVE9002", "PVE9004"));
            Assert.Equal(1, result.Suppressed);
        }
    }

    [Fact]
    public void An_entry_for_another_object_silences_nothing_and_is_reported_unused()
    {
        var result = Lint("  - rule: PVE0009\n    object: vm:102\n    reason: r\n");

        Assert.Equal([
            "PVE0009 etc/pve/ha/resources.cfg(3): " + Assert.Single(result.Findings, f => f.RuleId == "PVE0009").Message,
            "PVE9001 .pvelint.yaml(3): suppression of PVE0009 for 'vm:102' matches no finding; remove it",
        ], Shown(result, "PVE0009", "PVE9001"));
    }

    [Fact]
    public void After_its_until_day_an_entry_stops_silencing_and_says_so()
    {
        var onTheDay = Lint("  - rule: PVE0009\n    object: vm:101\n    reason: r\n    until: 2026-03-01\n");
        var after = Lint("  - rule: PVE0009\n    object: vm:101\n    reason: r\n    until: 2026-02-28\n");

        Assert.Empty(Shown(onTheDay, "PVE0009", "PVE9001"));
        Assert.Equal([
            "PVE0009 etc/pve/ha/resources.cfg(3): " + Assert.Single(after.Findings, f => f.RuleId == "PVE0009").Message,
            "PVE9001 .pvelint.yaml(5): suppression of PVE0009 for 'vm:101' expired after 2026-02-28 and silences nothing any more; fix what it silenced, or set a new 'until:' date with a reason",
        ], Shown(after, "PVE0009", "PVE9001"));
    }

    [Fact]
    public void Entries_without_a_reason_or_with_an_unknown_rule_are_reported()
    {
        var result = Lint("  - rule: PVE0009\n    object: vm:101\n  - rule: PVE7777\n    object: vm:101\n    reason: r\n");

        Assert.Equal([
            "PVE9002 .pvelint.yaml(4): 'PVE7777' in a suppression in .pvelint.yaml is not a pvelint rule id or name",
            "PVE9004 .pvelint.yaml(2): suppression of PVE0009 for 'vm:101' gives no reason; add 'reason:'",
        ], Shown(result, "PVE0009", "PVE9001", "PVE9002", "PVE9004"));
    }

    [Fact]
    public void A_rule_that_names_its_objects_can_be_silenced_for_any_of_them()
    {
        // PVE2009's span is the redundancy group in .pvelint.yaml; its subjects are the unprotected resources.
        const string group = "redundancy-groups:\n  dcs: [vm:101, vm:102]\n";
        var unsilenced = Lint("  - rule: PVE0009\n    object: vm:101\n    reason: r\n", group);
        var silenced = Lint("  - rule: missing-anti-affinity\n    object: vm:102\n    reason: active/passive by design\n", group);

        var finding = Assert.Single(unsilenced.Findings, f => f.RuleId == "PVE2009");
        Assert.Equal(["vm:101", "vm:102"], finding.Subjects.ToArray());
        Assert.Empty(Shown(silenced, "PVE2009", "PVE9001"));
    }

    [Fact]
    public void A_findings_subject_is_the_object_its_line_lies_in()
    {
        var model = ClusterBinder.Bind(ConfigTree.FromTexts(new Dictionary<string, string>
        {
            ["etc/pve/corosync.conf"] = Corosync,
            ["etc/pve/ha/rules.cfg"] = "node-affinity: pin-a\n\tresources vm:101\n\tnodes pve1\n\nnode-affinity: pin-b\n\tresources vm:102\n\tnodes pve2\n",
            ["etc/pve/nodes/pve1/qemu-server/101.conf"] = "memory: 1024\nname: a\n",
            ["etc/pve/storage.cfg"] = "dir: local\n\tpath /var/lib/vz\n",
        }));
        var index = new SubjectIndex(model);
        string[] At(string path, int line) =>
            index.Of(new Finding(PveLint.Rules.Input.SyntaxError.Meta, PveLint.Diagnostics.Severity.Error, "m", PveLint.Text.SourceSpan.OnLine(path, line, 1, 1), [])).ToArray();

        Assert.Equal(["pin-a"], At("etc/pve/ha/rules.cfg", 3));
        Assert.Equal(["pin-b"], At("etc/pve/ha/rules.cfg", 6));
        Assert.Equal([], At("etc/pve/ha/rules.cfg", 4));
        Assert.Equal(["vm:101"], At("etc/pve/nodes/pve1/qemu-server/101.conf", 2));
        Assert.Equal(["local"], At("etc/pve/storage.cfg", 2));
        Assert.Equal(["pve2"], At("etc/pve/corosync.conf", 9));
    }
}
