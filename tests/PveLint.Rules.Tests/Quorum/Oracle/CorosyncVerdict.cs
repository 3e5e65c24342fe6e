using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PveLint.Binding;
using PveLint.Rules.Engine;
using PveLint.Sources;

namespace PveLint.Rules.Tests.Quorum.Oracle;

/// <summary>
/// What one corosync.conf means to the programs that read it, in terms pvelint's findings can be compared on:
/// whether corosync starts (and the line of a parser error), whether corosync-qdevice starts, whether PVE's own
/// parser dies, and whether it drops node or interface blocks by keying them on the same name or link.
/// A verdict of "host" (a refusal that depends on the machine, such as a missing key file) is compared on nothing.
/// </summary>
internal sealed partial record CorosyncVerdict(
    string Corosync,
    int? ParserLine,
    string? Qdevice,
    bool PveDies,
    bool PveDropsNodes,
    bool PveDropsInterfaces)
{
    /// <summary>The rules whose findings say what corosync does besides the reader's own (PVE1006, PVE1007).</summary>
    private static readonly Rule[] Rules = [.. RuleRegistry.All.Where(r => r.Metadata.Id is "PVE1006" or "PVE1007")];

    /// <summary>The oracles' verdict, one line of verdicts.jsonl.</summary>
    public static CorosyncVerdict FromOracle(JsonObject verdict)
    {
        var corosync = verdict["corosync"]!;
        var pve = verdict["pve"]!;
        var died = pve["died"] is not null;
        return new(
            (string)corosync["verdict"]!,
            (string?)corosync["stage"] == "parser" ? (int?)corosync["line"] : null,
            (string?)verdict["qdevice"]?["verdict"],
            died,
            !died && (int)pve["node_blocks"]! > pve["nodes"]!.AsArray().Count,
            !died && (int)pve["interface_blocks"]! > pve["interfaces"]!.AsArray().Count);
    }

    /// <summary>pvelint's verdict: what its findings on the file (reader and the corosync rules) claim.</summary>
    /// <param name="host">The host corosync ran under: a refusal "on" another host is not one there.</param>
    public static (CorosyncVerdict Verdict, IReadOnlyList<Finding> Findings) FromPvelint(string text, CorosyncVerdict oracle, string host)
    {
        var tree = ConfigTree.FromTexts(new Dictionary<string, string> { ["etc/pve/corosync.conf"] = text });
        var findings = LintEngine.Run(ClusterBinder.Bind(tree), rules: [.. RuleRegistry.All.Where(r => r.Metadata.Category == RuleCategory.Input), .. Rules]).Findings
            .Where(f => f.Span?.Path == "etc/pve/corosync.conf").ToList();
        var refusals = findings.Where(f => CorosyncRefuses(f.Message, host)).ToList();
        var corosync = refusals.Count > 0 ? "refused" : "accepted";
        // corosync stops at its first parser error: pvelint must name that line among its refusals.
        int? line = oracle.ParserLine is { } l && refusals.Any(f => f.Span!.Value.Line == l) ? l : null;
        var qdevice = oracle.Qdevice is null ? null
            : findings.Any(f => f.Message.Contains("corosync-qdevice refuses", StringComparison.Ordinal)
                                && (QdeviceOnHost().Match(f.Message) is not { Success: true } on || on.Groups[1].Value == host)) ? "refused" : "accepted";
        return (new(corosync, line, qdevice,
            findings.Any(f => SaysPveDies(f.Message)),
            findings.Any(f => SaysPveDrops(f.Message, "node")),
            findings.Any(f => SaysPveDrops(f.Message, "interface"))), findings);
    }

    /// <summary>"corosync ... refuses to start", "corosync stops" (votequorum), "corosync aborts"; not corosync-qdevice.</summary>
    private static bool CorosyncRefuses(string message, string host) =>
        CorosyncRefusal().IsMatch(message) && (OnHost().Match(message) is not { Success: true } on || on.Groups[1].Value == host);

    /// <summary>"corosync refuses to start on pve2 ('...')": a refusal on the host of that name only.</summary>
    [GeneratedRegex(@"\bcorosync refuses to start on (\S+) \(", RegexOptions.CultureInvariant)]
    private static partial Regex OnHost();

    [GeneratedRegex(@"\bcorosync-qdevice refuses to start on (\S+) \(", RegexOptions.CultureInvariant)]
    private static partial Regex QdeviceOnHost();

    [GeneratedRegex(@"\bcorosync (refuses to start|stops|aborts)\b|\bcorosync\b(?![-.])[^;,]*\band refuses to start\b", RegexOptions.CultureInvariant)]
    private static partial Regex CorosyncRefusal();

    private static bool SaysPveDies(string message) =>
        message.Contains("PVE's", StringComparison.Ordinal) && (message.Contains("stops with", StringComparison.Ordinal) || message.Contains("dies", StringComparison.Ordinal));

    /// <summary>"PVE's parser drops ... node/interface" (it keys blocks by name or link, so one of two with the same key is lost).</summary>
    private static bool SaysPveDrops(string message, string what) =>
        message.Contains("PVE's parser drops", StringComparison.Ordinal) && message.Contains(what, StringComparison.Ordinal);

    /// <summary>How this verdict differs from <paramref name="oracle"/>'s, one line per difference; empty when they agree.</summary>
    public IReadOnlyList<string> DifferencesFrom(CorosyncVerdict oracle, string? reason)
    {
        var differences = new List<string>();
        if (oracle.Corosync != "host")
        {
            if (Corosync != oracle.Corosync) differences.Add($"corosync {oracle.Corosync} ({reason}), pvelint says {Corosync}");
            else if (oracle.ParserLine is { } line && ParserLine != line) differences.Add($"corosync's parser stops on line {line} ({reason}), pvelint reports no refusal there");
        }
        if (oracle.Qdevice is "accepted" or "refused" && Qdevice != oracle.Qdevice) differences.Add($"corosync-qdevice {oracle.Qdevice}, pvelint says {Qdevice}");
        if (PveDies != oracle.PveDies) differences.Add(oracle.PveDies ? "PVE's parser dies, pvelint does not say so" : "pvelint says PVE's parser dies, it does not");
        if (!oracle.PveDies && PveDropsNodes != oracle.PveDropsNodes) differences.Add(oracle.PveDropsNodes ? "PVE's parser drops a node block, pvelint does not say so" : "pvelint says PVE's parser drops a node block, it does not");
        if (!oracle.PveDies && PveDropsInterfaces != oracle.PveDropsInterfaces) differences.Add(oracle.PveDropsInterfaces ? "PVE's parser drops an interface block, pvelint does not say so" : "pvelint says PVE's parser drops an interface block, it does not");
        return differences;
    }
}
