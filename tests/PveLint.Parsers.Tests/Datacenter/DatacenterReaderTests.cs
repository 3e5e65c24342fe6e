using PveLint.Datacenter;
using PveLint.Diagnostics;
using PveLint.Model;
using static PveLint.Parsers.Tests.ReaderTestKit;

namespace PveLint.Parsers.Tests.Datacenter;

/// <summary>datacenter.cfg (reference/pve-formats.md §1): traps, release gating and every corpus file.</summary>
public class DatacenterReaderTests() : ReaderTests<DatacenterConfig>("etc/pve/datacenter.cfg", (f, c) => DatacenterReader.Read(f, c))
{
    [Fact]
    public void Crs_static_with_rebalance_on_start()
    {
        var (config, context) = Read("crs: ha=static,ha-rebalance-on-start=yes\n");

        Assert.Empty(context.Diagnostics);
        Assert.Equal("static", config.Crs!.Ha!.Value);
        Assert.True(config.Crs.RebalanceOnStart!.Value);
        Assert.Equal((1, 9), (config.Crs.Ha.Span.Line, config.Crs.Ha.Span.Column));
        Assert.Null(config.Crs.AutoRebalance);
    }

    [Fact]
    public void Dynamic_scheduler_and_auto_rebalancing_are_only_known_from_pve_9_2()
    {
        const string text = "crs: ha=dynamic,ha-auto-rebalance=1,ha-auto-rebalance-threshold=40\n";
        var (on91, context91) = Read(text);

        Assert.Null(on91.Crs);
        Assert.False(on91.Get("crs")!.AcceptedByPve);
        Assert.Equal("dynamic", on91.Get("crs")!.Properties["ha"].Value);
        Assert.Equal(
            [(DiagnosticIds.UnknownKey, 1, 9), (DiagnosticIds.UnknownKey, 1, 17), (DiagnosticIds.UnknownKey, 1, 37)],
            context91.Positions());
        Assert.Contains("'dynamic' for 'ha' is only known from PVE 9.2 on; the cluster targets pve-9.1", context91.Diagnostics[0].Message);
        Assert.Contains("'ha-auto-rebalance' is only known from PVE 9.2 on; the cluster targets pve-9.1", context91.Diagnostics[1].Message);
        Assert.Contains("PVE rejects the whole 'crs' value and drops the line, so the HA CRM schedules with the default 'basic' mode", context91.Diagnostics[1].Message);

        var (on92, context92) = Read(text, TargetRelease.Pve92);
        Assert.Empty(context92.Diagnostics);
        Assert.Equal(("dynamic", true, 40.0), (on92.Crs!.Ha!.Value, on92.Crs.AutoRebalance!.Value, on92.Crs.AutoRebalanceThreshold!.Value));
    }

    [Fact]
    public void Auto_rebalance_options_require_ha_auto_rebalance_and_percent_ranges()
    {
        var (config, context) = Read("crs: ha=static,ha-auto-rebalance-margin=150,ha-auto-rebalance-method=topsis\n", TargetRelease.Pve92);

        Assert.Null(config.Crs);
        Assert.Equal(
            [(DiagnosticIds.InvalidValue, 1, 41), (DiagnosticIds.InvalidValue, 1, 41), (DiagnosticIds.InvalidValue, 1, 70)],
            context.Positions());
        Assert.Contains("must be at most 100", context.Diagnostics[0].Message);
        Assert.Contains("needs 'ha-auto-rebalance' to be set as well", context.Diagnostics[1].Message);
    }

    [Fact]
    public void A_duplicate_key_inside_a_property_string_rejects_the_whole_value()
    {
        var (config, context) = Read("crs: ha=static,ha=basic\n");

        Assert.Null(config.Crs);
        var d = context.Single(DiagnosticIds.InvalidValue);
        d.AssertAt(1, 16, 8);
        Assert.Contains("'ha' is set twice ('duplicate key in comma-separated list property')", d.Message);
    }

    [Fact]
    public void A_repeated_top_level_key_keeps_the_last_line()
    {
        var (config, context) = Read("keyboard: de\nfencing: hardware\nkeyboard: en-us\n");

        Assert.Equal("en-us", config.Get("keyboard")!.Value.Value);
        Assert.Equal("hardware", config.Fencing!.Value);
        var d = context.Single(DiagnosticIds.DuplicateKey);
        d.AssertAt(1, 1, 8);
        Assert.Contains("set again on line 3 of datacenter.cfg: PVE uses that later value and ignores this line", d.Message);
    }

    [Fact]
    public void Ha_needs_shutdown_policy_as_a_key()
    {
        var (config, context) = Read("ha: migrate\n");

        Assert.Null(config.ShutdownPolicy);
        Assert.Equal(
            [(DiagnosticIds.InvalidValue, 1, 5), (DiagnosticIds.InvalidValue, 1, 5)],
            context.Positions());
        Assert.Contains("'migrate' has no 'key=' and ha has no default key", context.Diagnostics[0].Message);
        Assert.Contains("'shutdown_policy' is required", context.Diagnostics[1].Message);

        var (ok, okContext) = Read("ha: shutdown_policy=failover\n");
        Assert.Empty(okContext.Diagnostics);
        Assert.Equal(("failover", 1, 21), (ok.ShutdownPolicy!.Value, ok.ShutdownPolicy.Span.Line, ok.ShutdownPolicy.Span.Column));
    }

