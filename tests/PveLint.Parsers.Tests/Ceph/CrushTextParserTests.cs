using PveLint.Binding;
using PveLint.Ceph.Crush;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Text;

namespace PveLint.Parsers.Tests.Ceph;

public class CrushTextParserTests
{
    private const string Header = """
        tunable choose_total_tries 50
        device 0 osd.0 class ssd
        device 1 osd.1 class hdd
        type 0 osd
        type 1 host
        type 11 root

        """;

    private static (CrushMapSyntax Syntax, CrushMap Map, IReadOnlyList<Diagnostic> Diagnostics) Parse(string text)
    {
        var file = new SourceFile("ceph/crush.txt", text.Replace("\r\n", "\n"));
        var syntax = CrushTextParser.Parse(file);
        var context = new BindContext();
        var map = CrushTextBinder.Bind(syntax, context);
        return (syntax, map, context.Diagnostics);
    }

    private static (string Id, int Line, int Column) Where(Diagnostic d) => (d.Id, d.Span!.Value.Line, d.Span.Value.Column);

    [Fact]
    public void Syntax_tree_keeps_every_token_with_its_exact_span()
    {
        var (syntax, _, diagnostics) = Parse("""
            # begin crush map
            device 0 osd.0 class ssd
            type 0 osd
            type 1 host
            host pve1 {
            	id -3		# do not change unnecessarily
            	id -2 class ssd
            	alg straw2
            	hash 0	# rjenkins1
            	item osd.0 weight 0.873 pos 0
            }
            rule stretch_rule {
            	id 1
            	type replicated
            	step take pve1 class ssd
            	step chooseleaf firstn 0 type osd
            	step set_choose_tries 100
            	step emit
            }
            """);
        Assert.Empty(diagnostics);

        var device = Assert.IsType<CrushDeviceSyntax>(syntax.Declarations[0]);
        Assert.Equal(SourceSpan.OnLine("ceph/crush.txt", 2, 1, 24), device.Span);
        Assert.Equal(("ssd", 22), (device.Class!.Value.Text, device.Class.Value.Span.Column));

        var bucket = Assert.IsType<CrushBucketSyntax>(syntax.Declarations[3]);
        Assert.Equal(("host", "pve1"), (bucket.TypeName.Text, bucket.Name.Text));
        Assert.Equal(new SourceSpan("ceph/crush.txt", 5, 1, 11, 2), bucket.Span);
        Assert.Equal(["-3", "-2"], bucket.Ids.Select(i => i.Id.Text));
        Assert.Null(bucket.Ids[0].Class);
        Assert.Equal("ssd", bucket.Ids[1].Class!.Value.Text);
        Assert.Equal(("straw2", 8, 6), (bucket.Algorithm.Text, bucket.Algorithm.Span.Line, bucket.Algorithm.Span.Column));
        Assert.Equal(["0"], bucket.Hashes.Select(h => h.Text));
        var item = Assert.Single(bucket.Items);
        Assert.Equal(("osd.0", "0.873", "0"), (item.Name.Text, item.Weight!.Value.Text, item.Position!.Value.Text));
        Assert.Equal(SourceSpan.OnLine("ceph/crush.txt", 10, 2, 29), item.Span);

        var rule = Assert.IsType<CrushRuleSyntax>(syntax.Declarations[4]);
        Assert.Equal(("stretch_rule", "id", "1", "replicated"), (rule.Name!.Value.Text, rule.IdKeyword.Text, rule.Id.Text, rule.Type.Text));
        Assert.Null(rule.MinSize);
        var take = Assert.IsType<CrushTakeStepSyntax>(rule.Steps[0]);
        Assert.Equal(SourceSpan.OnLine("ceph/crush.txt", 15, 2, 24), take.Span);
        Assert.Equal("ssd", take.Class!.Value.Text);
        var choose = Assert.IsType<CrushChooseStepSyntax>(rule.Steps[1]);
        Assert.Equal(("chooseleaf", "firstn", "0", "osd"), (choose.Verb.Text, choose.Mode.Text, choose.Count.Text, choose.Type.Text));
        Assert.Equal(("set_choose_tries", "100"), (((CrushSetStepSyntax)rule.Steps[2]).Name.Text, ((CrushSetStepSyntax)rule.Steps[2]).Value.Text));
        Assert.IsType<CrushEmitStepSyntax>(rule.Steps[3]);
    }

