namespace PveLint.Tests;

/// <summary>
/// Whether ../shared (the corpus, the SARIF schema, the oracles' data) sits beside this clone. CI has it; a clone
/// from a forge does not, and there the tests that need it are skipped with this reason instead of failing.
/// </summary>
internal static class SharedData
{
    public static bool Present => Directory.Exists(TestPaths.Corpus);

    public const string SkipReason = "needs ../shared (corpus, SARIF schema, oracle data) beside the clone; CI has it, this clone does not";

    public static string? SkipUnlessPresent => Present ? null : SkipReason;
}

/// <summary>A fact that reads ../shared: skipped with a visible reason where it is absent.</summary>
internal sealed class SharedFactAttribute : FactAttribute
{
    public SharedFactAttribute() => Skip = SharedData.SkipUnlessPresent;
}

/// <summary>A theory that reads ../shared (its data included): skipped with a visible reason where it is absent.</summary>
internal sealed class SharedTheoryAttribute : TheoryAttribute
{
    public SharedTheoryAttribute() => Skip = SharedData.SkipUnlessPresent;
}
