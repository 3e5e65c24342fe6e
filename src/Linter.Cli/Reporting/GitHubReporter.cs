using PveLint.Text;

namespace PveLint.Cli.Reporting;

/// <summary>
/// GitHub Actions workflow commands, one per finding:
/// <c>::error file=etc/pve/ha/rules.cfg,line=12,col=2,endLine=12,endColumn=9,title=PVE2003::message</c>
/// (info findings become <c>::notice</c>), then the summary as a plain log line. Values are escaped as
/// actions/toolkit's command.ts does (data: '%', CR, LF; properties also ':' and ','), after the other control
/// characters are made visible (<see cref="PrintableText"/>), so no name can end the command or start another.
/// </summary>
public sealed class GitHubReporter : IReporter
{
    public void Write(ScanReport report, TextWriter output)
    {
        foreach (var (cluster, finding) in report.Findings)
        {
            var properties = new List<string>();
            if (FindingLocations.Primary(finding, cluster) is { } location)
            {
                properties.Add("file=" + EscapeProperty(PrintableText.Escape(location.DisplayPath)));
                if (location.Span is { } s)
                {
                    properties.Add($"line={s.Line}");
                    properties.Add($"col={s.Column}");
                    properties.Add($"endLine={s.EndLine}");
                    properties.Add($"endColumn={s.EndColumn}");
                }
            }
            properties.Add("title=" + EscapeProperty(finding.RuleId));
            var message = $"{PrintableText.Escape(finding.Message)} [{finding.Rule.Name}]";
            output.WriteLine($"::{SeverityNames.GitHub(finding.Severity)} {string.Join(',', properties)}::{EscapeData(message)}");
        }
        output.WriteLine($"pvelint: {report.SummarySentence()}");
    }

    /// <summary>The message part: '%', CR and LF are percent-encoded (actions/toolkit command.ts escapeData).</summary>
    public static string EscapeData(string text) =>
        text.Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A");

    /// <summary>A property value: additionally ':' and ',' (actions/toolkit command.ts escapeProperty).</summary>
    public static string EscapeProperty(string text) =>
        EscapeData(text).Replace(":", "%3A").Replace(",", "%2C");
}
