using PveLint.Diagnostics;
using PveLint.HighAvailability;
using PveLint.Model;
using static PveLint.Parsers.Tests.ReaderTestKit;

namespace PveLint.Parsers.Tests.HighAvailability;

/// <summary>ha/resources.cfg (reference/pve-ha-manager.md §1.2): traps and every corpus resources file.</summary>
public class HaResourcesTests() : ReaderTests<List<HaResource>>("etc/pve/ha/resources.cfg", (f, c) => HaConfigReader.ReadResources(f, c).ToList())
{
    [Fact]
    public void Reads_sids_and_typed_values()
    {
        var (resources, context) = Read("vm: 100\n\tstate enabled\n\tfailback 0\n\tmax_restart 2\n\tmax_relocate 0\n\tgroup prefer-a\n\nct: 101\n");

        Assert.Empty(context.Diagnostics);
        var vm = resources[0];
        Assert.Equal(("vm:100", "vm", "100", 100), (vm.Sid, vm.Type, vm.Name, vm.GuestId));
        Assert.Equal(("enabled", "started"), (vm.State!.Value, vm.EffectiveState));
        Assert.False(vm.Failback!.Value);
        Assert.Equal((2, 0), (vm.MaxRestart!.Value, vm.MaxRelocate!.Value));
        Assert.Equal("prefer-a", vm.Group!.Value);
        // The section id 'vm:100' points at "vm: 100".
        Assert.Equal((1, 1, 8), (vm.Section.Id.Span.Line, vm.Section.Id.Span.Column, vm.Section.Id.Span.EndColumn));
        var ct = resources[1];
        Assert.Equal(("ct:101", "started"), (ct.Sid, ct.EffectiveState));
        Assert.Null(ct.MaxRelocate);
    }

    [Fact]
    public void Single_digit_and_zero_padded_vmids_are_skipped()
    {
        var (resources, context) = Read("vm: 5\n\tstate started\n\nct: 0102\n\nvm:300\n");

        Assert.Equal(["vm:300"], resources.Select(r => r.Sid));
        Assert.Collection(context.Diagnostics,
            d => { d.AssertAt(1, 5, 1); Assert.Contains("PVE skips HA resource '5' with all its keys: invalid VMID '5'", d.Message); },
            d => d.AssertAt(4, 5, 4));
        Assert.All(context.Diagnostics, d => Assert.Equal(DiagnosticIds.InvalidValue, d.Id));
    }

    [Fact]
    public void Unknown_types_states_and_negative_counts()
    {
        var (resources, context) = Read("fa: 101\n\tstate started\n\nvm: 102\n\tstate running\n\tmax_restart -1\n\tmax_relocate 1.5\n");

        var vm = Assert.Single(resources);
        Assert.Null(vm.State);
        Assert.Equal("started", vm.EffectiveState);
        Assert.Collection(context.Diagnostics,
            d => { Assert.Equal(DiagnosticIds.UnknownKey, d.Id); d.AssertAt(1, 1, 2); Assert.Contains("(known: ct, vm)", d.Message); },
            d => { d.AssertAt(5, 8, 7); Assert.Contains("'running' is not one of started, stopped, enabled, disabled, ignored", d.Message); },
            d => { d.AssertAt(6, 14); Assert.Contains("must be at least 0", d.Message); },
            d => { d.AssertAt(7, 15); Assert.Contains("must be an integer", d.Message); });
    }

    [Fact]
    public void Duplicate_resources_keep_the_later_section()
    {
        var (resources, context) = Read("vm: 100\n\tstate stopped\n\nVM: 100\n\tstate started\n");

        Assert.Equal("started", Assert.Single(resources).State!.Value);
        context.Single(DiagnosticIds.DuplicateSection).AssertAt(4, 1);
    }

    [SharedFact]
    public void Corpus_pve_docs_resources()
    {
        var (resources, context) = ReadCorpus("proxmox-pve-docs", "ha-manager-resources", "resources.cfg");
        Assert.Empty(context.Diagnostics);
        Assert.Equal(["vm:501", "ct:102"], resources.Select(r => r.Sid));
        Assert.Equal(("started", 2), (resources[0].State!.Value, resources[0].MaxRelocate!.Value));
        // ct: 102's body is only a comment line: every key takes its default.
        Assert.Empty(resources[1].Section.Properties);
        Assert.Equal("started", resources[1].EffectiveState);
    }

    [SharedFact]
    public void Corpus_teleimagerie_ha_resources()
    {
        var (resources, context) = ReadCorpus("teleimagerie-proxmox", "configs", "ha-resources.cfg");
        Assert.Empty(context.Diagnostics);
        Assert.Equal(["vm:100", "vm:102", "ct:201", "ct:202", "ct:203"], resources.Select(r => r.Sid));
        Assert.All(resources, r => Assert.Equal((3, 3, "started"), (r.MaxRestart!.Value, r.MaxRelocate!.Value, r.State!.Value)));
        Assert.Equal([100, 102, 201, 202, 203], resources.Select(r => r.GuestId!.Value));
    }

    [Fact]
    public void An_inline_comment_that_breaks_a_value_is_one_finding()
    {
        var (resources, context) = Read("vm: 101\n\tmax_relocate 2 # comment\n");

        Assert.Null(Assert.Single(resources).MaxRelocate);
        var d = Assert.Single(context.Diagnostics);
        Assert.Equal(DiagnosticIds.InlineCommentInValue, d.Id);
        d.AssertAt(2, 17);
        Assert.Equal(Severity.Error, d.Severity);
        var consequence = Assert.Single(d.RelatedSpans);
        Assert.Equal((2, 15), (consequence.Span.Line, consequence.Span.Column));
        Assert.Contains("'max_relocate'", consequence.Message);
        Assert.Contains("PVE drops the key", d.Message);
    }

    [Fact]
    public void A_value_that_is_wrong_without_its_comment_too_keeps_both_findings()
    {
        var (_, context) = Read("vm: 101\n\tmax_relocate x # comment\n");

        Assert.Equal([(DiagnosticIds.InlineCommentInValue, 2, 17), (DiagnosticIds.InvalidValue, 2, 15)], context.Positions());
        Assert.Null(context.Diagnostics[0].Severity);
    }
}