    [Fact]
    public void Migration_type_is_the_default_key_and_is_required()
    {
        var (config, context) = Read("migration: insecure,network=fd00::/64\nreplication: network=10.0.0.0/24\n");

        Assert.Equal("insecure", config.Get("migration")!.Properties["type"].Value);
        Assert.Equal("fd00::/64", config.Get("migration")!.Properties["network"].Value);
        Assert.False(config.Get("replication")!.AcceptedByPve);
        var d = context.Single(DiagnosticIds.InvalidValue);
        d.AssertAt(2, 14);
        Assert.Contains("'type' is required", d.Message);
    }

    [Fact]
    public void An_empty_crs_line_crashes_the_crm_before_pve_cluster_9_1_6()
    {
        var (config, context) = Read("crs:\n");
        Assert.Null(config.Crs);
        var d = context.Single(DiagnosticIds.InvalidValue);
        d.AssertAt(1, 1, 3);
        Assert.Contains("the HA CRM crashes on it", d.Message);

        var (_, context92) = Read("crs:   \n", TargetRelease.Pve92);
        Assert.Contains("PVE ignores an empty 'crs:' line with a warning", context92.Single(DiagnosticIds.InvalidValue).Message);
    }

    [Fact]
    public void Unknown_keys_junk_lines_and_release_gated_keys()
    {
        var (config, context) = Read("keybaord: de\nthis line has no key\nlocation: latitude=48.2,longitude=16.4\nmax_workers: 0\nmigration_unsecure: yes\n");

        Assert.Equal("1", config.Get("migration_unsecure")!.Value.Value);
        Assert.False(config.Get("keybaord")!.AcceptedByPve);
        Assert.False(config.Get("location")!.AcceptedByPve);
        Assert.Equal(
            [(DiagnosticIds.SyntaxError, 2, 1), (DiagnosticIds.UnknownKey, 1, 1), (DiagnosticIds.UnknownKey, 3, 1), (DiagnosticIds.InvalidValue, 4, 14)],
            context.Positions());
        Assert.Contains("'keybaord' is not a datacenter.cfg key", context.Diagnostics[1].Message);
        Assert.Contains("The datacenter.cfg key 'location' is only known from PVE 9.2 on; the cluster targets pve-9.1", context.Diagnostics[2].Message);

        var (_, context92) = Read("location: latitude=48.2,longitude=16.4\n", TargetRelease.Pve92);
        Assert.Empty(context92.Diagnostics);
    }

    [Fact]
    public void Hash_lines_are_the_uri_encoded_description_and_indented_ones_are_not()
    {
        var (config, context) = Read("#Cluster %3A main\n  # not notes\n#caf%C3%A9\n\nkeyboard: de\n");

        Assert.Empty(context.Diagnostics);
        Assert.Equal("Cluster : main\ncafé\n", config.Description);
    }

    // ---- corpus: every datacenter.cfg ----

    [SharedFact]
    public void Corpus_pve_docs_crs_static()
    {
        var (config, context) = ReadCorpus("proxmox-pve-docs", "ha-manager-crs", "datacenter.cfg");
        Assert.Empty(context.Diagnostics);
        Assert.Equal("static", config.Crs!.Ha!.Value);
        Assert.Null(config.Crs.RebalanceOnStart);
        Assert.Equal(["crs"], config.Entries.Keys);
        Assert.Equal("", config.Description);
    }

    [SharedFact]
    public void Corpus_spongeyperson_keyboard_only()
    {
        var (config, context) = ReadCorpus("spongeyperson-pveserver-dotfiles", "etc", "pve", "datacenter.cfg");
        Assert.Empty(context.Diagnostics);
        Assert.Equal("en-us", config.Get("keyboard")!.Value.Value);
        Assert.Null(config.Crs);
        Assert.Null(config.ShutdownPolicy);
        Assert.Null(config.Fencing);
    }

    [SharedFact]
    public void Corpus_teleimagerie_migration_network_and_shutdown_policy()
    {
        var (config, context) = ReadCorpus("teleimagerie-proxmox", "configs", "datacenter.cfg");
        Assert.Empty(context.Diagnostics);
        var migration = config.Get("migration")!;
        Assert.Equal(("secure", "10.200.0.0/24"), (migration.Properties["type"].Value, migration.Properties["network"].Value));
        Assert.Equal(("migrate", 6, 21), (config.ShutdownPolicy!.Value, config.ShutdownPolicy.Span.Line, config.ShutdownPolicy.Span.Column));
        // The owner's '#' header lines are what PVE shows as the datacenter notes.
        var notes = config.Description.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, notes.Length);
        Assert.Equal(" source : pve1:/etc/pve/datacenter.cfg", notes[0]);
        Assert.Contains("\u2014", notes[1]);
    }
}
