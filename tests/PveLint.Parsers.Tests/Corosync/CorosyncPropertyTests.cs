using System.Text;
using CsCheck;
using PveLint.Binding;
using PveLint.Corosync;
using PveLint.Corosync.Syntax;
using PveLint.Model;
using PveLint.Text;

namespace PveLint.Parsers.Tests.Corosync;

/// <summary>Whatever the input, reading corosync.conf never throws, never hangs, and keeps every span inside the file.</summary>
public class CorosyncPropertyTests
{
    private const string Sample = """
        # pvelint-disable-next-line PVE1005 -- lab
        logging {
          debug: off
          to_syslog: yes
        }

        nodelist {
          node {
            name: pve1
            nodeid: 1
            quorum_votes: 1
            ring0_addr: 10.100.0.11
            ring1_addr: 10.200.0.11
          }
          node {
            name: pve2
            nodeid: 2
            quorum_votes: 1
            ring0_addr: 10.100.0.12
            ring1_addr: 10.200.0.12
          }
        }

        quorum {
          provider: corosync_votequorum
          device {
            model: net
            votes: 1
            net {
              algorithm: ffsplit
              host: 10.0.90.1
              tls: on
            }
          }
        }

        totem {
          cluster_name: lab
          config_version: 3
          interface {
            linknumber: 0
          }
          interface {
            linknumber: 1
          }
          ip_version: ipv4-6
          link_mode: passive
          secauth: on
          token_coefficient: 125
          version: 2
        }

        """;

    /// <summary>Reads the text through the reader and checks every span it produced.</summary>
    private static void AssertReadsSafely(string text)
    {
        var file = new SourceFile("etc/pve/corosync.conf", text);
        var context = new BindContext();
        var model = CorosyncReader.Read(file, context);
        Assert.NotNull(model);

        foreach (var d in context.Diagnostics)
        {
            SpanInvariants.AssertInside(file, d.Span!.Value, oneColumnPastLineEnd: true);
            foreach (var r in d.RelatedSpans) SpanInvariants.AssertInside(file, r.Span, oneColumnPastLineEnd: true);
            Assert.False(string.IsNullOrWhiteSpace(d.Message));
        }
        foreach (var span in ModelSpans(model!)) SpanInvariants.AssertInside(file, span, oneColumnPastLineEnd: true);

        var document = CorosyncParser.Parse(file);
        var depth = 0;
        foreach (var node in document.DescendantNodes())
        {
            SpanInvariants.AssertInside(file, node.Span, oneColumnPastLineEnd: true);
            if (node is CorosyncSection s) depth = Math.Max(depth, Depth(document, s));
        }
        Assert.InRange(depth, 0, CorosyncParser.MaxDepth);
    }

    private static int Depth(CorosyncDocument document, CorosyncSection section) =>
        1 + section.Sections.Select(child => Depth(document, child)).DefaultIfEmpty(0).Max();

    private static IEnumerable<SourceSpan> ModelSpans(CorosyncModel m)
    {
        var t = m.Totem;
        foreach (var l in new ILocated?[] { Wrap(t.ClusterName), Wrap(t.ConfigVersion), Wrap(t.Transport), Wrap(t.Secauth), Wrap(t.CryptoCipher), Wrap(t.CryptoHash), Wrap(t.LinkMode), Wrap(t.Token), Wrap(t.TokenCoefficient) })
            if (l is not null) yield return l.Span;
        if (t.Span is { } ts) yield return ts;
        foreach (var i in t.Interfaces)
        {
            yield return i.Span;
            if (i.LinkNumber is { } ln) yield return ln.Span;
            foreach (var v in i.Settings.Values) yield return v.Span;
        }
        foreach (var n in m.Nodes)
        {
            yield return n.Span;
            yield return n.Name.Span;
            if (n.NodeId is { } id) yield return id.Span;
            if (n.QuorumVotes is { } qv) yield return qv.Span;
            foreach (var link in n.Links) yield return link.Address.Span;
        }
        var q = m.Quorum;
        foreach (var l in new ILocated?[] { Wrap(q.Provider), Wrap(q.ExpectedVotes), Wrap(q.TwoNode), Wrap(q.WaitForAll), Wrap(q.LastManStanding), Wrap(q.AutoTieBreaker), Wrap(q.AllowDownscale) })
            if (l is not null) yield return l.Span;
        if (q.Span is { } qs) yield return qs;
        if (q.Device is { } d)
        {
            yield return d.Span;
            foreach (var l in new ILocated?[] { Wrap(d.Model), Wrap(d.Votes), Wrap(d.Host), Wrap(d.Algorithm), Wrap(d.Tls) })
                if (l is not null) yield return l.Span;
        }
        if (m.NodelistSpan is { } ns) yield return ns;
    }

