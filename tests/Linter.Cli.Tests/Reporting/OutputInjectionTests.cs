using System.Text.Json;
using Linter.Cli.Tests.Support;
using PveLint.Cli.Reporting;

namespace Linter.Cli.Tests.Reporting;

/// <summary>
/// Issue 6: names and values from the scanned input reach every output. A line break in a directory or archive
/// entry name put a '::error' workflow command at the start of a line of text output and broke the Markdown
/// table; ESC/BEL/OSC reached the terminal; Markdown images and javascript: links reached the job summary.
/// </summary>
public sealed class OutputInjectionTests : IDisposable
{
    private const string HostileNode = "pve1\n::error file=a.cfg::pwned \u001b]0;title\u0007\u001b[31m\u2028x";
    private const string HostileLine = "\u001b[2J![i](http://e.x/p.png) [x](javascript:f()) <b>|</b>";

    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private string Cluster()
    {
        _tree.Write($"c/etc/pve/nodes/{HostileNode}/qemu-server/100.conf", $"memory: 512\n{HostileLine}\n");
        return _tree.PathOf("c");
    }

    private static void AssertNoRawControlCharacters(string output)
    {
        Assert.DoesNotContain(output, c => (c < 0x20 && c is not '\n' and not '\t') || c is '\u007f' or '\u2028' or '\u2029' || (c >= 0x80 && c <= 0x9f));
    }

    [Fact]
    public void Text_keeps_each_finding_on_its_own_line_and_shows_control_characters()
    {
        var run = CliRunner.Run("scan", Cluster(), "--format", "text");

        AssertNoRawControlCharacters(run.Output);
        Assert.Equal(3, run.OutputLines.Length); // the finding, its rule's count and the summary
        Assert.DoesNotContain(run.OutputLines, l => l.StartsWith("::", StringComparison.Ordinal));
        Assert.StartsWith(@"etc/pve/nodes/pve1\n::error file=a.cfg::pwned \x1B]0;title\x07\x1B[31m\u2028x/qemu-server/100.conf(2,1): error PVE0001: Line '\x1B[2J![i](http://e.x/p.png) [x](javascript:f()) <b>|</b>' of VM 100", run.OutputLines[0]);
    }

    [Fact]
    public void Snippets_and_colour_keep_the_source_line_escaped_and_the_caret_under_the_escaped_text()
    {
        var run = CliRunner.Run("scan", Cluster(), "--format", "text", "--snippets", "--color", "always");

        // The only ESC characters are pvelint's own colour codes; the ones from the file are shown as \x1B.
        Assert.DoesNotContain(run.Output.Replace("\u001b[0m", "").Replace("\u001b[1m", "").Replace("\u001b[2m", "").Replace("\u001b[1;31m", ""), c => c == '\u001b');
        AssertNoRawControlCharacters(run.Output.Replace("\u001b[", "ESC["));
        var source = Array.IndexOf(run.OutputLines, @"    2 | \x1B[2J![i](http://e.x/p.png) [x](javascript:f()) <b>|</b>");
        Assert.True(source > 0, run.ToString());
        Assert.Equal("      | \u001b[1;31m" + new string('^', @"\x1B[2J![i](http://e.x/p.png) [x](javascript:f()) <b>|</b>".Length) + "\u001b[0m", run.OutputLines[source + 1]);
    }

    [Fact]
    public void GitHub_annotations_escape_per_workflow_command_rules()
    {
        var run = CliRunner.Run("scan", Cluster(), "--format", "github");

        AssertNoRawControlCharacters(run.Output);
        var annotation = Assert.Single(run.OutputLines, l => l.StartsWith("::", StringComparison.Ordinal));
        // ':' and ',' in the file property are encoded, so the name cannot end the property list or the command.
        Assert.StartsWith(@"::error file=etc/pve/nodes/pve1\n%3A%3Aerror file=a.cfg%3A%3Apwned \x1B]0;title\x07\x1B[31m\u2028x/qemu-server/100.conf,line=2,", annotation);
        Assert.Equal(2, run.OutputLines.Length);
    }