    [Fact]
    public void A_bucket_without_alg_is_a_syntax_error_and_parsing_resumes_at_the_next_declaration()
    {
        var (syntax, map, diagnostics) = Parse(Header + """
            host pve1 {
            	id -2
            	item osd.0 weight 1.000
            }
            host pve2 {
            	id -3
            	alg straw2
            	item osd.1 weight 2.000
            }
            root default {
            	id -1
            	alg straw2
            	item pve2
            }
            rule r {
            	id 0
            	type replicated
            	step take default
            	step emit
            }
            """);
        var error = Assert.Single(diagnostics);
        Assert.Equal((DiagnosticIds.SyntaxError, 9, 2), Where(error));
        Assert.Equal("crushtool cannot parse host 'pve1': expected 'alg' but found 'item'; it rejects the whole map.", error.Message);
        Assert.Equal(4, error.Span!.Value.Length); // the 'item' token
        Assert.Equal(["pve2", "default"], syntax.OfKind<CrushBucketSyntax>().Select(b => b.Name.Text));
        Assert.Equal(["default", "pve2"], map.Buckets.Select(b => b.Name));
        Assert.Equal("r", Assert.Single(map.Rules).Name);
    }

    [Fact]
    public void Unknown_step_and_invalid_characters_point_at_the_offending_token()
    {
        var (_, map, diagnostics) = Parse(Header + """
            root default {
            	alg straw2
            	item osd.0
            }
            rule a {
            	id 0
            	type replicated
            	step noop
            }
            rule b {
            	id 1
            	type replicated
            	step take default
            	step chooseleaf firstn 0 type=host
            	step emit
            }
            rule c {
            	id 2
            	type replicated
            	step take default
            	step emit
            }
            """);
        Assert.Equal([(DiagnosticIds.SyntaxError, 14, 7), (DiagnosticIds.SyntaxError, 20, 31)], diagnostics.Select(Where));
        Assert.Contains("but found 'noop'", diagnostics[0].Message);
        Assert.Contains("rule 'a'", diagnostics[0].Message);
        Assert.Contains("but found the character '='", diagnostics[1].Message);
        Assert.Equal(["c"], map.Rules.Select(r => r.Name));
    }

    [Fact]
    public void A_truncated_rule_reports_the_end_of_the_file()
    {
        var (_, _, diagnostics) = Parse(Header + "root default {\n\talg straw2\n}\nrule r {\n\tid 0\n\ttype replicated\n\tstep take default\n");
        var error = Assert.Single(diagnostics);
        Assert.Equal((DiagnosticIds.SyntaxError, 14, 1), Where(error));
        Assert.Contains("found the end of the file", error.Message);
    }

    [Fact]
    public void Rules_accept_ruleset_no_name_and_no_min_max_size()
    {
        var (_, map, diagnostics) = Parse(Header + """
            root default {
            	alg straw2
            	item osd.0
            }
            rule {
            	ruleset 3
            	type erasure
            	min_size 3
            	max_size 4
            	step take default
            	step chooseleaf indep 0 type osd
            	step emit
            }
            rule quincy {
            	id 4
            	type msr_firstn
            	step take default
            	step set_msr_descents 3
            	step emit
            }
            """);
        Assert.Empty(diagnostics);
        Assert.Equal([(3, "", "erasure"), (4, "quincy", "msr_firstn")], map.Rules.Select(r => (r.Id, r.Name, r.Type)));
        Assert.Equal(new CrushStep("chooseleaf_indep", null, null, 0, "osd"), map.Rules[0].Steps[1]);
        Assert.Equal(new CrushStep("set_msr_descents", null, null, 3, null), map.Rules[1].Steps[1]);
    }

    [Fact]
    public void Section_order_is_enforced_like_crushtool()
    {
        var (_, map, diagnostics) = Parse(Header + """
            root default {
            	alg straw2
            	item osd.0
            }
            device 2 osd.2
            rule r {
            	id 0
            	type replicated
            	step take default
            	step emit
            }
            host late {
            	alg straw2
            }
            """);
        Assert.Equal([(DiagnosticIds.SyntaxError, 11, 1), (DiagnosticIds.SyntaxError, 18, 1)], diagnostics.Select(Where));
        Assert.Contains("only before the first bucket", diagnostics[0].Message);
        Assert.Contains("'buckets must be defined before rules'", diagnostics[1].Message);
        Assert.Equal(3, map.Devices.Length); // reported, but still read
        Assert.NotNull(map.Bucket("late"));
    }

