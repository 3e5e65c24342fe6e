using PveLint.Diagnostics;

namespace PveLint.Cli.Reporting;

/// <summary>How each output format spells a severity.</summary>
public static class SeverityNames
{
    /// <summary>error | warning | info (text, JSON, markdown, .pvelint.yaml, --fail-on).</summary>
    public static string Text(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "info",
    };

    /// <summary>SARIF result/configuration level: error | warning | note.</summary>
    public static string Sarif(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "note",
    };

    /// <summary>GitHub workflow command: error | warning | notice.</summary>
    public static string GitHub(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "notice",
    };
}
