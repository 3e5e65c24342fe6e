using CsCheck;
using PveLint.Binding;
using PveLint.LinterConfiguration;
using PveLint.Model;
using PveLint.Text;

namespace PveLint.Parsers.Tests.LinterConfiguration;

public class LinterConfigReaderTests
{
    private static (LinterConfig Config, IReadOnlyList<PveLint.Diagnostics.Diagnostic> Diagnostics) Read(string yaml)
    {
        var context = new BindContext();
        var config = LinterConfigReader.Read(new SourceFile(".pvelint.yaml", yaml), context);
        return (config, context.Diagnostics);
    }

    private const string Full = """
        target: pve-9.2
        sites:
          dc-north:
            nodes: [pve-a1, pve-a2]
          dc-south:
            nodes: [pve-b1, pve-b2]
          witness:
            role: witness
            qdevice: true
        latency-ms:
          dc-north..dc-south: 1.2
          dc-north..witness: 18
        nodes:
          pve-a1: { memory-gib: 512, cores: 64 }
        redundancy-groups:
          domain-controllers: [vm:101, vm:102]
        policy:
          rpo-minutes: 15
          max-failures: 2
          dr: cross-site
        rules:
          PVE2011: off
          PVE1005: error
        ignore-paths: ["nodes/lab-*/**"]
        """;

    [Fact]
    public void Reads_every_documented_key()
    {
        var (config, diagnostics) = Read(Full);
        Assert.Empty(diagnostics);
        Assert.Equal(TargetRelease.Pve92, config.TargetRelease);
        Assert.Equal(["dc-north", "dc-south", "witness"], config.Sites.Select(s => s.Name.Value));
        Assert.Equal(["pve-b1", "pve-b2"], config.Sites[1].Nodes.Select(n => n.Value));
        Assert.Equal((6, 13), (config.Sites[1].Nodes[0].Span.Line, config.Sites[1].Nodes[0].Span.Column));
        Assert.Equal(SiteRole.Witness, config.Sites[2].Role);
        Assert.True(config.Sites[2].QDevice);
        Assert.Equal(2, config.Latencies.Length);
        Assert.Equal(("dc-north", "witness", 18.0), (config.Latencies[1].SiteA, config.Latencies[1].SiteB, config.Latencies[1].Milliseconds));
        Assert.Equal(512, config.Nodes["pve-a1"].MemoryGiB);
        Assert.Equal(64, config.Nodes["pve-a1"].Cores);
        Assert.Equal(["vm:101", "vm:102"], config.RedundancyGroups[0].Members.Select(m => m.Value));
        Assert.Equal(new LinterPolicy(15, 2, "cross-site"), config.Policy);
        Assert.Equal([("PVE2011", "off"), ("PVE1005", "error")], config.Rules.Select(r => (r.Rule.Value, r.Value.Value)));
        Assert.Equal((22, 3), (config.Rules[0].Rule.Span.Line, config.Rules[0].Rule.Span.Column));
        Assert.Equal("nodes/lab-*/**", config.IgnorePaths.Single().Value);
    }

    [Theory]
    [InlineData("targt: pve-9.1\n", 1, 1, "unknown key 'targt'")]
    [InlineData("target: pve-8.4\n", 1, 9, "target 'pve-8.4' is not a supported release")]
    [InlineData("policy:\n  max-failures: lots\n", 2, 17, "max-failures must be a number")]
    [InlineData("rules:\n  PVE2011: silent\n", 2, 12, "severity 'silent' for PVE2011")]
    [InlineData("sites:\n  a:\n    nodes: [n1]\n    colour: red\n", 4, 5, "unknown key 'colour' in site 'a'")]
    [InlineData("sites:\n  a:\n    nodes: [n1]\nlatency-ms:\n  a..b: 3\n", 5, 3, "names site 'b'")]
    [InlineData("redundancy-groups:\n  dcs: [101, vm:102]\n", 2, 9, "'101' in redundancy group 'dcs' must be a guest id")]
    [InlineData("sites: [a, b]\n", 1, 8, "sites must be a mapping")]
    [InlineData("sites:\n  a:\n    nodes: [n1]\n  b:\n    nodes: [n1]\n", 5, 13, "node 'n1' is in site 'a' and in site 'b'")]
    public void Reports_schema_violations_at_the_exact_position(string yaml, int line, int column, string fragment)
    {
        var (_, diagnostics) = Read(yaml);
        var d = Assert.Single(diagnostics);
        Assert.Equal("PVE9003", d.Id);
        Assert.Contains(fragment, d.Message);
        Assert.Equal((line, column), (d.Span!.Value.Line, d.Span.Value.Column));
    }