    [Fact]
    public void Markdown_shows_values_as_text_not_as_images_links_or_html()
    {
        var run = CliRunner.Run("scan", Cluster(), "--format", "markdown");

        AssertNoRawControlCharacters(run.Output);
        var row = Assert.Single(run.OutputLines, l => l.StartsWith("| error |", StringComparison.Ordinal));
        Assert.Contains(@"`etc/pve/nodes/pve1\n::error file=a.cfg::pwned \x1B]0;title\x07\x1B[31m\u2028x/qemu-server/100.conf` 2:1", row);
        Assert.Contains(@"Line '\\x1B\[2J\!\[i\](http://e.x/p.png) \[x\](javascript:f()) \<b\>\|\</b\>'", row);
        Assert.Equal(4, row.Split(" | ").Length); // four cells: the '|' of the value is escaped
    }

    [SharedFact]
    public void Sarif_and_json_keep_paths_exact_and_messages_free_of_links_and_control_characters()
    {
        var cluster = Cluster();
        var sarif = CliRunner.Run("scan", cluster, "--format", "sarif").Output;
        SarifSchema.AssertValid(sarif);
        var result = JsonDocument.Parse(sarif).RootElement.GetProperty("runs")[0].GetProperty("results")[0];
        var text = result.GetProperty("message").GetProperty("text").GetString()!;
        Assert.Contains(@"Line '\x1B\[2J!\[i\](http://e.x/p.png) \[x\](javascript:f()) <b>|</b>'", text);

        var json = CliRunner.Run("scan", cluster, "--format", "json").Output;
        var finding = JsonDocument.Parse(json).RootElement.GetProperty("findings")[0];
        Assert.Equal($"etc/pve/nodes/{HostileNode}/qemu-server/100.conf", finding.GetProperty("path").GetString());
        Assert.DoesNotContain('\u001b', finding.GetProperty("message").GetString()!);
    }

    [Fact]
    public void An_archive_entry_name_with_a_line_break_stays_on_one_text_line()
    {
        var archive = _tree.PathOf("c.tar.gz");
        Archives.Write(archive, gzip: true, tar =>
            // GNU long names: .NET's reader refuses a line break inside a PAX header record.
            tar.WriteEntry(new System.Formats.Tar.GnuTarEntry(System.Formats.Tar.TarEntryType.RegularFile, $"etc/pve/nodes/{HostileNode}/qemu-server/100.conf")
            {
                DataStream = new MemoryStream("memory: 512\nbad line\n"u8.ToArray()),
            }));
        var run = CliRunner.Run("scan", archive, "--format", "text");

        AssertNoRawControlCharacters(run.Output);
        Assert.DoesNotContain(run.OutputLines, l => l.StartsWith("::", StringComparison.Ordinal));
        Assert.True(run.OutputLines.Length == 3 && run.OutputLines[0].StartsWith(@"c.tar.gz!/etc/pve/nodes/pve1\n::error file=a.cfg::pwned", StringComparison.Ordinal), run.ToString());
    }

    [Theory]
    [InlineData("a\u001b[31mb\u0007c\u009bd", @"a\x1B[31mb\x07c\u009Bd")]
    [InlineData("line\r\nbreak\u2029end", @"line\r\nbreak\u2029end")]
    [InlineData("rtl\u202Eevil\u2066", @"rtl\u202Eevil\u2066")]
    [InlineData("tab\tand plain ü", "tab\tand plain ü")]
    public void Printable_text_makes_controls_visible_and_leaves_the_rest(string input, string expected) =>
        Assert.Equal(expected, PveLint.Text.PrintableText.Escape(input));

    [Fact]
    public void Markdown_inline_escapes_every_inline_syntax_character() =>
        Assert.Equal(@"\!\[a\](b) \<i\> \*x\* \_y\_ \`z\` \~s\~ \&amp; \| \\", MarkdownText.Inline(@"![a](b) <i> *x* _y_ `z` ~s~ &amp; | \"));
}
