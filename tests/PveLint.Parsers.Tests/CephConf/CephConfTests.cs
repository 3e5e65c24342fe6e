using PveLint.Binding;
using PveLint.Ceph;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Tests;
using PveLint.Text;

namespace PveLint.Parsers.Tests.CephConf;

/// <summary>ceph.conf read as PVE's <c>parse_ceph_config</c> does: both corpus files and the traps of the format.</summary>
public class CephConfTests
{
    private const string Path = "etc/pve/ceph.conf";

    private static (Model.CephConf Conf, IReadOnlyList<Diagnostic> Diagnostics) Read(string text)
    {
        var context = new BindContext();
        var conf = CephConfReader.Read(new SourceFile(Path, text), context);
        return (conf, context.Diagnostics);
    }

    private static (Model.CephConf Conf, IReadOnlyList<Diagnostic> Diagnostics) ReadCorpus(params string[] parts) =>
        Read(File.ReadAllText(TestPaths.CorpusFile(["pve", .. parts])));

    private static (int, int, int, int) Where(SourceSpan s) => (s.Line, s.Column, s.EndLine, s.EndColumn);

    private static (string Id, int Line, int Column) At(Diagnostic d) => (d.Id, d.Span!.Value.Line, d.Span.Value.Column);

    [SharedFact]
    public void Mangled_pve_storage_test_file_gives_the_values_pve_expects()
    {
        var (conf, diagnostics) = ReadCorpus("proxmox-pve-storage", "ceph_conf_parse_write_test", "ceph.conf");
        Assert.Empty(diagnostics);
        Assert.Equal(["client", "global", "mon.ceph-01", "mon.ceph-02", "mon.ceph-03", "some arbitrary section"], conf.Sections.Keys.Order(StringComparer.Ordinal));
        var global = conf.Sections["global"].ToDictionary(kv => kv.Key, kv => kv.Value.Value);
        Assert.Equal(new Dictionary<string, string>
        {
            ["auth_client_required"] = "cephx",
            ["auth_cluster_required"] = "cephx",
            ["auth_service_required"] = "cephx",
            ["cluster_network"] = "172.16.65.0/24",
            ["fsid"] = "0e2f72eb-ffff-ffff-ffff-f480790a5b07",
            ["mon_allow_pool_delete"] = "true",
            ["mon_host"] = "172.16.65.12 172.16.65.13 172.16.65.11",
            ["ms_bind_ipv4"] = "true",
            ["osd_pool_default_min_size"] = "2",
            ["osd_pool_default_size"] = "3",
            ["public_network"] = "172.16.65.0/24",
        }, global);
        Assert.Equal("/etc/pve/priv/cluster.name.keyring", conf.Get("client", "keyring")!.Value);
        Assert.Equal(["172.16.65.11", "172.16.65.12", "172.16.65.13"],
            new[] { "mon.ceph-01", "mon.ceph-02", "mon.ceph-03" }.Select(s => conf.Get(s, "public_addr")!.Value));
        Assert.Equal("foo;bar;baz", conf.Get("some arbitrary section", "some_key")!.Value);

        // Spans point at the value as written, across continuation lines and inside quotes.
        Assert.Equal((10, 1, 12, 13), Where(conf.Get("global", "mon_host")!.Span));
        Assert.Equal((4, 1, 4, 6), Where(conf.Get("global", "auth_cluster_required")!.Span));
        Assert.Equal((24, 1, 24, 2), Where(conf.Get("global", "osd_pool_default_min_size")!.Span));
        Assert.Equal((26, 9, 26, 10), Where(conf.Get("global", "osd_pool_default_size")!.Span));
        Assert.Equal((38, 16, 38, 28), Where(conf.Get("mon.ceph-02", "public_addr")!.Span));
        Assert.Equal((41, 16, 41, 28), Where(conf.Get("mon.ceph-03", "public_addr")!.Span));
        Assert.Equal((44, 13, 44, 26), Where(conf.Get("some arbitrary section", "some_key")!.Span));
    }

    [SharedFact]
    public void Mangled_file_syntax_tree_keeps_raw_keys_quotes_and_header_spans()
    {
        var syntax = CephConfParser.Parse(new SourceFile(Path, File.ReadAllText(TestPaths.CorpusFile("pve", "proxmox-pve-storage", "ceph_conf_parse_write_test", "ceph.conf"))));
        Assert.Equal(6, syntax.Sections.Length);
        var some = syntax.Sections[^1];
        Assert.Equal(("some arbitrary section", (43, 2, 43, 24), (43, 1, 43, 25)), (some.Name.Value, Where(some.Name.Span), Where(some.HeaderSpan)));
        var entry = Assert.Single(some.Entries);
        Assert.Equal(("some key", "some_key", '"', (44, 1, 44, 9), (44, 1, 44, 26)), (entry.RawKey.Value, entry.Key, entry.Quote!.Value, Where(entry.RawKey.Span), Where(entry.Span)));
        var cluster = syntax.Sections[0].Entries.Single(e => e.Key == "auth_cluster_required");
        Assert.Equal((3, 2, 4, 6), Where(cluster.Span));
        Assert.Equal((29, 1, 29, 9), Where(syntax.Sections[1].HeaderSpan));
    }

