using PveLint.Binding;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Tests;
using PveLint.Text;
using PveLint.Watchdog;

namespace PveLint.Parsers.Tests.Watchdog;

/// <summary>/etc/default/pve-ha-manager read with systemd EnvironmentFile semantics: corpus facts and traps.</summary>
public class WatchdogFileTests
{
    private const string Path = "etc/default/pve-ha-manager";

    private static (WatchdogSettings Settings, IReadOnlyList<Diagnostic> Diagnostics) Read(string text, string? node = null)
    {
        var context = new BindContext();
        var settings = WatchdogFileReader.Read(new SourceFile(Path, text), node, context);
        return (settings, context.Diagnostics);
    }

    private static (int Line, int Column, int EndLine, int EndColumn) Where(SourceSpan s) => (s.Line, s.Column, s.EndLine, s.EndColumn);

    private static EnvironmentFileQuirkKind[] Kinds(WatchdogSettings s) => s.Quirks.Select(q => q.Kind).ToArray();

    [SharedFact]
    public void Docs_example_selects_iTCO_wdt()
    {
        var (settings, diagnostics) = Read(File.ReadAllText(TestPaths.CorpusFile("pve", "proxmox-pve-docs", "ha-manager-watchdog", "pve-ha-manager")), "pve1");
        Assert.Empty(diagnostics);
        Assert.Equal("pve1", settings.Node);
        Assert.Equal("iTCO_wdt", settings.Module!.Value);
        Assert.Equal((2, 17, 2, 25), Where(settings.Module.Span));
        Assert.Equal(["WATCHDOG_MODULE=iTCO_wdt"], settings.Assignments.Select(a => a.Value));
        Assert.Equal((2, 1, 2, 25), Where(settings.Assignments[0].Span));
        Assert.Empty(settings.Quirks);
    }

    [SharedFact]
    public void Shipped_default_file_only_has_comments_so_softdog_applies()
    {
        var text = File.ReadAllText(TestPaths.CorpusFile("pve", "proxmox-pve-ha-manager", "etc-default", "pve-ha-manager"));
        var (settings, diagnostics) = Read(text);
        Assert.Empty(diagnostics);
        Assert.Null(settings.Module);
        Assert.Empty(settings.Assignments);
        Assert.Empty(settings.Quirks);
        var comments = EnvironmentFileParser.Parse(new SourceFile(Path, text)).Comments;
        Assert.Equal([(1, 1, 1, 46), (2, 1, 2, 31)], comments.Select(Where));
    }

    [Fact]
    public void Export_prefix_makes_systemd_ignore_the_assignment()
    {
        var (settings, diagnostics) = Read("export WATCHDOG_MODULE=ipmi_watchdog\n");
        var d = Assert.Single(diagnostics);
        Assert.Equal(("PVE0001", (1, 1, 1, 23)), (d.Id, Where(d.Span!.Value)));
        Assert.Equal("systemd does not understand 'export': it reads the name 'export WATCHDOG_MODULE', which is not a valid variable name, and ignores the assignment, so WATCHDOG_MODULE is not set.", d.Message);
        Assert.Null(settings.Module);
    }

    [Fact]
    public void Line_without_equals_sign_is_dropped()
    {
        var (settings, diagnostics) = Read("  WATCHDOG_MODULE ipmi_watchdog\nA=1\n");
        var d = Assert.Single(diagnostics);
        Assert.Equal(("PVE0001", (1, 3, 1, 32)), (d.Id, Where(d.Span!.Value)));
        Assert.Equal("Line 'WATCHDOG_MODULE ipmi_watchdog' has no '=', so systemd ignores it.", d.Message);
        Assert.Null(settings.Module);
        Assert.Equal(["A=1"], settings.Assignments.Select(a => a.Value));
    }

    [Fact]
    public void Invalid_names_are_dropped_and_do_not_override()
    {
        var (settings, diagnostics) = Read("WATCHDOG_MODULE=iTCO_wdt\n1BAD=x\nWATCH-DOG=y\n");
        Assert.Equal([("PVE0001", (2, 1, 2, 5)), ("PVE0001", (3, 1, 3, 10))], diagnostics.Select(d => (d.Id, Where(d.Span!.Value))));
        Assert.Equal("'1BAD' is not a valid variable name (letters, digits and '_', not starting with a digit), so systemd ignores the assignment.", diagnostics[0].Message);
        Assert.Equal("iTCO_wdt", settings.Module!.Value);
    }

    [Fact]
    public void Hash_after_a_value_is_not_a_comment()
    {
        var (settings, diagnostics) = Read("WATCHDOG_MODULE=iTCO_wdt # hardware watchdog\n");
        Assert.Empty(diagnostics);
        Assert.Equal("iTCO_wdt # hardware watchdog", settings.Module!.Value);
        var quirk = Assert.Single(settings.Quirks);
        Assert.Equal((EnvironmentFileQuirkKind.InlineComment, (1, 26, 1, 45)), (quirk.Kind, Where(quirk.Span)));
        Assert.Equal("systemd has no inline comments: '# hardware watchdog' is part of the value of WATCHDOG_MODULE.", quirk.Message);

        Assert.Equal("#x", Read("WATCHDOG_MODULE= #x\n").Settings.Module!.Value);
        Assert.Equal([EnvironmentFileQuirkKind.SpaceAroundEquals, EnvironmentFileQuirkKind.InlineComment], Kinds(Read("WATCHDOG_MODULE= #x\n").Settings));
    }

