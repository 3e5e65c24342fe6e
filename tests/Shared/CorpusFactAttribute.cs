namespace PveLint.Tests;

/// <summary>
/// A fact that reads ../shared (the corpus CI places beside the clone): skipped, with the reason shown in the test
/// report, when a fresh clone has no ../shared/corpus.
/// </summary>
public sealed class CorpusFactAttribute : FactAttribute
{
    public CorpusFactAttribute()
    {
        if (!Directory.Exists(TestPaths.Corpus)) Skip = $"needs the shared corpus at {TestPaths.Corpus}, which this checkout does not have";
    }
}

/// <summary>The theory form of <see cref="CorpusFactAttribute"/>.</summary>
public sealed class CorpusTheoryAttribute : TheoryAttribute
{
    public CorpusTheoryAttribute()
    {
        if (!Directory.Exists(TestPaths.Corpus)) Skip = $"needs the shared corpus at {TestPaths.Corpus}, which this checkout does not have";
    }
}
