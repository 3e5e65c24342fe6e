using PveLint.Tests;

namespace PveLint.Rules.Tests.Ceph;

/// <summary>
/// The corpus's real-Ceph lab scenarios a–i (and the OSD lab's site loss without stretch mode): for each state, the
/// PVE3xxx findings that Ceph's own behaviour in the lab implies, each tied to the transcript line that justifies it.
/// A state with no expectation must give no PVE3xxx finding; its line shows Ceph accepting it.
/// </summary>
public class CorpusScenarioTests
{
    /// <summary>A finding (or, with a null rule, the absence of any) and the line of a corpus file that justifies it.</summary>
    public sealed record Evidence(string? RuleId, string File, string Line, string Why);

    public sealed record Scenario(string State, string[]? Files, Evidence[] Expected)
    {
        public override string ToString() => State;
    }

    private const string OsdLab = "osd-lab/r-2dc-osds.lab-transcript.txt";
    private const string Preconditions = "lab-enable-stretch-mode-preconditions.transcript.txt";

    private static readonly Scenario[] All =
    [
        new("a-stretch-2dc-ssd", null, [
            new(null, "a-stretch-2dc-ssd.lab-transcript.txt", "$ ceph mon enable_stretch_mode pve5 stretch_rule datacenter",
                "the reference layout: Ceph enabled stretch mode (exit 0) on 5 mons 2+2+1, SSD only, pools 4/2 on the stretch rule"),
        ]),
        new("a-stretch-2dc-ssd.site2-down", null, [
            new(null, "a-stretch-2dc-ssd.lab-transcript.txt", "HEALTH_WARN We are missing stretch mode buckets, only requiring 1 of 2 buckets to peer; 2/5 mons down, quorum pve1,pve2,pve5",
                "site2 lost: quorum kept with the tiebreaker, degraded stretch mode sets min_size 1 on purpose (no PVE3010)"),
        ]),
        new("a-stretch-2dc-ssd.site2-back", null, [
            new(null, "a-stretch-2dc-ssd.lab-transcript.txt", "HEALTH_WARN We are missing stretch mode buckets, only requiring 1 of 2 buckets to peer; no active mgr",
                "mons back, still degraded (no OSD daemons in the lab): min_size 1 is still intended"),
        ]),
        new("b-stretch-2dc-hdd", null, [
            new("PVE3001", "b-stretch-2dc-hdd.lab-transcript.txt", "$ ceph mon enable_stretch_mode pve5 stretch_rule datacenter",
                "Ceph enabled stretch mode (exit 0) on an all-HDD map: it does not enforce the SSD/NVMe-only guidance, so the linter must"),
        ]),
        new("c-stretch-3dc.refused", null, [
            new("PVE3003", "c-stretch-3dc.lab-transcript.txt", "Error EINVAL: there are 3datacenter's in the cluster but stretch mode currently only works with 2!",
                "enable_stretch_mode refuses a map with three datacenters"),
        ]),
        new("c-stretch-3dc.injected-after-enable", null, [
            new("PVE3003", "c-stretch-3dc.lab-transcript.txt", "HEALTH_WARN Stretch mode buckets != 2", "a third datacenter injected after enabling"),
            new("PVE3005", "c-stretch-3dc.crushtool-test.txt", "CRUSH rule 1 x 2 [11,9,7,4]",
                "the stretch rule now puts its 2+2 copies on varying pairs of sites (here site3 and site2; x 0 gives site1 and site3)"),
            new("PVE3008", "c-stretch-3dc.injected-after-enable.monmap.txt", "mon.pve5; crush_location {datacenter=site3}",
                "the tiebreaker's site3 is now a datacenter holding OSDs"),
        ]),
        new("d-single-site-3host", null, [
            new("PVE3010", "d-single-site-3host.lab-transcript.txt", "$ ceph osd pool set scratch min_size 1", "pool scratch at size 3 / min_size 1"),
        ]),
        new("e-stretch-2dc-mixed-class", null, [
            new("PVE3001", "e-stretch-2dc-mixed-class.lab-transcript.txt", "$ ceph mon enable_stretch_mode pve5 stretch_rule_ssd datacenter",
                "Ceph enabled stretch mode (exit 0) with one HDD next to each SSD in both sites"),
        ]),
        new("f-stretch-2dc-erasure", null, [
            new("PVE3004", "f-stretch-2dc-erasure.lab-transcript.txt", "Error EINVAL: stretched pools must be replicated; 'ec-data' is erasure-coded",
                "enable_stretch_mode refuses while the EC pool exists"),
            new("PVE3011", OsdLab, "33 pgs: 9 active+undersized, 9 undersized+peered, 4 undersized+degraded+peered, 11 active+undersized+degraded",
                "vm-pool 3/2 on a host rule over the two sites without stretch mode: the OSD lab lost I/O on 13 PGs when one site went down"),
            new("PVE3011", OsdLab, "33 pgs: 9 active+undersized, 9 undersized+peered, 4 undersized+degraded+peered, 11 active+undersized+degraded",
                "ec-data (k=2 m=2, host rule over both sites) likewise: a site loss leaves 2 of 4 shards, below min_size 3"),
        ]),
        new("g-stretch-2dc-unequal-weight.injected-after-enable", null, [
            new(null, "g-stretch-2dc-unequal-weight.lab-transcript.txt", "HEALTH_WARN Stretch mode buckets have different weights!",
                "unequal site weights are not in the PVE3001-PVE3013 catalogue (a gap: Ceph refuses them at enable time and warns after)"),
        ]),
        new("h-4mons-2-2-no-tiebreaker", null, [
            new("PVE3002", "h-4mons-2-2-no-tiebreaker.lab-transcript.txt", "Error EINVAL: The named tiebreaker monitor pve4 is in the same CRUSH bucket site2 as other monitors",
                "4 monitors 2+2: no monitor can be the tiebreaker"),
            new("PVE3007", "h-4mons-2-2-no-tiebreaker.lab-transcript.txt", "timed out",
                "with 2 of the 4 monitors running there is no quorum ('ceph -s' timed out, mon state probing)"),
        ]),
        new("i-stretch-pool-size-changed", null, [
            new("PVE3005", Preconditions, "set pool 1 size to 3", "Pacific accepts size 3 on a stretch pool after enabling, and stays HEALTH_OK"),
        ]),
        new("osd-lab/r-2dc-osds.1-nostretch-healthy",
            ["osd-lab/r-2dc-osds.1-nostretch-healthy.monmap.json", "osd-lab/r-2dc-osds.1-nostretch-healthy.osdmap.json", "a-stretch-2dc-ssd.crush.json"], [
            new("PVE3011", OsdLab, "33 pgs: 9 active+undersized, 9 undersized+peered, 4 undersized+degraded+peered, 11 active+undersized+degraded",
                "device_health_metrics, 3/2 on the host rule over both sites: its PG went inactive when site1's OSDs stopped"),
            new("PVE3011", OsdLab, "33 pgs: 9 active+undersized, 9 undersized+peered, 4 undersized+degraded+peered, 11 active+undersized+degraded",
                "vm-pool, 3/2 on the host rule over both sites: 12 of its 32 PGs went inactive"),
        ]),
    ];

    public static TheoryData<Scenario> Scenarios() => new(All);

    [CorpusTheory]
    [MemberData(nameof(Scenarios))]
    public void Findings_are_those_cephs_behaviour_implies(Scenario scenario)
    {
        foreach (var e in scenario.Expected)
            Assert.True(File.ReadAllText(Path.Combine(TestPaths.CephCorpus, e.File)).Contains(e.Line, StringComparison.Ordinal), $"{e.File} lacks '{e.Line}'");

        var findings = CephCorpusScenarios.CephFindings(scenario.State, scenario.Files);
        Assert.Equal(
            scenario.Expected.Where(e => e.RuleId is not null).Select(e => e.RuleId!).Order(StringComparer.Ordinal).ToArray(),
            findings.Select(f => f.RuleId).Order(StringComparer.Ordinal).ToArray());
    }
}
