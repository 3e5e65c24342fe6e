using System.Text.Json;
using Linter.Cli.Tests.Support;
using PveLint.Cli.Sources;

namespace Linter.Cli.Tests.Commands;

public sealed class ScanCommandTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private static CliRun Scan(params string[] args) => CliRunner.Run(CliRunner.Pinned(), ["scan", .. args]);

    [Fact]
    public void Findings_are_printed_compiler_style_with_a_summary_and_errors_fail_the_run()
    {
        var root = PinnedCluster.Write(_tree);

        var run = Scan(root);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(PinnedCluster.TextReport, run.OutputLines);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public void A_clean_cluster_exits_0()
    {
        _tree.Write("etc/pve/corosync.conf", "totem {\n}\n");

        var run = Scan(_tree.Root);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["pvelint: no findings in 1 cluster (1 file)."], run.OutputLines);
    }

    [Theory]
    [InlineData("error", 1)]
    [InlineData("warning", 1)]
    [InlineData("info", 1)]
    [InlineData("none", 0)]
    public void Fail_on_decides_the_exit_code(string level, int expected)
    {
        var root = PinnedCluster.Write(_tree);
        Assert.Equal(expected, Scan(root, "--fail-on", level).ExitCode);
    }

    [Theory]
    [InlineData("error", 0)]
    [InlineData("warning", 1)]
    public void Warnings_alone_fail_only_from_fail_on_warning(string level, int expected)
    {
        _tree.Write("etc/pve/corosync.conf", "");
        _tree.Write("etc/pve/user.cfg", PinnedCluster.UserCfg);

        Assert.Equal(expected, Scan(_tree.Root, "--fail-on", level).ExitCode);
    }

    [Theory]
    [InlineData("--format", "xml")]
    [InlineData("--fail-on", "critical")]
    [InlineData("--target", "pve-8.4")]
    [InlineData("--max-failures", "0")]
    [InlineData("--max-failures", "many")]
    public void Bad_options_are_usage_errors_with_exit_code_2(string option, string value)
    {
        _tree.Write("etc/pve/corosync.conf", "");

        var run = Scan(_tree.Root, option, value);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Output);
        Assert.StartsWith("pvelint: error: ", run.Error);
        Assert.EndsWith("Run 'pvelint scan --help' for usage.\n", run.Error);
    }

    [Fact]
    public void A_missing_path_is_a_one_line_error_with_exit_code_2()
    {
        var missing = _tree.PathOf("nope");
        var run = Scan(missing);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"pvelint: error: {missing}: no such file or directory\n", run.Error);
    }

    [Fact]
    public void A_directory_without_pve_configuration_is_rejected()
    {
        _tree.Write("README.md", "hello\n");

        var run = Scan(_tree.Root);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"pvelint: error: {_tree.Root}: no Proxmox VE configuration here (expected etc/pve/, or corosync.conf, datacenter.cfg or ha/ of a copy of /etc/pve, or ceph/, hosts/ or .pvelint.yaml)\n", run.Error);
    }

    [Fact]
    public void A_file_that_is_neither_archive_nor_database_is_rejected()
    {
        var path = _tree.Write("corosync.conf", "totem {}\n");

        var run = Scan(path);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("pvelint: error: corosync.conf: not a directory, a .tar/.tar.gz/.tgz archive or a pmxcfs config.db\n", run.Error);
    }

    [Fact]
    public void Truncated_and_random_archives_exit_2_with_the_file_named()
    {
        var random = new byte[1000];
        new Random(7).NextBytes(random);
        _tree.WriteBytes("random.tgz", random);
        var archive = _tree.PathOf("good.tgz");
        Archives.Write(archive, gzip: true, w =>
        {
            for (var i = 0; i < 40; i++) w.WriteEntry(Archives.File($"nodes/n{i}/x.cfg", Guid.NewGuid().ToString() + new string('y', 3000)));
        });
        var bytes = File.ReadAllBytes(archive);
        _tree.WriteBytes("cut.tgz", bytes[..(bytes.Length * 2 / 3)]);

        var randomRun = Scan(_tree.PathOf("random.tgz"));
        var cutRun = Scan(_tree.PathOf("cut.tgz"));

        Assert.Equal((2, "pvelint: error: random.tgz: not a tar or gzip archive (it starts with neither a gzip header nor a tar header)\n"), (randomRun.ExitCode, randomRun.Error));
        Assert.Equal(2, cutRun.ExitCode);
        Assert.StartsWith("pvelint: error: cut.tgz: not a readable tar archive after ", cutRun.Error);
        Assert.DoesNotContain("   at ", cutRun.Error);
    }

    [Fact]
    public void Refused_archive_entries_without_a_path_are_shown_on_the_archive()
    {
        var archive = _tree.PathOf("evil.tgz");
        Archives.Write(archive, gzip: true, w =>
        {
            w.WriteEntry(Archives.File("corosync.conf", ""));
            w.WriteEntry(Archives.File("../../etc/cron.d/x", "* * * * * root sh"));
        });

        var run = Scan(archive);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
        [
            "evil.tgz: error PVE0010: evil.tgz: entry '../../etc/cron.d/x' climbs out of the archive with '..'; it was refused [unreadable-input]",
            "    1  PVE0010  unreadable-input",
            "pvelint: 1 error, 0 warnings, 0 info in 1 cluster (1 file).",
        ], run.OutputLines);
    }

    [Fact]
    public void A_config_db_with_its_data_in_a_missing_wal_exits_2_and_says_why()
    {
        _tree.CreateDirectory("copy");
        ConfigDbBuilder.CreateWithDataOnlyInWal(_tree.PathOf("live.db"), [new(1, 0, ConfigDbBuilder.RegularFileType, "corosync.conf", "x"u8.ToArray())], _tree.PathOf("copy/config.db"), copyWal: false);

        var run = Scan(_tree.PathOf("copy/config.db"));

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("pvelint: error: config.db: the database has no 'tree' table; its data probably sits in config.db-wal, which is not beside it (copy both files, or run 'sqlite3 config.db .backup copy.db' on the node)\n", run.Error);
    }

    [SharedFact]
    public void Each_output_goes_to_the_file_given_after_its_format()
    {
        var root = PinnedCluster.Write(_tree, "cluster");
        var sarif = _tree.PathOf("out/report.sarif");
        var json = _tree.PathOf("out/report.json");

        var run = Scan(root, "--format", "sarif", "--output", sarif, "-f", "json", "-o", json, "--format", "text");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(PinnedCluster.TextReport, run.OutputLines);
        SarifSchema.AssertValid(File.ReadAllText(sarif));
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        Assert.Equal(4, document.RootElement.GetProperty("findings").GetArrayLength());
    }

    [Fact]
    public void Equals_sign_syntax_pairs_formats_and_outputs_too()
    {
        var root = PinnedCluster.Write(_tree, "cluster");
        var json = _tree.PathOf("report.json");

        var run = Scan(root, "--format=json", $"--output={json}", "-f", "github");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("::error file=etc/pve/notes.bin,line=2,col=4,", run.Output);
        Assert.Equal(4, JsonDocument.Parse(File.ReadAllText(json)).RootElement.GetProperty("findings").GetArrayLength());
    }

    [Fact]
    public void An_output_that_cannot_be_written_exits_2()
    {
        var root = PinnedCluster.Write(_tree, "cluster");
        _tree.CreateDirectory("taken");

        var run = Scan(root, "-o", _tree.PathOf("taken"));

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"pvelint: error: {_tree.PathOf("taken")}: cannot write the output (", run.Error);
    }

    [Fact]
    public void An_output_without_a_format_writes_text_to_the_file()
    {
        var root = PinnedCluster.Write(_tree, "cluster");
        var file = _tree.PathOf("report.txt");

        var run = Scan(root, "--output", file);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Output);
        Assert.Equal(string.Join("\n", PinnedCluster.TextReport) + "\n", File.ReadAllText(file));
    }

    [Fact]
    public void Two_formats_on_standard_output_are_a_usage_error()
    {
        var root = PinnedCluster.Write(_tree);

        var run = Scan(root, "-f", "text", "-f", "json");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("pvelint: error: formats text and json would both write to standard output; give all but one of them an --output FILE\n", run.Error);
    }

    [Fact]
    public void More_outputs_than_formats_is_a_usage_error()
    {
        var root = PinnedCluster.Write(_tree);

        var run = Scan(root, "-f", "json", "-o", _tree.PathOf("a.json"), "-o", _tree.PathOf("b.json"));

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("pvelint: error: --output ", run.Error);
    }

    [Fact]
    public void A_baseline_accepts_recorded_findings_and_reports_new_ones()
    {
        var root = PinnedCluster.Write(_tree, "cluster");
        var baseline = _tree.PathOf("baseline.json");

        var write = Scan(root, "--write-baseline", baseline);
        Assert.Equal(0, write.ExitCode);
        Assert.Equal(["pvelint: no findings in 1 cluster (3 files); 4 baselined."], write.OutputLines);
        Assert.Equal(4, JsonDocument.Parse(File.ReadAllText(baseline)).RootElement.GetProperty("entries").GetArrayLength());
        // Readable in a diff: quotes stay quotes (no \u0027).
        Assert.Contains("\"message\": \"'PVE9999' in a suppression comment", File.ReadAllText(baseline));
        Assert.DoesNotContain("\\u00", File.ReadAllText(baseline));

        var again = Scan(root, "--baseline", baseline);
        Assert.Equal((0, "pvelint: no findings in 1 cluster (3 files); 4 baselined.\n"), (again.ExitCode, again.Output));

        // Editing the line of a baselined finding makes it new again; its old entry then matches nothing.
        _tree.Write("cluster/etc/pve/user.cfg", PinnedCluster.UserCfg.Replace("PVE9999", "PVE9998"));
        var edited = Scan(root, "--baseline", baseline, "--fail-on", "warning");
        Assert.Equal(1, edited.ExitCode);
        Assert.Equal(5, edited.OutputLines.Length); // two findings, their two rules counted, the summary
        Assert.Contains("etc/pve/user.cfg(1,29): warning PVE9002: 'PVE9998' in a suppression comment is not a pvelint rule id or name [unknown-rule-id]", edited.OutputLines);
        // The stale entry is shown at its lines in the baseline file (relative to the repository root, the cluster here).
        var stale = Assert.Single(edited.OutputLines, l => l.Contains("warning PVE9001", StringComparison.Ordinal));
        Assert.Matches(@"^\.\./baseline\.json\(\d+,5\): warning PVE9001: baseline entry PVE9002 for 'etc/pve/user\.cfg' \(", stale);
        var line = int.Parse(stale[(stale.IndexOf('(') + 1)..stale.IndexOf(',')]);
        Assert.Equal("{", File.ReadAllLines(baseline)[line - 1].Trim());
        Assert.Contains("'PVE9999' in a suppression comment", string.Join("\n", File.ReadAllLines(baseline)[(line - 1)..(line + 5)]));
        Assert.Equal("pvelint: 0 errors, 2 warnings, 0 info in 1 cluster (3 files); 3 baselined.", edited.OutputLines[^1]);
    }

    [Fact]
    public void Findings_without_a_line_are_shown_on_the_linter_config_when_there_is_one()
    {
        var root = PinnedCluster.Write(_tree, "cluster");
        _tree.Write("cluster/.pvelint.yaml", "target: pve-9.1\n");

        // Directories nested too deep are refused as a whole: a finding with no file and no line of its own.
        _tree.CreateDirectory("cluster/ceph/" + string.Join("/", Enumerable.Repeat("d", DirectorySource.MaxDepth + 2)));

        var run = Scan(root);

        Assert.Contains(run.OutputLines, l => l.StartsWith(".pvelint.yaml: error PVE0010: ", StringComparison.Ordinal) && l.Contains($"nest deeper than {DirectorySource.MaxDepth} levels"));
    }

    [Theory]
    [InlineData("{\"entries\": []}", "not a pvelint baseline")]
    [InlineData("not json", "invalid JSON")]
    public void A_broken_baseline_exits_2(string content, string expected)
    {
        var root = PinnedCluster.Write(_tree, "cluster");
        var baseline = _tree.Write("baseline.json", content);

        var run = Scan(root, "--baseline", baseline);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"pvelint: error: {baseline}: ", run.Error);
        Assert.Contains(expected, run.Error);
    }

    [Fact]
    public void A_missing_baseline_or_config_exits_2()
    {
        var root = PinnedCluster.Write(_tree, "cluster");

        Assert.Equal(2, Scan(root, "--baseline", _tree.PathOf("none.json")).ExitCode);
        var config = Scan(root, "--config", _tree.PathOf("none.yaml"));
        Assert.Equal((2, "pvelint: error: ../none.yaml: the configuration file given with --config does not exist\n"), (config.ExitCode, config.Error));
    }

    [Fact]
    public void A_baseline_needs_a_single_path()
    {
        var a = PinnedCluster.Write(_tree, "a");
        var b = PinnedCluster.Write(_tree, "b");

        var run = Scan(a, b, "--write-baseline", _tree.PathOf("x.json"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("single PATH", run.Error);
    }

    [Fact]
    public void Several_paths_are_several_clusters_with_paths_relative_to_their_common_root()
    {
        var a = PinnedCluster.Write(_tree, "clusters/a");
        _tree.Write("clusters/b/etc/pve/corosync.conf", "");

        var run = Scan(a, _tree.PathOf("clusters/b"));

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("a/etc/pve/notes.bin(2,4): error PVE0010: a/etc/pve/notes.bin: the file is not valid UTF-8 text (0xFF at line 2, column 4); it is checked as PVE and corosync read it, byte by byte, with each byte that is not UTF-8 taken as its Latin-1 character", run.OutputLines[0]);
        Assert.Equal("pvelint: 1 error, 3 warnings, 0 info in 2 clusters (4 files).", run.OutputLines[^1]);
    }

    [Fact]
    public void Repo_root_makes_paths_relative_to_it_and_must_exist()
    {
        var root = PinnedCluster.Write(_tree, "site/cluster");

        var run = Scan(root, "--repo-root", _tree.PathOf("site"));
        Assert.StartsWith("cluster/etc/pve/notes.bin(2,4): error PVE0010", run.OutputLines[0]);

        var missing = Scan(root, "--repo-root", _tree.PathOf("nowhere"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("no such directory", missing.Error);
    }

    [Fact]
    public void The_git_top_level_is_the_default_repo_root()
    {
        _tree.CreateDirectory(".git");
        var root = PinnedCluster.Write(_tree, "clusters/prod");

        var run = Scan(root);

        Assert.StartsWith("clusters/prod/etc/pve/notes.bin(2,4): error PVE0010", run.OutputLines[0]);
    }

    [Fact]
    public void Target_overrides_the_linter_config_and_reaches_the_model()
    {
        _tree.Write("etc/pve/corosync.conf", "");

        var run = Scan(_tree.Root, "--target", "pve-9.2", "--format", "json", "--no-simulate", "--max-failures", "3");

        Assert.Equal(0, run.ExitCode);
        using var document = JsonDocument.Parse(run.Output);
        Assert.Equal("pve-9.2", document.RootElement.GetProperty("clusters")[0].GetProperty("target").GetString());
    }

    [Fact]
    public void The_wal_note_goes_to_standard_error_and_does_not_change_the_exit_code()
    {
        var db = _tree.PathOf("config.db");
        ConfigDbBuilder.Create(db, [new(1, 0, ConfigDbBuilder.RegularFileType, "corosync.conf", "totem {\n}\n"u8.ToArray())], wal: true);

        var run = Scan(db);

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("pvelint: warning: config.db is in WAL mode but config.db-wal is not beside it", run.Error);
    }

    [Fact]
    public void Tight_limits_turn_into_findings_not_crashes()
    {
        var root = PinnedCluster.Write(_tree);

        var run = CliRunner.Run(CliRunner.Pinned(new SourceLimits(MaxFileBytes: 8, MaxEntries: 100, MaxTotalBytes: 1000)), "scan", root);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("etc/pve/user.cfg(1,1): error PVE0010: etc/pve/user.cfg: the file is 174 bytes, larger than the 8 bytes limit, and was not read [unreadable-input]", run.OutputLines);
    }

    [Fact]
    public void Json_carries_the_scenario_table_and_each_findings_objects_and_fingerprint()
    {
        var example = Path.Combine(PveLint.Tests.TestPaths.RepoRoot, "examples", "two-site-cluster");

        // Every rule, so that the resilience rules run the simulation.
        var run = CliRunner.Run("scan", example, "--format", "json");

        var root = JsonDocument.Parse(run.Output).RootElement;
        var simulation = root.GetProperty("clusters")[0].GetProperty("simulation");
        Assert.Equal(2, simulation.GetProperty("maxFailures").GetInt32());
        var scenarios = simulation.GetProperty("scenarios").EnumerateArray().ToList();
        Assert.Contains(scenarios, s => s.GetProperty("title").GetString() == "netsplit room-a | room-b");
        var findings = root.GetProperty("findings").EnumerateArray().ToList();
        // A finding in a resources.cfg section is about that resource; one in a host's watchdog file about that node.
        Assert.Contains(findings, f => f.GetProperty("id").GetString() == "PVE6004" && f.GetProperty("subjects").EnumerateArray().Any(s => s.GetString() == "ct:120"));
        Assert.Contains(findings, f => f.GetProperty("id").GetString() == "PVE4002" && f.GetProperty("subjects")[0].GetString() == "pve-b2");
        Assert.All(findings, f => Assert.Matches("^[0-9a-f]{16,}$", f.GetProperty("fingerprint").GetString()));

        var lintOnly = JsonDocument.Parse(CliRunner.Run("scan", example, "--format", "json", "--no-simulate").Output).RootElement;
        Assert.Equal(JsonValueKind.Null, lintOnly.GetProperty("clusters")[0].GetProperty("simulation").ValueKind);
    }
}