    [Fact]
    public void Compiler_checks_report_names_that_point_nowhere_and_duplicates()
    {
        var (_, _, diagnostics) = Parse(Header + """
            tunable no_such_tunable 1
            rack r1 {
            	id -5
            	alg straw2
            	item osd.9
            }
            host h1 {
            	id -5
            	id -6 class ssd
            	id -7 class ssd
            	alg straw3
            	item osd.0
            }
            host h1 {
            	alg straw2
            }
            root default {
            	id -1
            	alg straw2
            	item h1
            }
            rule r {
            	id 0
            	type replicated
            	step take nowhere
            	step take default class nvme
            	step choose firstn 0 type rack
            	step emit
            }
            rule r {
            	id 1
            	type replicated
            	step take default
            	step emit
            }
            rule s {
            	id 0
            	type replicated
            	step take default
            	step emit
            }
            """);
        Assert.Equal(
            [
                (DiagnosticIds.UnknownKey, 7, 9),          // tunable no_such_tunable
                (DiagnosticIds.UnresolvedReference, 8, 1), // type 'rack' is not defined
                (DiagnosticIds.UnresolvedReference, 11, 7), // item osd.9
                (DiagnosticIds.DuplicateSection, 14, 5),   // id -5 again
                (DiagnosticIds.DuplicateKey, 16, 14),      // second id for class ssd
                (DiagnosticIds.InvalidValue, 17, 6),       // alg straw3
                (DiagnosticIds.DuplicateSection, 20, 6),   // host h1 again
                (DiagnosticIds.UnresolvedReference, 31, 12), // take nowhere
                (DiagnosticIds.UnresolvedReference, 32, 26), // class nvme
                (DiagnosticIds.UnresolvedReference, 33, 28), // type rack
                (DiagnosticIds.DuplicateSection, 36, 6),   // rule name r again
                (DiagnosticIds.DuplicateSection, 43, 5),   // rule id 0 again
            ],
            diagnostics.Select(Where).OrderBy(d => d.Line).ThenBy(d => d.Column));
        Assert.Equal("Item 'osd.9' in bucket 'r1' is not defined as a device or bucket; crushtool rejects the map.", diagnostics[2].Message);
        Assert.Equal("Rule id 0 of rule 's' is already used by rule 'r'; crushtool rejects the map with 'rule 0 already exists'.", diagnostics[11].Message);
    }

    [Fact]
    public void Missing_weights_ids_and_tunables_get_crushtools_values()
    {
        var (_, map, diagnostics) = Parse("""
            device 0 osd.0
            device 1 osd.1
            type 0 osd
            type 1 host
            type 2 root
            root default {
            	alg straw2
            	item h1
            	item h2 weight 0.5
            }
            host h1 {
            	id -1
            	alg straw2
            	item osd.0 weight 0.873
            	item osd.1
            }
            host h2 {
            	alg straw2
            	item osd.1 pos 1
            	item osd.0 pos 0
            }
            """);
        Assert.Empty(diagnostics);
        // Ids: h1 has -1, so 'default' (first without id) gets -2 and h2 -3.
        Assert.Equal([("h1", -1), ("default", -2), ("h2", -3)], map.Buckets.Select(b => (b.Name, b.Id)));
        // osd.1 without weight counts 1.0; h1's total is 57212 + 65536; h2's explicit 0.5 wins over its own total.
        Assert.Equal([(57212 + 65536) / 65536.0, 0.5], map.Bucket("default")!.Items.Select(i => i.Weight));
        Assert.Equal(["osd.0", "osd.1"], map.Bucket("h2")!.Items.Select(i => i.Name)); // ordered by pos
        // No tunable lines: the legacy values crushtool starts from.
        Assert.Equal(19, map.Tunables["choose_total_tries"]);
        Assert.Equal(22, map.Tunables["allowed_bucket_algs"]);
        Assert.Equal(8, map.Tunables.Count);
    }

