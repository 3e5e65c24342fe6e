namespace PveLint.Cli.Reporting;

/// <summary>The output formats of <c>scan</c> (INTERFACE.md "Output").</summary>
public enum ReportFormat
{
    Text,
    Sarif,
    Json,
    GitHub,
    Markdown,
}

public static class ReportFormats
{
    /// <summary>The spellings accepted by <c>--format</c>, in help order.</summary>
    public static readonly string[] Names = ["text", "sarif", "json", "github", "markdown"];

    public static ReportFormat Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "text" => ReportFormat.Text,
        "sarif" => ReportFormat.Sarif,
        "json" => ReportFormat.Json,
        "github" => ReportFormat.GitHub,
        "markdown" => ReportFormat.Markdown,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown format"),
    };

    public static string Name(ReportFormat format) => Names[(int)format];

    /// <param name="textStyle">Colour and snippets of the text format (plain when null); the other formats have no style.</param>
    public static IReporter Reporter(ReportFormat format, TextStyle? textStyle = null) => format switch
    {
        ReportFormat.Text => new TextReporter(textStyle ?? TextStyle.Plain),
        ReportFormat.Sarif => new SarifReporter(),
        ReportFormat.Json => new JsonReporter(),
        ReportFormat.GitHub => new GitHubReporter(),
        _ => new MarkdownReporter(),
    };
}
