using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;
using PveLint.Text;

namespace PveLint.Rules.Fencing;

/// <summary>
/// PVE4004: what systemd's EnvironmentFile parser accepts but reads differently from how the file looks (several
/// assignments, quotes, escapes, continuations, inline comments, blanks), for the WATCHDOG_MODULE assignments. An
/// empty value is PVE4001's finding.
/// </summary>
public sealed class MalformedWatchdogFile : Rule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE4004", "malformed-watchdog-file",
        "A watchdog file that systemd reads differently than it looks",
        Severity.Warning, RuleCategory.Fencing,
        "watchdog-mux gets WATCHDOG_MODULE from systemd's EnvironmentFile= parser, which keeps the last of several assignments, removes quotes, reads backslash escapes and line continuations, and has no inline comments. What the file seems to say (to a person, a shell or a config tool) can then differ from the module watchdog-mux loads.",
        "Write exactly one plain line: WATCHDOG_MODULE=<module>, no quotes, no blanks around '=', no trailing comment.",
        "watchdog");

    public override RuleMetadata Metadata => Meta;

    public override IEnumerable<Finding> Check(ClusterModel model)
    {
        foreach (var settings in UnknownWatchdogModule.WatchdogFiles(model))
        {
            var assignments = settings.Assignments.Where(a => a.Value.StartsWith("WATCHDOG_MODULE=", StringComparison.Ordinal)).ToList();
            var effective = settings.Module is { } m ? $"watchdog-mux gets WATCHDOG_MODULE='{m.Value}'" : "watchdog-mux loads softdog";
            foreach (var quirk in settings.Quirks.Where(q => q.Kind != EnvironmentFileQuirkKind.EmptyValue && assignments.Any(a => Overlaps(a.Span, q.Span))))
                yield return Report(quirk.Span, $"{quirk.Message} ({effective}.)");
        }
    }

    private static bool Overlaps(SourceSpan a, SourceSpan b) =>
        a.Path == b.Path && (a.Line, a.Column).CompareTo((b.EndLine, b.EndColumn)) <= 0 && (b.Line, b.Column).CompareTo((a.EndLine, a.EndColumn)) <= 0;
}
