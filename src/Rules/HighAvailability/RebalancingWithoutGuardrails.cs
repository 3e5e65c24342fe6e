using System.Globalization;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;

namespace PveLint.Rules.HighAvailability;

public sealed class RebalancingWithoutGuardrails : Rule
{
    /// <summary>Below these the CRM reacts to noise: a threshold under 10 %, a hold of one round, a margin under 5 %.</summary>
    private const double MinThresholdPercent = 10, MinHoldRounds = 2, MinMarginPercent = 5;

    public static readonly RuleMetadata Meta = Define(
        "PVE2021", "rebalancing-without-guardrails",
        "Automatic HA rebalancing that invites migration storms, or that the target release lacks",
        Severity.Warning, RuleCategory.HighAvailability,
        "With 'crs: ha-auto-rebalance=1' (PVE 9.2, pve-ha-manager 5.2.0) the CRM live-migrates HA guests whenever the node imbalance stays above 'ha-auto-rebalance-threshold' for 'ha-auto-rebalance-hold-duration' rounds and a move improves it by 'ha-auto-rebalance-margin'. A low threshold, a hold of a single 10-second round or a tiny margin turn short load spikes (a backup, a recovery, a boot storm) into a stream of migrations that load the network and the storage further. The feature needs the 'static' or 'dynamic' scheduler, and on releases before 9.2 the keys do not exist: PVE drops the whole 'crs' line, so 'ha=static' is lost too.",
        "Keep the defaults (threshold 30 %, hold 3 rounds, margin 10 %) or stricter, use 'ha=static' or 'ha=dynamic' with it, and set 'target:' to the release the cluster runs.",
        "design", "crs");

    public override RuleMetadata Metadata => Meta;

    public override IEnumerable<Finding> Check(ClusterModel model)
    {
        if (model.Datacenter?.Get("crs") is not { } crs) yield break;
        var parts = crs.Properties;
        if (parts.GetValueOrDefault("ha-auto-rebalance") is not { } enabled || !IsTrue(enabled.Value)) yield break;

        if (model.Target < TargetRelease.Pve92)
        {
            yield return Report(enabled.Span,
                $"Automatic HA rebalancing ('ha-auto-rebalance') does not exist on {TargetReleases.Name(model.Target)} (it came with PVE 9.2, pve-ha-manager 5.2.0): PVE rejects the whole 'crs' line, so no guest is rebalanced and the CRM schedules with 'basic'{(parts.ContainsKey("ha") ? $" instead of '{parts["ha"].Value}'" : "")}.");
            yield break;
        }

        var mode = parts.GetValueOrDefault("ha")?.Value ?? "basic";
        if (mode is not ("static" or "dynamic"))
            yield return Report(enabled.Span,
                $"Automatic HA rebalancing is on, but the CRM scheduler is '{mode}': the CRM rebalances only with 'ha=static' or 'ha=dynamic', so the setting does nothing.");

        if (Number(parts, "ha-auto-rebalance-threshold") is { } threshold && threshold.Value < MinThresholdPercent)
            yield return Report(threshold.Span,
                $"'ha-auto-rebalance-threshold={Text(threshold.Value)}' lets the CRM migrate as soon as the node imbalance exceeds {Text(threshold.Value)} % (default 30 %): ordinary load spikes then trigger migrations."
                + (threshold.Value <= 1 ? $" The value looks like the old fraction notation (0.3 meant 30 % before pve-cluster 9.1.5); now it means {Text(threshold.Value)} %." : ""));

        if (Number(parts, "ha-auto-rebalance-hold-duration") is { } hold && hold.Value < MinHoldRounds)
            yield return Report(hold.Span,
                $"'ha-auto-rebalance-hold-duration={Text(hold.Value)}' makes the CRM act on an imbalance seen in {(hold.Value < 1 ? "any" : "a single")} 10-second round (default 3 rounds): a recovery or a boot storm starts migrations before the load settles.");

        if (Number(parts, "ha-auto-rebalance-margin") is { } margin && margin.Value < MinMarginPercent)
            yield return Report(margin.Span,
                $"'ha-auto-rebalance-margin={Text(margin.Value)}' lets the CRM migrate a guest for a {Text(margin.Value)} % improvement (default 10 %): live migrations that cost more than they gain."
                + (margin.Value <= 1 && margin.Value > 0 ? " The value looks like the old fraction notation (0.1 meant 10 % before pve-cluster 9.1.5)." : ""));
    }

    private static bool IsTrue(string value) => value.Trim().ToLowerInvariant() is "1" or "on" or "yes" or "true";

    private static Located<double>? Number(IReadOnlyDictionary<string, Located<string>> parts, string key) =>
        parts.GetValueOrDefault(key) is { } v && double.TryParse(v.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? new Located<double>(n, v.Span) : null;

    private static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);
}
