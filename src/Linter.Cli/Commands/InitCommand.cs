using System.CommandLine;
using PveLint.Binding;
using PveLint.Cli.Init;
using PveLint.Cli.Sources;
using PveLint.LinterConfiguration;
using PveLint.Model;
using PveLint.Sources;

namespace PveLint.Cli.Commands;

/// <summary>
/// <c>pvelint init [PATH]</c>: writes a starter .pvelint.yaml (<see cref="StarterConfig"/>) at the scan root (beside an
/// archive or config.db) from what a scan of PATH finds. An existing file is replaced only with <c>--force</c>.
/// </summary>
public static class InitCommand
{
    public static Command Create(CliEnvironment environment, TextWriter output, TextWriter error)
    {
        var path = ScanPathArgument.Create();
        var force = new Option<bool>("--force") { Description = "Replace an existing .pvelint.yaml." };
        var target = new Option<string>("--target")
        {
            Description = "The Proxmox VE release to write as target: (default: pve-9.1).",
            HelpName = "pve-9.0|pve-9.1|pve-9.2",
        };
        target.AcceptOnlyFromAmong([.. LinterConfigSchema.Target.Choices]);
        var command = new Command("init",
            "Write a starter .pvelint.yaml from what the scan discovers (nodes, sites from CRUSH datacenter buckets, the target release) at the scan root, or beside an archive or config.db. Exit codes: 0 written, 2 usage error, unreadable input, or a .pvelint.yaml that exists (use --force).")
        {
            path, force, target,
        };
        command.SetAction(parse =>
        {
            var scanned = Path.GetFullPath(parse.GetValue(path) ?? ".");
            if (!Path.Exists(scanned)) throw new UsageException($"{parse.GetValue(path) ?? "."}: no such file or directory");
            var directory = Directory.Exists(scanned) ? scanned : Path.GetDirectoryName(scanned)!;
            var file = Path.Combine(directory, ScanRootLayout.LinterConfigName);
            if (Path.Exists(file) && !parse.GetValue(force))
                throw new UsageException($"{file} already exists; pvelint init does not overwrite it (pass --force to replace it)");

            var source = SourceLoader.Load(scanned, directory, environment.Limits, cancellation: environment.Cancellation);
            // Start from the cluster alone: an old .pvelint.yaml (replaced with --force) must not feed the new one.
            var tree = new ConfigTree(source.Tree.Files.Where(f => f.Path != ScanRootLayout.LinterConfigName), source.Tree.SourceDiagnostics);
            var model = ClusterBinder.Bind(tree);
            var release = parse.GetValue(target) is { } t && TargetReleases.TryParse(t, out var given) ? given : TargetReleases.Default;

            ScanCommand.WriteFile(file, StarterConfig.Write(model, release, source.DisplayName));
            var sites = model.Sites.Count(s => s.Source == SiteSource.Crush);
            error.WriteLine($"pvelint: wrote {file}: {Reporting.ScanReport.Plural(model.NodeNames.Length, "node")}, " +
                            (sites > 0 ? $"{Reporting.ScanReport.Plural(sites, "site")} from CRUSH" : "no sites found (a commented template instead)") +
                            $", target {TargetReleases.Name(release)}; review it, then commit it");
            return ExitCodes.Clean;
        });
        return command;
    }
}
