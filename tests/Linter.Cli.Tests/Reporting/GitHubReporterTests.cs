using PveLint.Cli.Reporting;

namespace Linter.Cli.Tests.Reporting;

public sealed class GitHubReporterTests
{
    [Fact]
    public void Data_escapes_percent_and_line_breaks() =>
        Assert.Equal("100%25 of a: b, c%0D%0Anext", GitHubReporter.EscapeData("100% of a: b, c\r\nnext"));

    [Fact]
    public void Properties_also_escape_colon_and_comma() =>
        Assert.Equal("a%3Ab%2Cc%25%0A", GitHubReporter.EscapeProperty("a:b,c%\n"));
}
