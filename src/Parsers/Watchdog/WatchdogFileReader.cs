using System.Collections.Immutable;
using PveLint.Binding;
using PveLint.Model;
using PveLint.Text;

namespace PveLint.Watchdog;

/// <summary>
/// /etc/default/pve-ha-manager, read by <c>watchdog-mux.service</c> through <c>EnvironmentFile=-</c>
/// (reference/pve-formats.md §2.4, pve-ha-manager.md §6). Only <c>WATCHDOG_MODULE</c> matters: watchdog-mux loads
/// it with <c>modprobe -q</c> when /dev/watchdog is missing, else softdog. <see cref="WatchdogSettings.Module"/> is
/// the assignment systemd ends up with (the last valid one), null when the variable is not set (softdog).
/// </summary>
public static class WatchdogFileReader
{
    public const string ModuleVariable = "WATCHDOG_MODULE";

    public static WatchdogSettings Read(SourceFile file, string? node, BindContext context)
    {
        var syntax = EnvironmentFileParser.Parse(file);
        context.ReportAll(syntax.Diagnostics);
        return Bind(file, syntax, node);
    }

    public static WatchdogSettings Bind(SourceFile file, EnvironmentFileSyntax syntax, string? node)
    {
        var module = syntax.Effective(ModuleVariable)?.Value;
        var assignments = syntax.Assignments
            .Select(a => new Located<string>($"{a.Key.Value}={a.Value.Value}", a.Span))
            .ToImmutableArray();
        return new WatchdogSettings(node, file.Path, module, assignments) { Quirks = syntax.Quirks };
    }
}