    [Fact]
    public void Quotes_are_removed_and_the_span_covers_the_quoted_text()
    {
        var (settings, _) = Read("WATCHDOG_MODULE=\"iTCO_wdt\"\n");
        Assert.Equal("iTCO_wdt", settings.Module!.Value);
        Assert.Equal((1, 17, 1, 27), Where(settings.Module.Span));
        Assert.Equal([EnvironmentFileQuirkKind.Quoted], Kinds(settings));
        Assert.Equal("ipmi_watchdog", Read("WATCHDOG_MODULE='ipmi_watchdog'").Settings.Module!.Value);
    }

    [Fact]
    public void Last_assignment_wins_and_the_earlier_ones_are_flagged()
    {
        var (settings, diagnostics) = Read("WATCHDOG_MODULE=softdog\n# later\nWATCHDOG_MODULE=iTCO_wdt\n");
        Assert.Empty(diagnostics);
        Assert.Equal(("iTCO_wdt", 3), (settings.Module!.Value, settings.Module.Span.Line));
        Assert.Equal(["WATCHDOG_MODULE=softdog", "WATCHDOG_MODULE=iTCO_wdt"], settings.Assignments.Select(a => a.Value));
        var quirk = Assert.Single(settings.Quirks);
        Assert.Equal((EnvironmentFileQuirkKind.DuplicateAssignment, (1, 1, 1, 24)), (quirk.Kind, Where(quirk.Span)));
        Assert.Equal("WATCHDOG_MODULE is assigned again on line 3; systemd uses the last assignment, 'iTCO_wdt'.", quirk.Message);
    }

    [Fact]
    public void Blanks_around_equals_and_after_the_value_are_accepted()
    {
        var (settings, diagnostics) = Read("WATCHDOG_MODULE = ipmi_watchdog   \n");
        Assert.Empty(diagnostics);
        Assert.Equal("ipmi_watchdog", settings.Module!.Value);
        Assert.Equal((1, 19, 1, 32), Where(settings.Module.Span));
        Assert.Equal([(EnvironmentFileQuirkKind.TrailingWhitespace, (1, 32, 1, 35)), (EnvironmentFileQuirkKind.SpaceAroundEquals, (1, 16, 1, 19))],
            settings.Quirks.Select(q => (q.Kind, Where(q.Span))));
    }

    [Fact]
    public void Empty_value_sets_the_empty_string()
    {
        var (settings, _) = Read("WATCHDOG_MODULE=\n");
        Assert.Equal("", settings.Module!.Value);
        Assert.Equal((1, 17, 1, 17), Where(settings.Module.Span));
        Assert.Equal([EnvironmentFileQuirkKind.EmptyValue], Kinds(settings));
    }

    [Fact]
    public void Backslash_newline_continues_the_value()
    {
        var (settings, _) = Read("WATCHDOG_MODULE=iTCO_\\\nwdt\n");
        Assert.Equal("iTCO_wdt", settings.Module!.Value);
        Assert.Equal((1, 17, 2, 4), Where(settings.Module.Span));
        Assert.Equal([(EnvironmentFileQuirkKind.LineContinuation, (1, 22, 1, 23))], settings.Quirks.Select(q => (q.Kind, Where(q.Span))));
    }

    [Fact]
    public void Unclosed_quote_swallows_the_rest_of_the_file()
    {
        var (settings, diagnostics) = Read("WATCHDOG_MODULE=\"iTCO_wdt\nOTHER=1\n");
        Assert.Empty(diagnostics);
        Assert.Equal("iTCO_wdt\nOTHER=1\n", settings.Module!.Value);
        Assert.Single(settings.Assignments);
        Assert.Contains(settings.Quirks, q => q.Kind == EnvironmentFileQuirkKind.UnterminatedQuote && q.Span.Line == 1 && q.Span.Column == 17);
    }

    [Fact]
    public void Quoted_pieces_are_glued_and_escapes_follow_the_shell()
    {
        var syntax = EnvironmentFileParser.Parse(new SourceFile(Path, "A=\"x\" 'y'z\nB=\"a\\\"b\\\\c\\d\"\nC=a\\ b\\#\n; comment\n\t# indented comment\n"));
        Assert.Empty(syntax.Diagnostics);
        Assert.Equal([("A", "xyz"), ("B", "a\"b\\c\\d"), ("C", "a b#")], syntax.Assignments.Select(a => (a.Key.Value, a.Value.Value)));
        Assert.Contains(syntax.Quirks, q => q.Kind == EnvironmentFileQuirkKind.ConcatenatedValue && q.Span.Line == 1);
        Assert.Equal(2, syntax.Quirks.Count(q => q.Kind == EnvironmentFileQuirkKind.Escape && q.Span.Line == 3));
        Assert.Equal(2, syntax.Comments.Length);
    }

    [Fact]
    public void Crlf_line_ends_are_not_part_of_the_value()
    {
        var (settings, diagnostics) = Read("# c\r\nWATCHDOG_MODULE=iTCO_wdt\r\n");
        Assert.Empty(diagnostics);
        Assert.Equal("iTCO_wdt", settings.Module!.Value);
        Assert.Empty(settings.Quirks);
    }
}
