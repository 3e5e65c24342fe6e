using Linter.Cli.Tests.Support;

namespace Linter.Cli.Tests.Commands;

/// <summary>Usage mistakes say what was wrong, in the words the user typed, and exit 2.</summary>
public sealed class UsageErrorTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Theory]
    [InlineData("scan", "--only")]
    [InlineData("scan", "--selct")]
    [InlineData("simulate", "--bogus")]
    [InlineData("migrate-groups", "-x")]
    public void An_unknown_option_is_a_usage_error_not_a_missing_file(string command, string option)
    {
        var run = CliRunner.Run(command, option, _tree.Root);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"unknown option '{option}'; see 'pvelint {command} --help'", run.Error);
        Assert.DoesNotContain("no such file", run.Error);
    }

    [Fact]
    public void A_missing_path_is_named_as_typed()
    {
        var missing = Path.Combine(_tree.Root, "nowhere", "dir");
        var run = CliRunner.Run("scan", missing);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{missing}: no such file or directory", run.Error);
    }

    [Fact]
    public void A_file_named_like_an_option_is_still_a_path()
    {
        File.WriteAllText(Path.Combine(_tree.Root, "-odd"), "x");
        var run = CliRunner.Run("scan", Path.Combine(_tree.Root, "-odd"));

        Assert.Equal(2, run.ExitCode);
        Assert.DoesNotContain("unknown option", run.Error);
        Assert.Contains("-odd", run.Error);
    }
}
