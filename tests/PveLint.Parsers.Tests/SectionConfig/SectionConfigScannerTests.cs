using PveLint.Diagnostics;
using PveLint.SectionConfig.Syntax;
using PveLint.Text;

namespace PveLint.Parsers.Tests.SectionConfig;

/// <summary>The line grammar shared by all section-config files (reference/pve-ha-manager.md §1.1).</summary>
public class SectionConfigScannerTests
{
    private static SectionConfigDocument Scan(string text, SectionHeaderShape? shape = null) =>
        SectionConfigScanner.Scan(new SourceFile("etc/pve/ha/rules.cfg", text), shape ?? SectionHeaderShape.AnyId);

    [Fact]
    public void Reads_headers_keys_values_and_bare_flags_with_exact_spans()
    {
        var doc = Scan("node-affinity: r1 \n\tresources vm:101,vm:102\n    nodes   node1:2  \n\tdisable\n");

        var section = Assert.Single(doc.Sections);
        Assert.Equal("node-affinity", section.Header.Type.Value);
        Assert.Equal("r1", section.Header.Id.Value);
        Assert.Equal((1, 16, 18), (section.Header.Id.Span.Line, section.Header.Id.Span.Column, section.Header.Id.Span.EndColumn));

        var props = section.Properties.ToList();
        Assert.Equal(["resources", "nodes", "disable"], props.Select(p => p.Key.Value));
        Assert.Equal("vm:101,vm:102", props[0].Value!.Value);
        Assert.Equal((2, 12), (props[0].Value!.Span.Line, props[0].Value!.Span.Column));
        // Any indentation works; trailing whitespace is not part of the value.
        Assert.Equal("node1:2", props[1].Value!.Value);
        Assert.Equal((3, 13, 20), (props[1].Value!.Span.Line, props[1].Value!.Span.Column, props[1].Value!.Span.EndColumn));
        Assert.Null(props[2].Value);
        Assert.Equal(new SourceSpan("etc/pve/ha/rules.cfg", 1, 1, 4, 9), section.Span);
        Assert.Empty(doc.Diagnostics);
    }

    [Fact]
    public void Comment_lines_are_skipped_everywhere_and_do_not_end_a_section()
    {
        var doc = Scan("# top\ngroup: g1\n  # inside, before the first key\n\tnodes n1\n# between keys\n\trestricted 1\n\ngroup: g2\n\tnodes n2\n");

        Assert.Equal(2, doc.Sections.Length);
        Assert.Equal(["nodes", "restricted"], doc.Sections[0].Properties.Select(p => p.Key.Value));
        Assert.Equal(3, doc.Lines.OfType<CommentLine>().Count());
        Assert.Equal(2, doc.Sections[0].Body.OfType<CommentLine>().Count());
        Assert.Empty(doc.Diagnostics);
    }

    [Theory]
    [InlineData("# top\ngroup: g1\n  # inside\n\tnodes n1\n\n\njunk outside\n  indented junk\ngroup: g2\n\tnodes n2\n0\n\tafter false", 12)]
    [InlineData("group: g1\r\n\tnodes n1\r\n\r\ngroup: g2\n", 4)]
    [InlineData("", 0)]
    [InlineData("\n\n", 2)]
    public void Lines_hold_every_line_once_in_order_of_the_kind_the_sections_saw(string text, int count)
    {
        // Scanned again when first asked for: the same walk, recording each line.
        var doc = Scan(text);
        Assert.Equal(Enumerable.Range(1, count), doc.Lines.Select(l => l.Line));
        Assert.True(doc.Lines == doc.Lines); // scanned once
        var bodies = doc.Sections.SelectMany(s => s.Body.Prepend<SectionConfigLine>(s.Header)).ToList();
        foreach (var line in bodies)
            Assert.Equal((line.GetType(), line.Span), (doc.Lines[line.Line - 1].GetType(), doc.Lines[line.Line - 1].Span));
        Assert.All(doc.Lines.Where(l => bodies.All(b => b.Line != l.Line)), l => Assert.IsNotType<PropertyLine>(l));
    }

