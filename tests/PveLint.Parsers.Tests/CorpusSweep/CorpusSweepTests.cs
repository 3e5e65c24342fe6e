using PveLint.Binding;
using PveLint.Diagnostics;
using PveLint.Sources;
using PveLint.Tests;

namespace PveLint.Parsers.Tests.CorpusSweep;

/// <summary>
/// Every configuration file and Ceph dump of the shared corpus, put where it belongs in a scan root and read
/// through the whole binder: no exception, no PVE0010 (unreadable) and no PVE0001 (syntax). The per-format tests
/// assert the concrete model facts of each file; this sweep makes sure no corpus file is left out.
/// Which files are swept and where they go: <see cref="CorpusLayout"/>.
/// </summary>
public class CorpusSweepTests
{
    public static TheoryData<string> CorpusFiles() => new(CorpusLayout.Files());

    [SharedTheory]
    [MemberData(nameof(CorpusFiles))]
    public void Corpus_file_is_read_without_PVE0010_or_PVE0001(string relative)
    {
        var text = File.ReadAllText(Path.Combine(TestPaths.Corpus, relative));
        var logical = CorpusLayout.LogicalPath(relative);
        var model = ClusterBinder.Bind(new ConfigTree([new ConfigFile(logical, text, relative)]));

        var problems = model.Diagnostics.Where(d => d.Id is DiagnosticIds.UnreadableInput or DiagnosticIds.SyntaxError)
            .Select(d => $"{d.Id} {d.Span}: {d.Message}").ToArray();
        Assert.True(problems.Length == 0, string.Join("\n", problems));
    }

    [SharedFact]
    public void The_sweep_covers_both_corpora()
    {
        var files = CorpusLayout.Files().ToList();
        Assert.Contains(files, f => f.StartsWith("pve/", StringComparison.Ordinal));
        Assert.Contains(files, f => f.StartsWith("ceph/", StringComparison.Ordinal));
        Assert.True(files.Count > 150, $"only {files.Count} corpus files found under {TestPaths.Corpus}");
    }
}
