using PveLint.Corosync.Syntax;
using PveLint.Diagnostics;
using PveLint.Text;

namespace PveLint.Parsers.Tests.Corosync;

/// <summary>The syntax tree and corosync's lexical rules (reference/corosync-quorum.md §1.1), with recovery.</summary>
public class CorosyncParserTests
{
    private static CorosyncDocument Parse(string text) => CorosyncParser.Parse(new SourceFile("etc/pve/corosync.conf", text));

    private static (string Id, int Line, int Column)[] Errors(CorosyncDocument d) =>
        d.Diagnostics.Select(x => (x.Id, x.Span!.Value.Line, x.Span.Value.Column)).ToArray();

    [Fact]
    public void Builds_sections_items_and_comments_with_exact_spans()
    {
        var d = Parse("# head\ntotem {\n  version: 2\n  interface {\n    linknumber: 0\n  }\n}\n");
        Assert.Empty(d.Diagnostics);
        var comment = Assert.IsType<CorosyncComment>(d.Children[0]);
        Assert.Equal(("# head", 1, 1, 7), (comment.Text, comment.Span.Line, comment.Span.Column, comment.Span.EndColumn));

        var totem = Assert.Single(d.Sections);
        Assert.Equal(("totem", 2, 1, 6), (totem.Name.Value, totem.Name.Span.Line, totem.Name.Span.Column, totem.Name.Span.EndColumn));
        Assert.Equal((2, 1, 2, 8), (totem.HeaderSpan.Line, totem.HeaderSpan.Column, totem.HeaderSpan.EndLine, totem.HeaderSpan.EndColumn));
        Assert.Equal((7, 1, 7, 2), (totem.CloseSpan!.Value.Line, totem.CloseSpan.Value.Column, totem.CloseSpan.Value.EndLine, totem.CloseSpan.Value.EndColumn));
        Assert.Equal((2, 1, 7, 2), (totem.Span.Line, totem.Span.Column, totem.Span.EndLine, totem.Span.EndColumn));

        var version = Assert.Single(totem.Items);
        Assert.Equal((3, 3, 10), (version.Key.Span.Line, version.Key.Span.Column, version.Key.Span.EndColumn));
        Assert.Equal(("2", 3, 12, 13), (version.Value.Value, version.Value.Span.Line, version.Value.Span.Column, version.Value.Span.EndColumn));
        Assert.Equal((3, 3, 13), (version.Span.Line, version.Span.Column, version.Span.EndColumn));

        var iface = Assert.Single(totem.Sections);
        Assert.Equal(("interface", 4, 3), (iface.Name.Value, iface.Span.Line, iface.Span.Column));
        Assert.Equal((6, 3), (iface.CloseSpan!.Value.Line, iface.CloseSpan.Value.Column));
        Assert.Equal(["linknumber"], iface.Items.Select(i => i.Key.Value));
    }

    [Theory]
    [InlineData("  key:value", "key", "value", 7)]                    // probe 13: no blank after ':'
    [InlineData("  key :   value", "key", "value", 11)]               // probe 17: blank before ':'
    [InlineData("\tkey:\tvalue \t", "key", "value", 7)]               // tabs are blanks, trailing blanks go
    [InlineData("  ring0_addr: fe80::1%eth0", "ring0_addr", "fe80::1%eth0", 15)] // splits at the first ':'
    [InlineData("  a: b } # c \"d\"", "a", "b } # c \"d\"", 6)]       // no comments, no quoting, '}' is text
    [InlineData("  token:", "token", "", 9)]                          // empty value: zero-width span after ':'
    [InlineData("  a:: b", "a", ": b", 5)]                            // the value may start with ':'
    [InlineData("  : x", ":", "x", 5)]                                // corosync keeps one character of a name
    [InlineData("  :x", "", "x", 4)]                                  // ... unless the ':' is cut away itself
    public void Key_and_value_are_cut_as_corosync_cuts_them(string line, string key, string value, int valueColumn)
    {
        var d = Parse("totem {\n" + line + "\n}\n");
        Assert.Empty(d.Diagnostics);
        var item = Assert.Single(Assert.Single(d.Sections).Items);
        Assert.Equal((key, value), (item.Key.Value, item.Value.Value));
        Assert.Equal((2, valueColumn, valueColumn + value.Length), (item.Value.Span.Line, item.Value.Span.Column, item.Value.Span.EndColumn));
    }

    [Theory]
    [InlineData("totem: {", "totem")]        // probe 03
    [InlineData("totem{", "totem")]
    [InlineData("  totem \t{  ", "totem")]
    [InlineData("my totem {", "my totem")]
    [InlineData("totem::{", "totem")]
    [InlineData("a: b {", "a: b")]           // any '{' makes the line a header, even after a ':'
    public void Section_names_are_cut_as_corosync_cuts_them(string header, string name)
    {
        var d = Parse(header + "\n}\n");
        Assert.Empty(d.Diagnostics);
        Assert.Equal(name, Assert.Single(d.Sections).Name.Value);
    }

    [Fact]
    public void Crlf_drops_one_carriage_return_and_the_trailing_blanks()
    {
        var d = Parse("totem {\r\n  cluster_name: a \r\n}\r\n");
        Assert.Empty(d.Diagnostics);
        var item = Assert.Single(Assert.Single(d.Sections).Items);
        Assert.Equal("a", item.Value.Value);
    }