    [Fact]
    public void A_header_without_an_empty_line_before_it_is_swallowed_into_the_previous_section()
    {
        var doc = Scan("node-affinity: r1\n\tresources vm:101\n\tnodes node1\nnode-affinity: r2\n\tresources vm:102\n\tnodes node2\n");

        var section = Assert.Single(doc.Sections);
        Assert.Equal("r1", section.Header.Id.Value);
        // r2's keys become more keys of r1.
        Assert.Equal(["resources", "nodes", "resources", "nodes"], section.Properties.Select(p => p.Key.Value));
        var junk = Assert.Single(section.Body.OfType<JunkLine>());
        Assert.Equal(JunkKind.SwallowedHeader, junk.Kind);
        Assert.Equal("r2", junk.SwallowedHeader!.Id.Value);

        var d = Assert.Single(doc.Diagnostics);
        Assert.Equal(DiagnosticIds.SwallowedSection, d.Id);
        d.AssertAt(4, 1, 17);
        Assert.Contains("PVE ignores it as junk", d.Message);
        Assert.Contains("more keys of section 'r1' (line 1)", d.Message);
        Assert.Equal(1, d.RelatedSpans.Single().Span.Line);
    }

    [Fact]
    public void A_whitespace_only_line_does_not_end_the_section_and_is_ignored()
    {
        var doc = Scan("group: g1\n\tnodes n1\n  \t\ngroup: g2\n\tnodes n2\n");

        Assert.Single(doc.Sections);
        Assert.Collection(doc.Diagnostics,
            d => { Assert.Equal(DiagnosticIds.SyntaxError, d.Id); d.AssertAt(3, 1); Assert.Contains("only whitespace", d.Message); },
            d => { Assert.Equal(DiagnosticIds.SwallowedSection, d.Id); d.AssertAt(4, 1); });
    }

    [Fact]
    public void Windows_line_ends_swallow_every_later_section()
    {
        var doc = Scan("dir: local\r\n\tpath /var/lib/vz\r\n\r\nlvmthin: data\r\n\tvgname pve\r\n");

        var section = Assert.Single(doc.Sections);
        Assert.Equal("local", section.Header.Id.Value);
        Assert.Equal("/var/lib/vz", section.Properties.First().Value!.Value);
        Assert.Collection(doc.Diagnostics,
            d => { Assert.Equal(DiagnosticIds.SyntaxError, d.Id); d.AssertAt(3, 1); Assert.Contains("CRLF", d.Message); },
            d => { Assert.Equal(DiagnosticIds.SwallowedSection, d.Id); d.AssertAt(4, 1, 13); });
    }

    [Fact]
    public void An_empty_line_inside_a_section_ends_it_and_the_rest_is_ignored()
    {
        var doc = Scan("group: g1\n\tnodes n1\n\n\trestricted 1\n");

        Assert.Equal(["nodes"], doc.Sections.Single().Properties.Select(p => p.Key.Value));
        var d = Assert.Single(doc.Diagnostics);
        Assert.Equal(DiagnosticIds.SyntaxError, d.Id);
        d.AssertAt(4, 1);
        Assert.Contains("the empty line 3 ended section 'g1'", d.Message);
    }