    [Fact]
    public void Cyclic_buckets_are_reported_and_do_not_hang()
    {
        var (_, _, diagnostics) = Parse("""
            type 0 osd
            type 1 host
            host a {
            	id -1
            	alg straw2
            	item b
            }
            host b {
            	id -2
            	alg straw2
            	item a
            }
            """);
        var cycle = Assert.Single(diagnostics);
        Assert.Equal(DiagnosticIds.InvalidValue, cycle.Id);
        Assert.Contains("must not form a cycle", cycle.Message);
    }

    [Fact]
    public void Weights_out_of_range_are_reported()
    {
        var (_, _, diagnostics) = Parse(Header + "host h {\n\tid -1\n\talg straw2\n\titem osd.0 weight 100.5\n\titem osd.1 weight -1\n}\n");
        Assert.Equal([(DiagnosticIds.InvalidValue, 11, 20), (DiagnosticIds.InvalidValue, 10, 20)], diagnostics.Select(Where));
        Assert.Contains("limits a device weight to 100", diagnostics[1].Message);
    }

    [Fact]
    public void Choose_args_are_read_and_match_the_json_form()
    {
        var (syntax, map, diagnostics) = Parse(Header + """
            host h {
            	id -2
            	alg straw2
            	item osd.0 weight 1.000
            	item osd.1 weight 1.000
            }
            root default {
            	id -1
            	alg straw2
            	item h weight 2.000
            }
            rule r {
            	id 0
            	type replicated
            	step take default
            	step emit
            }
            # choose_args
            choose_args 18446744073709551615 {
              {
                bucket_id -2
                weight_set [
                  [ 0.900 1.100 ]
                  [ 1.000 1.000 ]
                ]
                ids [ -10 -20 ]
              }
            }
            """);
        Assert.Empty(diagnostics);
        var block = Assert.Single(syntax.OfKind<CrushChooseArgsSyntax>());
        Assert.Equal(2, block.Args[0].WeightSet!.Value.Length);
        var args = Assert.Single(map.ChooseArgs);
        Assert.Equal(-1L, args.Id);
        var arg = Assert.Single(args.Args);
        Assert.Equal(-2, arg.BucketId);
        Assert.Equal([-10, -20], arg.Ids.ToArray());
        Assert.Equal([(int)(0.9f * 65536f) / 65536.0, (int)(1.1f * 65536f) / 65536.0], arg.WeightSets[0].ToArray());

        var json = new SourceFile("ceph/crush.json", """
            { "devices": [], "types": [], "buckets": [], "rules": [],
              "choose_args": { "-1": [ { "bucket_id": -2, "weight_set": [ [ 0.9, 1.1 ], [ 1, 1 ] ], "ids": [ -10, -20 ] } ] } }
            """);
        var jsonMap = CrushJsonReader.Read(json.Path, PveLint.Json.JsonTreeParser.Parse(json).Root!, new PveLint.Ceph.DumpDiagnostics(new BindContext(), json.Path));
        var jsonArg = Assert.Single(Assert.Single(jsonMap.ChooseArgs).Args);
        Assert.Equal(arg.Ids.ToArray(), jsonArg.Ids.ToArray());
        Assert.All(arg.WeightSets.Zip(jsonArg.WeightSets).SelectMany(r => r.First.Zip(r.Second)), w => Assert.True(Math.Abs(w.First - w.Second) < CrushMapComparison.TextWeightTolerance));
    }

    [Fact]
    public void Choose_args_with_a_wrong_row_length_or_unknown_bucket_are_reported()
    {
        var (_, _, diagnostics) = Parse(Header + "host h {\n\tid -2\n\talg straw2\n\titem osd.0\n}\nchoose_args 0 {\n  { bucket_id -2 weight_set [ [ 1.0 2.0 ] ] }\n  { bucket_id -9 }\n}\n");
        Assert.Equal([(DiagnosticIds.InvalidValue, 13, 33), (DiagnosticIds.UnresolvedReference, 14, 15)], diagnostics.Select(Where));
    }

    [Fact]
    public void Too_many_errors_are_capped_but_parsing_continues()
    {
        var junk = string.Concat(Enumerable.Repeat("device x\n", 500)) + Header + "root default {\n\talg straw2\n\titem osd.0\n}\n";
        var (syntax, map, _) = Parse(junk);
        Assert.Equal(CrushTextParser.MaxReportedErrors, syntax.Diagnostics.Length);
        Assert.NotNull(map.Bucket("default"));
    }
}
