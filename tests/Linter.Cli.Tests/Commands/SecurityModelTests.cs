using System.Text.RegularExpressions;
using PveLint.Cli.Sources;
using PveLint.Tests;

namespace Linter.Cli.Tests.Commands;

/// <summary>The README's "Security model" states the limits the code enforces (each limit has its own behaviour test elsewhere).</summary>
public sealed partial class SecurityModelTests
{
    private static string LimitsTable()
    {
        var readme = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "README.md"));
        var start = readme.IndexOf("## Security model", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no 'Security model' section");
        return readme[start..readme.IndexOf("\n## ", start + 5, StringComparison.Ordinal)];
    }

    [GeneratedRegex(@"^\| (?<what>[^|]+?) \| (?<value>[^|]+?) \|", RegexOptions.Multiline)]
    private static partial Regex Row();

    private static string Value(string what) =>
        Row().Matches(LimitsTable()).Single(m => m.Groups["what"].Value.StartsWith(what, StringComparison.Ordinal)).Groups["value"].Value;

    [Fact]
    public void The_readme_limits_are_the_default_limits()
    {
        var limits = SourceLimits.Default;
        Assert.Equal(SourceLimits.Describe(limits.MaxFileBytes), Value("one file"));
        Assert.Equal(SourceLimits.Describe(limits.MaxTotalBytes), Value("all files of one scan"));
        Assert.Equal(limits.MaxEntries.ToString(System.Globalization.CultureInfo.InvariantCulture), Value("entries"));
        Assert.Equal($"{DirectorySource.MaxDepth} (config.db: {ConfigDbSource.MaxDepth})", Value("directory depth"));
        Assert.Equal(SourceLimits.Describe(TarStreamReader.MaxMetadataBytes), Value("tar metadata"));
        Assert.Equal($"{SourceLimits.Describe(limits.MaxDatabaseBytes)} (four times the total)", Value("a config.db"));
        Assert.Equal($"{SourceLimits.Describe(limits.MaxFileBytes)} / {SourceLimits.Describe(limits.MaxTotalBytes)}", Value("`--config`"));
    }
}