    [Fact]
    public void Syntax_error_is_reported_with_its_line_and_the_config_falls_back_to_defaults()
    {
        var (config, diagnostics) = Read("target: pve-9.2\nsites:\n  a: [1, 2\nb: 3\n");
        var d = Assert.Single(diagnostics);
        Assert.Equal("PVE9003", d.Id);
        Assert.Contains("not valid YAML", d.Message);
        Assert.Equal(TargetReleases.Default, config.TargetRelease);
    }

    [Fact]
    public void Duplicate_keys_are_a_schema_error()
    {
        var (_, diagnostics) = Read("target: pve-9.1\ntarget: pve-9.2\n");
        Assert.Equal("PVE9003", Assert.Single(diagnostics).Id);
    }

    [Fact]
    public void Deep_nesting_is_refused_without_recursion()
    {
        var (_, diagnostics) = Read("a: " + new string('[', 100_000));
        Assert.Contains("nests deeper", Assert.Single(diagnostics).Message);
    }

    [Fact]
    public void Twenty_thousand_explicit_keys_are_PVE9003_not_a_stack_overflow()
    {
        // '? ' opens a mapping key per repetition; YamlDotNet builds nested nodes recursively (issue 6).
        var (_, diagnostics) = Read(string.Concat(Enumerable.Repeat("? ", 20_000)) + "\n");
        var d = Assert.Single(diagnostics);
        Assert.Equal(".pvelint.yaml nests deeper than 64 levels; the file was not read", d.Message);
        Assert.Equal((1, 129), (d.Span!.Value.Line, d.Span.Value.Column)); // the 65th '?'
    }

    [Fact]
    public void Select_and_ignore_are_lists_of_rule_entries_with_their_spans()
    {
        var (config, diagnostics) = Read("select: [PVE1, PVE2003]\nignore:\n  - inline-comment-in-value\n");

        Assert.Empty(diagnostics);
        Assert.Equal(["PVE1", "PVE2003"], config.Select.Select(s => s.Value));
        Assert.Equal((1, 16), (config.Select[1].Span.Line, config.Select[1].Span.Column));
        Assert.Equal("inline-comment-in-value", config.Ignore.Single().Value);
        Assert.Equal(3, config.Ignore[0].Span.Line);
    }

    [Fact]
    public void A_select_that_is_not_a_list_is_PVE9003()
    {
        var (config, diagnostics) = Read("select: PVE1\n");

        Assert.Empty(config.Select);
        var d = Assert.Single(diagnostics);
        Assert.Equal(("PVE9003", "select must be a list, e.g. [a, b]", 1), (d.Id, d.Message, d.Span!.Value.Line));
    }

    [Theory]
    [InlineData("ignore-paths: ['[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[']\n")]
    [InlineData("ignore-paths: [\"{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{\"]\n")]
    [InlineData("# [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\nignore-paths: [a]\n")]
    [InlineData("ignore-paths:\n  - |\n    [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\n")]
    public void Brackets_in_quotes_comments_and_block_scalars_do_not_nest(string yaml)
    {
        var (config, diagnostics) = Read(yaml);
        Assert.Empty(diagnostics);
        Assert.Single(config.IgnorePaths);
    }

    [Fact]
    public void Aliases_used_as_keys_are_capped_and_reported_at_the_alias()
    {
        // Each level's key lists the level below ten times: 10^10 nodes to hash at level 10 (issue 6: minutes).
        var yaml = new System.Text.StringBuilder("a0: &a0 [x, y]\n");
        for (var i = 1; i <= 10; i++)
            yaml.Append($"a{i}: &a{i} {{ ? [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}] : 1 }}\n");
        var (_, diagnostics) = Read(yaml.ToString());

        var d = Assert.Single(diagnostics);
        Assert.Equal("PVE9003", d.Id);
        Assert.StartsWith("aliases in .pvelint.yaml expand to more than 100000 nodes and characters by alias '*a4'", d.Message);
        Assert.Equal(6, d.Span!.Value.Line);
    }

