using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;

namespace PveLint.Rules.LinterConfig;

/// <summary>Reported by the <see cref="LintEngine"/> after suppressions and the baseline are applied.</summary>
public sealed class UnusedSuppression : Rule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE9001", "unused-suppression",
        "A suppression comment or baseline entry that matches nothing",
        Severity.Warning, RuleCategory.LinterConfig,
        "A suppression that silences nothing is either stale (the problem was fixed) or misplaced (it sits on the wrong line and the finding it was meant for is still reported). Stale suppressions hide the next real problem on that line.",
        "Delete the suppression, or move it directly above the line of the finding; regenerate the baseline with --write-baseline.",
        "suppression");

    public override RuleMetadata Metadata => Meta;

    public override IEnumerable<Finding> Check(ClusterModel model) => [];
}