    [SharedFact]
    public void Pveceph_written_file_with_three_monitors()
    {
        var (conf, diagnostics) = ReadCorpus("teleimagerie-proxmox", "configs", "ceph.conf");
        Assert.Empty(diagnostics);
        Assert.Equal(["client", "client.crash", "global", "mon.pve1", "mon.pve2", "mon.pve3"], conf.Sections.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(12, conf.Sections["global"].Count);
        var monHost = conf.Get("global", "mon_host")!;
        Assert.Equal("10.200.0.11 10.200.0.12 10.200.0.13", monHost.Value);
        Assert.Equal((10, 13, 10, 48), Where(monHost.Span));
        Assert.Equal("08c111f7-4af0-46dc-bc3b-9ca7f358a80f", conf.Get("global", "fsid")!.Value);
        Assert.Equal("10.200.0.0/24", conf.Get("global", "public_network")!.Value);
        Assert.Equal(conf.Get("global", "public_network")!.Value, conf.Get("global", "cluster_network")!.Value);
        Assert.Equal("/etc/pve/priv/$cluster.$name.keyring", conf.Get("client", "keyring")!.Value);
        Assert.Equal("/etc/pve/ceph/$cluster.$name.keyring", conf.Get("client.crash", "keyring")!.Value);
        Assert.Equal(["10.200.0.11", "10.200.0.12", "10.200.0.13"], new[] { "mon.pve1", "mon.pve2", "mon.pve3" }.Select(s => conf.Get(s, "public_addr")!.Value));
    }

    [Fact]
    public void Blank_runs_in_keys_become_one_underscore()
    {
        var (conf, diagnostics) = Read("[global]\nmon host = a\n  two  \t spaces   =  b  \nmon-host = c\nx y\tz = d\n");
        Assert.Empty(diagnostics);
        Assert.Equal(["mon-host", "mon_host", "two_spaces", "x_y\tz"], conf.Sections["global"].Keys.Order(StringComparer.Ordinal));
        Assert.Equal(("b", (3, 22, 3, 23)), (conf.Get("global", "two_spaces")!.Value, Where(conf.Get("global", "two_spaces")!.Span)));
    }

    [Fact]
    public void Spaced_and_underscored_spellings_of_a_key_are_one_key_and_the_last_wins()
    {
        var (conf, diagnostics) = Read("[global]\nmon_host = 10.0.0.1\nmon host = 10.0.0.2\n\n[global]\nmon_host = 10.0.0.3\n");
        Assert.Equal([("PVE0004", 2, 1), ("PVE0004", 3, 1)], diagnostics.Select(At));
        Assert.Equal("Key 'mon_host' is set twice in section [global]; PVE and Ceph use the later value '10.0.0.2' (line 3).", diagnostics[0].Message);
        Assert.Equal("10.0.0.3", conf.Get("global", "mon_host")!.Value);
    }

    [Fact]
    public void Inline_comments_end_unquoted_values_unless_escaped()
    {
        var (conf, diagnostics) = Read("[a]\nk1 = v1 ; c\nk2 = v2\\;x\\#y # c\nk3 = v3#c\nk4 = 'q;'\\;\n");
        Assert.Equal([("PVE0001", 5, 1)], diagnostics.Select(At));
        Assert.Equal(["v1", "v2;x#y", "v3"], new[] { "k1", "k2", "k3" }.Select(k => conf.Get("a", k)!.Value));
        Assert.Equal("The quoted value of key 'k4' in section [a] is not closed (';' and '#' must be escaped inside quotes), so PVE skips the line.", diagnostics[0].Message);
    }

    [Fact]
    public void Quoted_values_allow_only_a_comment_after_them()
    {
        var (conf, diagnostics) = Read("[a]\nk1 = \"x\" y\nk2 = \"\"\nk3 = 'x'  # fine\nk4 = \"x\"\\\n# continued comment\nk5 = \"1#1\"\n");
        Assert.Equal([("PVE0001", 2, 1), ("PVE0001", 7, 1)], diagnostics.Select(At));
        Assert.Equal("Key 'k1' in section [a] has 'y' after its quoted value, where only a comment may follow, so PVE skips the line.", diagnostics[0].Message);
        Assert.Equal(("", (3, 7, 3, 7)), (conf.Get("a", "k2")!.Value, Where(conf.Get("a", "k2")!.Span)));
        Assert.Equal("x", conf.Get("a", "k3")!.Value);
        Assert.Equal("x", conf.Get("a", "k4")!.Value);
        Assert.Null(conf.Get("a", "k1"));
    }

    [Fact]
    public void Lines_without_key_equals_or_value_are_skipped()
    {
        var (conf, diagnostics) = Read("[a]\njust text\n = v\nk =\nk2 = # only a comment\nk3=v3\n");
        Assert.Equal([("PVE0001", 2, 1), ("PVE0001", 3, 1), ("PVE0001", 4, 1), ("PVE0001", 5, 1)], diagnostics.Select(At));
        Assert.Equal("Line 'just text' in section [a] has no '=' after key 'just_text', so PVE skips it.", diagnostics[0].Message);
        Assert.Equal("Line ' = v' in section [a] has no key before '=', so PVE skips it.", diagnostics[1].Message);
        Assert.Equal("Key 'k' in section [a] has no value after '=', so PVE skips it.", diagnostics[2].Message);
        Assert.Equal(["k3"], conf.Sections["a"].Keys);
    }

    [Fact]
    public void Keys_before_the_first_section_are_reported()
    {
        var (conf, diagnostics) = Read("# header comment\nfsid = x\n[global]\nfsid = y\n");
        Assert.Equal([("PVE0001", 2, 1)], diagnostics.Select(At));
        Assert.Equal("Line 'fsid = x' comes before the first [section]; PVE skips it and Ceph does not accept keys outside a section.", diagnostics[0].Message);
        Assert.Equal("y", conf.Get("global", "fsid")!.Value);
    }

    [Fact]
    public void Bracket_in_a_value_breaks_the_section_in_pve_until_the_next_header()
    {
        var (conf, diagnostics) = Read("[global]\nfsid = x\nosd_crush_location = root=a[b]\nmon_host = 10.0.0.1\n\n[client]\nkeyring = k\n");
        Assert.Equal([("PVE0001", 3, 1), ("PVE0001", 4, 1)], diagnostics.Select(At));
        Assert.Equal("Line 'osd_crush_location = root=a[b]' contains '[', so PVE reads it as a section header; it has 'osd_crush_location = root=a' beside the section header, where only a comment may follow, so PVE ignores it and every key up to the next section header.", diagnostics[0].Message);
        Assert.Equal("Line 'mon_host = 10.0.0.1' follows the section header on line 3 that could not be read, so PVE skips it.", diagnostics[1].Message);
        // "[0]" is no header at all: Perl reads the name "0" as false.
        Assert.StartsWith("Line 'k = a[0]' contains '[', so PVE reads it as a section header; it is not a section header '[name]'", Read("[a]\nk = a[0]\n").Diagnostics[0].Message);
        Assert.Equal(["fsid"], conf.Sections["global"].Keys);
        Assert.Equal("k", conf.Get("client", "keyring")!.Value);
    }

    [Fact]
    public void Section_headers_allow_blanks_comments_escapes_and_continuations()
    {
        var (conf, diagnostics) = Read("  [foo bar] ; comment\na = 1\n[f\\;oo]\nb = 2\n[\\\nba\\\nz]\nc = 3\n[x] junk\nd = 4\n[]\ne = 5\n");
        Assert.Equal([("PVE0001", 9, 1), ("PVE0001", 10, 1), ("PVE0001", 11, 1), ("PVE0001", 12, 1)], diagnostics.Select(At));
        Assert.Equal("Line '[x] junk' has 'junk' beside the section header, where only a comment may follow, so PVE ignores it and every key up to the next section header.", diagnostics[0].Message);
        Assert.Equal("Line '[]' is not a section header '[name]', so PVE ignores it and every key up to the next section header.", diagnostics[2].Message);
        Assert.Equal(["baz", "f;oo", "foo bar"], conf.Sections.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(("3", (8, 5, 8, 6)), (conf.Get("baz", "c")!.Value, Where(conf.Get("baz", "c")!.Span)));
    }

    [Fact]
    public void Continuations_join_keys_and_values_across_lines()
    {
        var (conf, diagnostics) = Read("[a]\nbar\\\n= baz\n\\\nquo = qux \\\ncontinued \\\n\tqux # comment \\\nkey = value\n");
        Assert.Empty(diagnostics);
        Assert.Equal("baz", conf.Get("a", "bar")!.Value);
        Assert.Equal("qux continued \tqux", conf.Get("a", "quo")!.Value);
        Assert.Equal((5, 7, 7, 5), Where(conf.Get("a", "quo")!.Span));
        Assert.Equal("value", conf.Get("a", "key")!.Value);
    }
}
