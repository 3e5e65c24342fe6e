using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;

namespace PveLint.Rules.LinterConfig;

/// <summary>Reported by the <see cref="LintEngine"/> while it reads suppression comments.</summary>
public sealed class SuppressionWithoutReason : Rule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE9004", "suppression-without-reason",
        "A suppression with no '-- reason'",
        Severity.Warning, RuleCategory.LinterConfig,
        "A suppression without a reason cannot be reviewed: nobody can tell later whether the accepted risk still holds.",
        "Append ' -- <why this is acceptable>' to the suppression comment.",
        "suppression");

    public override RuleMetadata Metadata => Meta;

    public override IEnumerable<Finding> Check(ClusterModel model) => [];
}
