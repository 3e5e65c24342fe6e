using PveLint.Diagnostics;
using PveLint.Rules.Engine;

namespace PveLint.Cli.Reporting;

/// <summary>How each output format spells a severity.</summary>
public static class SeverityNames
{
    /// <summary>error | warning | info (text, JSON, markdown, .pvelint.yaml, --fail-on), as the rule pages spell it.</summary>
    public static string Text(Severity severity) => RuleDocs.SeverityName(severity);

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