    private interface ILocated
    {
        SourceSpan Span { get; }
    }

    private sealed record Spanned(SourceSpan Span) : ILocated;

    private static ILocated? Wrap<T>(Located<T>? located) => located is null ? null : new Spanned(located.Span);

    [Fact]
    public void The_sample_is_valid()
    {
        var context = new BindContext();
        CorosyncReader.Read(new SourceFile("etc/pve/corosync.conf", Sample), context);
        Assert.Empty(context.Diagnostics);
    }

    [Fact]
    public void Random_strings_never_throw()
    {
        Gen.String.Sample(AssertReadsSafely, iter: 3000);
    }

    [Fact]
    public void Random_strings_of_corosync_characters_never_throw()
    {
        var line = Gen.Char["{}:#  \t\r\n\nabz019_.-"].Array[0, 60].Select(cs => new string(cs));
        line.Array[0, 30].Select(lines => string.Join("\n", lines)).Sample(AssertReadsSafely, iter: 3000);
    }

    /// <summary>Deletes, inserts or duplicates characters and lines of a valid file.</summary>
    [Fact]
    public void Mutations_of_a_valid_file_never_throw()
    {
        var mutation = Gen.Select(Gen.Int[0, 5], Gen.Int[0, int.MaxValue], Gen.OneOf('{', '}', ':', '#', ' ', '\t', '\n', '\r', 'x', '\0', 'é'));
        mutation.Array[1, 12].Select(Apply).Sample(AssertReadsSafely, iter: 3000);
    }

    private static string Apply((int Kind, int Position, char Char)[] mutations)
    {
        var text = Sample;
        foreach (var (kind, position, c) in mutations)
        {
            var lines = text.Split('\n').ToList();
            var at = text.Length == 0 ? 0 : position % text.Length;
            var line = lines.Count == 0 ? 0 : position % lines.Count;
            text = kind switch
            {
                0 when text.Length > 0 => text.Remove(at, 1),
                1 => text.Insert(at, c.ToString()),
                2 when text.Length > 0 => text.Insert(at, text[at].ToString()),
                3 when lines.Count > 0 => string.Join("\n", lines.Where((_, i) => i != line)),
                4 when lines.Count > 0 => string.Join("\n", lines.Take(line + 1).Append(lines[line]).Concat(lines.Skip(line + 1))),
                5 when lines.Count > 1 => string.Join("\n", lines.Select((l, i) => i == line ? lines[(line + 1) % lines.Count] : i == (line + 1) % lines.Count ? lines[line] : l)),
                _ => text,
            };
        }
        return text;
    }

    [Theory]
    [InlineData("{", "")]          // one line of 10k '{'
    [InlineData("{\n", "")]        // 10k headers without a name
    [InlineData("a {\n", "}\n")]   // 10k nested sections, closed
    [InlineData("a {\n  k: v\n", "")] // 10k nested sections with keys, never closed
    public void Very_deep_nesting_is_bounded(string open, string close)
    {
        var text = string.Concat(Enumerable.Repeat(open, 10_000)) + string.Concat(Enumerable.Repeat(close, 10_000));
        AssertReadsSafely(text);
    }

    [Fact]
    public void Deep_nesting_is_refused_for_its_key_path_length()
    {
        var text = string.Concat(Enumerable.Repeat("a {\n", 200)) + string.Concat(Enumerable.Repeat("}\n", 200));
        var document = CorosyncParser.Parse(new SourceFile("etc/pve/corosync.conf", text));
        // 'a' plus 126 times '.a' is 253 bytes; the 128th level makes 255
        var first = document.Diagnostics[0];
        Assert.Equal(128, first.Span!.Value.Line);
        Assert.Contains("Start of section makes total cmap path too long", first.Message);
    }

    [Fact]
    public void A_20_MB_file_of_valid_blocks_is_read()
    {
        var builder = new StringBuilder();
        while (builder.Length < 20 * 1024 * 1024) builder.Append(Sample);
        var context = new BindContext();
        var model = CorosyncReader.Read(new SourceFile("etc/pve/corosync.conf", builder.ToString()), context);
        Assert.NotNull(model);
        Assert.Equal(2, model!.Nodes.Length); // every nodelist block restarts at node 0
        Assert.Contains(context.Diagnostics, d => d.Id == "PVE0005");
    }

    [Theory]
    [InlineData('x')]
    [InlineData('{')]
    [InlineData('\n')]
    public void A_20_MB_run_of_one_character_is_read(char c)
    {
        AssertReadsSafely(new string(c, 20 * 1024 * 1024));
    }
}
