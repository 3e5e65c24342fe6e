using System.Diagnostics;
using System.Text;
using CsCheck;
using PveLint.Binding;
using PveLint.Ceph;
using PveLint.Ceph.Crush;
using PveLint.Model;
using PveLint.Text;

namespace PveLint.Parsers.Tests.Ceph;

/// <summary>
/// Property tests: no input makes the Ceph readers throw or hang, and every span they produce lies inside its file.
/// </summary>
public class CephRobustnessTests
{
    private static readonly Dictionary<string, SourceFile> Files = new(StringComparer.Ordinal);

    /// <summary>Reads one file as ceph/x and checks every diagnostic and model span.</summary>
    private static CephModel ReadChecked(string text, string path = "ceph/x")
    {
        var file = new SourceFile(path, text);
        var context = new BindContext();
        var model = CephDumpReader.Read([file], context);
        foreach (var d in context.Diagnostics)
        {
            Assert.False(string.IsNullOrWhiteSpace(d.Message));
            SpanInvariants.AssertInside(file, d.Span!.Value);
        }
        var spans = model.Monitors.Select(m => m.Span)
            .Concat(model.Pools.Select(p => p.Span))
            .Concat(model.Osds.Select(o => o.Span))
            .Concat(model.Stretch is { } s ? [s.Span] : [])
            .Concat(model.Health is { } h ? h.Checks.Select(c => c.Span).Append(h.Span) : [])
            .Concat(model.Crush is { } c
                ? c.Buckets.Select(b => b.Span).Concat(c.Rules.Select(r => r.Span)).Concat(c.Devices.Select(d => d.Span)).Concat(c.ChooseArgs.Select(a => a.Span))
                : []);
        foreach (var span in spans) SpanInvariants.AssertInside(file, span);
        return model;
    }

    private static void SyntaxSpansInside(string text)
    {
        var file = new SourceFile("ceph/x", text);
        foreach (var d in CrushTextParser.Parse(file).Declarations)
        {
            SpanInvariants.AssertInside(file, d.Span);
            if (d is CrushBucketSyntax b) foreach (var i in b.Items) SpanInvariants.AssertInside(file, i.Span);
            if (d is CrushRuleSyntax r) foreach (var s in r.Steps) SpanInvariants.AssertInside(file, s.Span);
        }
    }

    private static string Corpus(string relative)
    {
        lock (Files)
        {
            if (!Files.TryGetValue(relative, out var f)) Files[relative] = f = CephCorpus.File(relative);
            return f.Text;
        }
    }

    [Fact]
    public void Token_spans_agree_with_the_files_line_map()
    {
        Gen.String.Sample(s =>
        {
            var file = new SourceFile("ceph/x", s + "\r\n" + s + "\r" + s + "\n");
            foreach (var t in CrushLexer.Tokenize(file))
                Assert.Equal(file.SpanOf(t.Offset, t.Text.Length), t.Span);
        }, iter: 1000);
    }

    [Fact]
    public void Random_strings_never_throw()
    {
        Gen.String.Sample(s =>
        {
            ReadChecked(s);
            ReadChecked("# begin crush map\n" + s);
            ReadChecked("{" + s);
            ReadChecked("epoch 1\nlast_changed x\n" + s);
            ReadChecked("epoch 1\nmax_osd 3\n" + s);
        }, iter: 1500);
    }

    /// <summary>Token soup from the CRUSH vocabulary reaches deep into the grammar and the binder's checks.</summary>
    [Fact]
    public void Random_crush_token_soup_never_throws()
    {
        string[] vocabulary =
        [
            "tunable", "device", "type", "rule", "choose_args", "host", "root", "id", "class", "alg", "hash", "item", "weight",
            "pos", "step", "take", "choose", "chooseleaf", "firstn", "indep", "emit", "set_choose_tries", "ruleset", "min_size",
            "replicated", "erasure", "straw2", "bucket_id", "weight_set", "ids", "osd.0", "h1", "default", "ssd", "0", "1", "-1",
            "-2", "0.873", "18446744073709551615", "99999999999", "{", "}", "[", "]", "\n", " ", "#", "=", "\t",
        ];
        Gen.Int[0, vocabulary.Length - 1].Array[0, 120].Sample(picks =>
        {
            var text = "# begin crush map\n" + string.Join(" ", picks.Select(p => vocabulary[p]));
            ReadChecked(text);
            SyntaxSpansInside(text);
        }, iter: 3000);
    }

    private static readonly Gen<(int Position, int Operation, char Char)[]> Mutations =
        Gen.Select(Gen.Int[0, int.MaxValue], Gen.Int[0, 2], Gen.Char).Array[1, 6];

    private static string Mutate(string text, (int Position, int Operation, char Char)[] mutations)
    {
        var sb = new StringBuilder(text);
        foreach (var (position, operation, c) in mutations)
        {
            var at = sb.Length == 0 ? 0 : position % sb.Length;
            switch (operation)
            {
                case 0 when sb.Length > 0: sb.Remove(at, Math.Min(1 + position % 7, sb.Length - at)); break;
                case 1: sb.Insert(at, c); break;
                default: if (sb.Length > 0) sb[at] = c; break;
            }
        }
        return sb.ToString();
    }

    [SharedTheory]
    [InlineData("a-stretch-2dc-ssd.crush.txt")]
    [InlineData("e-stretch-2dc-mixed-class.crush.txt")]
    [InlineData("f-stretch-2dc-erasure.crush.src.txt")]
    [InlineData("handwritten/a-stretch-2dc-ssd.crush.quincy-style.txt")]
    public void Mutated_crush_text_maps_never_throw(string relative)
    {
        var original = Corpus(relative);
        Mutations.Sample(m =>
        {
            var text = Mutate(original, m);
            ReadChecked(text);
            SyntaxSpansInside(text);
        }, iter: 1500);
    }

