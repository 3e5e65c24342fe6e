using PveLint.Ceph;
using PveLint.Diagnostics;

namespace PveLint.Parsers.Tests.Ceph;

public class CorpusReadTests
{
    public static TheoryData<string> Files() => new(CephCorpus.DumpFiles());

    [SharedTheory]
    [MemberData(nameof(Files))]
    public void Every_corpus_dump_is_read_without_diagnostics(string relative)
    {
        var (_, context) = CephCorpus.Read(relative);
        Assert.Empty(context.Diagnostics.Select(d => $"{d.Id} {d.Span} {d.Message}"));
    }

    [SharedFact]
    public void The_corpus_holds_the_expected_number_of_dumps()
    {
        Assert.True(CephCorpus.DumpFiles().Count() >= 150, "corpus moved?");
    }
}
