using CsCheck;
using PveLint.Binding;
using PveLint.Ceph;
using PveLint.Tests;
using PveLint.Text;

namespace PveLint.Parsers.Tests.CephConf;

/// <summary>The ceph.conf reader never throws and keeps every span inside the file.</summary>
public class CephConfPropertyTests
{
    private static readonly string[] CorpusTexts =
    [
        File.ReadAllText(TestPaths.CorpusFile("pve", "proxmox-pve-storage", "ceph_conf_parse_write_test", "ceph.conf")),
        File.ReadAllText(TestPaths.CorpusFile("pve", "teleimagerie-proxmox", "configs", "ceph.conf")),
    ];

    private static void ReadAndCheck(string text)
    {
        var file = new SourceFile("etc/pve/ceph.conf", text);
        var context = new BindContext();
        CephConfReader.Read(file, context);
        SpanInvariants.AssertInside(file, context.Diagnostics);
        foreach (var section in CephConfParser.Parse(file).Sections)
        {
            SpanInvariants.AssertInside(file, section.HeaderSpan);
            SpanInvariants.AssertInside(file, section.Name.Span);
            foreach (var e in section.Entries)
            {
                SpanInvariants.AssertInside(file, e.RawKey.Span);
                SpanInvariants.AssertInside(file, e.Value.Span);
                SpanInvariants.AssertInside(file, e.Span);
            }
        }
    }

    [Fact]
    public void Random_text_never_throws() => PropertyInputs.GrammarText.Sample(ReadAndCheck, iter: 3000);

    [Fact]
    public void Arbitrary_strings_never_throw() => Gen.String.Sample(ReadAndCheck, iter: 2000);

    [SharedFact]
    public void Mutated_files_never_throw() => PropertyInputs.Mutations(CorpusTexts).Sample(ReadAndCheck, iter: 2000);

    [Fact]
    public void Huge_inputs_are_read()
    {
        foreach (var text in PropertyInputs.HugeInputs()) ReadAndCheck(text);
        ReadAndCheck("[a]\nk = " + string.Concat(Enumerable.Repeat("x \\\n", 50_000)));
        ReadAndCheck("[a]\nk = \"" + string.Concat(Enumerable.Repeat("\\\"", 100_000)));
    }
}