    [Fact]
    public void An_alias_inside_its_own_anchor_is_PVE9003_not_an_endless_hash()
    {
        var (_, diagnostics) = Read("? &k [a, *k]\n: 1\n");
        var d = Assert.Single(diagnostics);
        Assert.Equal((1, 10), (d.Span!.Value.Line, d.Span.Value.Column));
        Assert.Contains("'*k' in .pvelint.yaml is inside the node that '&k' names", d.Message);
    }

    [Fact]
    public void An_alias_before_its_anchor_is_PVE9003_not_a_stack_overflow()
    {
        // Fuzzing (linter-config target): YamlDotNet resolves a forward alias used as a key by recursing forever.
        var (_, diagnostics) = Read("x: { *d , y: &d { m: 1 } }\n");
        var d = Assert.Single(diagnostics);
        Assert.Equal("PVE9003", d.Id);
        Assert.Equal((1, 6), (d.Span!.Value.Line, d.Span.Value.Column));
        Assert.Contains("alias '*d' in .pvelint.yaml comes before any anchor '&d'", d.Message);
    }

    [Fact]
    public void Ordinary_aliases_still_work()
    {
        var (config, diagnostics) = Read("nodes:\n  pve1: &big { memory-gib: 512, cores: 64 }\n  pve2: *big\n");
        Assert.Empty(diagnostics);
        Assert.Equal(512, config.Nodes["pve2"].MemoryGiB);
    }

    [Fact]
    public void Empty_file_is_the_default_config()
    {
        var (config, diagnostics) = Read("");
        Assert.Empty(diagnostics);
        Assert.Equal(LinterPolicy.Default, config.Policy);
    }

    [Fact]
    public void Never_throws_on_random_text_or_mutations_and_spans_stay_in_the_file()
    {
        var mutations = Gen.Int[0, Full.Length - 1].SelectMany(pos => Gen.Char.Select(c => Full.Remove(pos, 1).Insert(pos, c.ToString())));
        Gen.OneOf(Gen.String, mutations).Sample(text =>
        {
            var file = new SourceFile(".pvelint.yaml", text);
            var context = new BindContext();
            LinterConfigReader.Read(file, context);
            context.AssertSpansInside(file);
        }, iter: 3000);
    }

    [Fact]
    public void Suppressions_are_read_with_their_spans()
    {
        var (config, diagnostics) = Read("suppressions:\n  - rule: PVE2009\n    object: vm:101\n    reason: active/passive by design\n    until: 2026-06-30\n  - rule: missing-anti-affinity\n    object: keep-apart\n");

        Assert.Empty(diagnostics);
        Assert.Collection(config.Suppressions,
            s =>
            {
                Assert.Equal(("PVE2009", "vm:101", "active/passive by design", new DateOnly(2026, 6, 30)), (s.Rule.Value, s.Object.Value, s.Reason!.Value, s.Until!.Value));
                Assert.Equal((2, 5), (s.Span.Line, s.Span.Column));
                Assert.Equal(5, s.Until!.Span.Line);
            },
            s => Assert.Equal(("missing-anti-affinity", "keep-apart", null, null), (s.Rule.Value, s.Object.Value, s.Reason?.Value, s.Until)));
    }

    [Theory]
    [InlineData("suppressions:\n  - rule: PVE2009\n    reason: r\n", 2, "a suppression needs 'object:'")]
    [InlineData("suppressions:\n  - object: vm:101\n    reason: r\n", 2, "a suppression needs 'rule:'")]
    [InlineData("suppressions:\n  - rule: PVE2009\n    object: vm:101\n    reason: r\n    until: 30.06.2026\n", 5, "until '30.06.2026' must be a date written YYYY-MM-DD")]
    [InlineData("suppressions:\n  - rule: PVE2009\n    object: vm:101\n    reason: r\n    expires: 2026-06-30\n", 5, "unknown key 'expires' in a suppression; known keys: rule, object, reason, until")]
    [InlineData("suppressions:\n  rule: PVE2009\n", 2, "suppressions must be a list of entries")]
    public void Bad_suppression_entries_are_PVE9003_at_their_line(string yaml, int line, string message)
    {
        var (_, diagnostics) = Read(yaml);

        var d = Assert.Single(diagnostics);
        Assert.Equal(("PVE9003", line), (d.Id, d.Span!.Value.Line));
        Assert.StartsWith(message, d.Message);
    }
}