    [SharedTheory]
    [InlineData("a-stretch-2dc-ssd.crush.json")]
    [InlineData("a-stretch-2dc-ssd.monmap.json")]
    [InlineData("a-stretch-2dc-ssd.osdmap.json")]
    [InlineData("a-stretch-2dc-ssd.site2-down.health.json")]
    [InlineData("a-stretch-2dc-ssd.quorum-status.json")]
    [InlineData("a-stretch-2dc-ssd.osdmap.txt")]
    [InlineData("a-stretch-2dc-ssd.monmap.txt")]
    public void Mutated_dumps_never_throw(string relative)
    {
        var original = Corpus(relative);
        Mutations.Sample(m => ReadChecked(Mutate(original, m)), iter: 800);
    }

    [SharedTheory]
    [InlineData("a-stretch-2dc-ssd.crush.json")]
    [InlineData("a-stretch-2dc-ssd.monmap.json")]
    [InlineData("f-stretch-2dc-erasure.osdmap.json")]
    public void Truncated_json_is_a_syntax_error_never_an_exception(string relative)
    {
        var original = Corpus(relative);
        Gen.Int[1, original.Length - 1].Sample(length =>
        {
            var text = original[..length];
            var file = new SourceFile("ceph/x.json", text);
            var context = new BindContext();
            CephDumpReader.Read([file], context);
            if (text.TrimEnd().EndsWith('}') && text.Count(c => c == '{') == text.Count(c => c == '}')) return;
            var d = Assert.Single(context.Diagnostics);
            Assert.Equal(text.Trim().Length == 0 ? "PVE0010" : "PVE0001", d.Id); // the dumps start with a blank line
            SpanInvariants.AssertInside(file, d.Span!.Value);
        }, iter: 500);
    }

    [Theory]
    [InlineData("[", 10_000)]
    [InlineData("{", 10_000)]
    [InlineData("{\"a\":", 10_000)]
    [InlineData("[", 200_000)]
    public void Deep_json_nesting_is_reported_not_overflowed(string open, int depth)
    {
        var model = ReadChecked(string.Concat(Enumerable.Repeat(open, depth)), "ceph/deep.json");
        Assert.Empty(model.Monitors);
    }

    [Fact]
    public void Deep_braces_in_a_crush_map_are_harmless()
    {
        ReadChecked("# begin crush map\n" + new string('{', 100_000) + new string('}', 100_000));
        ReadChecked("# begin crush map\nchoose_args 1 {\n" + string.Concat(Enumerable.Repeat("{ bucket_id -1 weight_set [ [ ", 20_000)));
    }

    private static void WithinSeconds(int seconds, Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(seconds), $"took {watch.Elapsed}");
    }

    private const int TwentyMegabytes = 20 * 1024 * 1024;

    /// <summary>Generous: the point is "no hang, no quadratic blow-up" on a shared, loaded CI machine.</summary>
    private const int TimeLimitSeconds = 120;

    [Fact]
    public void A_20_MB_crush_map_is_read_in_reasonable_time()
    {
        var sb = new StringBuilder("# begin crush map\ntype 0 osd\ntype 1 host\ntype 2 root\n");
        var devices = 0;
        while (sb.Length < TwentyMegabytes / 2) sb.Append("device ").Append(devices).Append(" osd.").Append(devices++).Append(" class ssd\n");
        var hosts = 0;
        for (var d = 0; sb.Length < TwentyMegabytes; hosts++)
        {
            sb.Append("host h").Append(hosts).Append(" {\n\tid -").Append(hosts + 2).Append("\n\talg straw2\n\thash 0\n");
            for (var i = 0; i < 8 && d < devices; i++, d++) sb.Append("\titem osd.").Append(d).Append(" weight 0.873\n");
            sb.Append("}\n");
        }
        WithinSeconds(TimeLimitSeconds, () =>
        {
            var model = ReadChecked(sb.ToString());
            Assert.Equal(devices, model.Crush!.Devices.Length);
        });
    }

    [Fact]
    public void A_20_MB_json_dump_is_read_in_reasonable_time()
    {
        var sb = new StringBuilder("{\"epoch\": 1, \"pools\": [], \"osds\": [\n");
        var osds = 0;
        while (sb.Length < TwentyMegabytes) sb.Append(osds == 0 ? "" : ",\n").Append("  {\"osd\": ").Append(osds++).Append(", \"up\": 1, \"in\": 1, \"weight\": 1, \"state\": [\"exists\", \"up\"]}");
        sb.Append("\n]}");
        WithinSeconds(TimeLimitSeconds, () => Assert.Equal(osds, ReadChecked(sb.ToString(), "ceph/osd.json").Osds.Length));
    }

    [Theory]
    [InlineData("# begin crush map\n", "device x\n")]
    [InlineData("# begin crush map\n", "= ")]
    [InlineData("", "x")]
    [InlineData("epoch 1\nmax_osd 3\n", "pool 1 'p\n")]
    public void Twenty_megabytes_of_junk_are_read_in_reasonable_time(string head, string unit)
    {
        var text = head + string.Concat(Enumerable.Repeat(unit, TwentyMegabytes / unit.Length));
        WithinSeconds(TimeLimitSeconds, () => ReadChecked(text));
    }
}