    [Fact]
    public void The_lines_one_mistake_cuts_off_are_one_finding_with_the_rest_as_related_locations()
    {
        // A header with an inline comment is no header: it and its body are ignored, one finding for the three lines;
        // an empty line too early cuts off two keys of g1: one finding; the next header ends each run.
        var doc = Scan("group: g0 # web tier\n\tnodes n1\n\trestricted 1\n\ngroup: g1\n\tnodes n1\n\n\trestricted 1\n\tnofailback 1\ngroup: g2\n\tnodes n2\n");

        Assert.Equal(["g1", "g2"], doc.Sections.Select(s => s.Header.Id.Value));
        Assert.Collection(doc.Diagnostics,
            d =>
            {
                d.AssertAt(1, 1);
                Assert.Contains("PVE has no inline comments, so 'group: g0 # web tier' is not a section header", d.Message);
                Assert.Contains("PVE also ignores 2 more indented lines after it, up to line 3", d.Message);
                Assert.Equal([2, 3], d.RelatedSpans.Select(r => r.Span.Line));
            },
            d =>
            {
                d.AssertAt(8, 1);
                Assert.Contains("the empty line 7 ended section 'g1'", d.Message);
                Assert.Equal([9], d.RelatedSpans.Select(r => r.Span.Line));
            });
        Assert.All(doc.Diagnostics, d => Assert.Equal(DiagnosticIds.SyntaxError, d.Id));
    }

    [Fact]
    public void A_line_holding_only_0_ends_a_section_like_an_empty_line()
    {
        // Perl's while ($line = ...) stops at "0" as well as at "".
        var doc = Scan("group: g1\n\tnodes n1\n0\ngroup: g2\n\tnodes n2\n");
        Assert.Equal(["g1", "g2"], doc.Sections.Select(s => s.Header.Id.Value));
        Assert.Empty(doc.Diagnostics);
    }

    [Fact]
    public void Inline_comments_are_part_of_the_value()
    {
        var doc = Scan("node-affinity: r1\n\tnodes node1 # primary\n\tcomment keep #1 here\n");

        Assert.Equal("node1 # primary", doc.Sections[0].Properties.First().Value!.Value);
        var d = Assert.Single(doc.Diagnostics);
        Assert.Equal(DiagnosticIds.InlineCommentInValue, d.Id);
        d.AssertAt(2, 14, 9);
        Assert.Contains("is all of 'node1 # primary'", d.Message);
    }

    [Fact]
    public void Headers_need_column_one_and_the_type_id_shape()
    {
        var doc = Scan("  group: g1\n\tnodes n1\n\nthis is junk\n\ngroup:g2\n\tnodes n2\n\ngroup: a b\n");

        Assert.Equal(["g2"], doc.Sections.Select(s => s.Header.Id.Value));
        Assert.Equal("group", doc.Sections[0].Header.Type.Value);
        Assert.Collection(doc.Diagnostics,
            d => { d.AssertAt(1, 1); Assert.Contains("must start in column 1", d.Message); },
            d => d.AssertAt(2, 1),
            d => { d.AssertAt(4, 1); Assert.Contains("neither a section header", d.Message); },
            d => d.AssertAt(9, 1));
        Assert.All(doc.Diagnostics, d => Assert.Equal(DiagnosticIds.SyntaxError, d.Id));
    }

    [Fact]
    public void Perl_greedy_type_splits_at_the_last_usable_colon()
    {
        Assert.True(SectionHeaderShape.AnyId.TryMatch("vm:100", out var type, out var id));
        Assert.Equal(((0, 2), (3, 3)), (type, id));
        Assert.True(SectionHeaderShape.AnyId.TryMatch("a:b: c  ", out type, out id));
        Assert.Equal(((0, 3), (5, 1)), (type, id));
        Assert.False(SectionHeaderShape.AnyId.TryMatch("a:b c", out _, out _));
        Assert.False(SectionHeaderShape.AnyId.TryMatch("group:", out _, out _));
        Assert.True(SectionHeaderShape.JobId.TryMatch("local: 0100-00", out _, out id));
        Assert.Equal((7, 7), id);
        Assert.False(SectionHeaderShape.JobId.TryMatch("local: 100", out _, out _));
    }

    [Fact]
    public void A_section_body_line_that_is_not_indented_is_junk()
    {
        var doc = Scan("group: g1\n\tnodes n1\nrestricted 1\n");
        var d = Assert.Single(doc.Diagnostics);
        d.AssertAt(3, 1);
        Assert.Contains("must be indented", d.Message);
        Assert.Equal(JunkKind.NotAProperty, doc.Sections[0].Body.OfType<JunkLine>().Single().Kind);
    }
}