    [Theory]
    [InlineData("system { sched_rr: yes }", 1, 10)]  // probe 04: Extra characters after opening bracket '{'
    [InlineData("totem { # note", 1, 9)]
    [InlineData("{", 1, 1)]                          // Missing section name before opening bracket '{'
    [InlineData("{x", 1, 1)]                         // '{' is cut away: still no name
    [InlineData("{ x", 1, 3)]                        // the name is "{", the 'x' is extra
    [InlineData("}", 1, 1)]                          // probe 07: Unexpected closing brace
    [InlineData("} # end", 1, 1)]                    // Extra characters before or after closing bracket '}'
    [InlineData("  x }", 1, 3)]
    [InlineData("secauth on", 1, 1)]                 // probe 21: Line is not opening or closing section or key value
    public void A_bad_line_is_a_syntax_error_at_corosyncs_line(string line, int errorLine, int column)
    {
        var d = Parse(line + "\n");
        var error = d.Diagnostics[0]; // a header that opens a block is also reported as never closed, after this
        Assert.Equal(errorLine, error.Span!.Value.Line);
        Assert.Equal((DiagnosticIds.SyntaxError, column), (error.Id, error.Span!.Value.Column));
    }

    [Fact]
    public void Lines_longer_than_510_bytes_are_refused_counting_utf8_bytes()
    {
        Assert.Empty(Parse("a: " + new string('x', 507) + "\n").Diagnostics);               // 510 bytes
        Assert.Single(Parse("a: " + new string('x', 508) + "\n").Diagnostics);              // 511 bytes
        Assert.Single(Parse("a: " + new string('x', 507) + "\r\n").Diagnostics);            // the '\r' counts too
        Assert.Empty(Parse("totem {\n  a: " + new string('é', 252) + "\n}\n").Diagnostics); // 509 bytes in 257 chars
        var tooLong = Parse("totem {\n  a: " + new string('é', 254) + "\n}\n");              // 513 bytes
        Assert.Equal([(DiagnosticIds.SyntaxError, 2, 1)], Errors(tooLong));
        Assert.Contains("Line too long", tooLong.Diagnostics[0].Message);
        Assert.Single(tooLong.Sections); // the rest is still read
    }

    [Fact]
    public void A_bad_line_is_skipped_and_the_rest_is_read()
    {
        var d = Parse("totem {\n  secauth on\n  version: 2\n}\nquorum {\n  provider: corosync_votequorum\n}\n");
        Assert.Equal([(DiagnosticIds.SyntaxError, 2, 3)], Errors(d));
        Assert.Equal(["totem", "quorum"], d.Sections.Select(s => s.Name.Value));
        Assert.Equal(["version"], d.Sections.First().Items.Select(i => i.Key.Value));
    }

    [Fact]
    public void Missing_brace_is_reported_at_the_last_line_and_blocks_are_paired_by_indentation()
    {
        const string text = """
            nodelist {
              node {
                name: a
              node {
                name: b
              }
            }
            quorum {
              provider: corosync_votequorum
            totem {
              version: 2
            }

            """;
        var d = Parse(text);
        var error = Assert.Single(d.Diagnostics);
        Assert.Equal((DiagnosticIds.SyntaxError, 12, 1), (error.Id, error.Span!.Value.Line, error.Span.Value.Column));
        Assert.Contains("Missing closing brace", error.Message);
        Assert.Equal([2, 8], error.RelatedSpans.Select(r => r.Span.Line));
        // recovered: two nodes, and quorum and totem as top-level siblings
        Assert.Equal(["nodelist", "quorum", "totem"], d.Sections.Select(s => s.Name.Value));
        Assert.Equal(["a", "b"], d.Sections.First().Sections.Select(n => n.Items.Single().Value.Value));
        Assert.False(d.Sections.First().Sections.First().IsClosed);
    }

    [Fact]
    public void A_deeper_indented_extra_brace_is_skipped_when_braces_do_not_pair()
    {
        const string text = """
            totem {
              interface {
                linknumber: 0
              }
              }
              version: 2
            }
            quorum {
            }

            """;
        var d = Parse(text);
        Assert.Equal([(DiagnosticIds.SyntaxError, 5, 3)], Errors(d));
        var totem = d.Sections.First();
        Assert.Equal(["version"], totem.Items.Select(i => i.Key.Value));
        Assert.Equal(["totem", "quorum"], d.Sections.Select(s => s.Name.Value));
    }

    [Fact]
    public void Balanced_files_are_read_strictly_whatever_their_indentation()
    {
        // corosync pairs braces by count, not by indentation; so does the parser when they pair up
        var d = Parse("totem {\nquorum {\n}\n  }\n");
        Assert.Empty(d.Diagnostics);
        Assert.Equal("quorum", Assert.Single(Assert.Single(d.Sections).Sections).Name.Value);
    }

    [Fact]
    public void Key_path_longer_than_254_bytes_is_refused()
    {
        var name = new string('n', 125);
        var d = Parse($"{name} {{\n{name} {{\nabcd: x\n}}\n}}\n");
        // 'n…n.n…n' is 251 bytes: fine; '.abcd' makes 256
        var error = Assert.Single(d.Diagnostics);
        Assert.Equal((3, 1), (error.Span!.Value.Line, error.Span.Value.Column));
        Assert.Contains("New key makes total cmap path too long", error.Message);
    }

    [Fact]
    public void Syntax_errors_are_capped()
    {
        var d = Parse(string.Concat(Enumerable.Repeat("junk\n", 1000)));
        Assert.Equal(CorosyncParser.MaxDiagnostics + 1, d.Diagnostics.Length);
        Assert.Contains("more than", d.Diagnostics[^1].Message);
    }

    [Fact]
    public void Empty_and_comment_only_files_have_no_nodes_but_comments()
    {
        Assert.Empty(Parse("").Children);
        var d = Parse("\n   \n\t# only a comment\n");
        Assert.Empty(d.Diagnostics);
        Assert.Equal("# only a comment", Assert.IsType<CorosyncComment>(Assert.Single(d.Children)).Text);
    }
}
