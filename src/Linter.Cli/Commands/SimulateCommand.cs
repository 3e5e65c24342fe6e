using System.CommandLine;
using PveLint.Binding;
using PveLint.Cli.Reporting.Simulation;
using PveLint.Cli.Scanning;
using PveLint.Cli.Sources;
using PveLint.Model;
using PveLint.Simulation;

namespace PveLint.Cli.Commands;

/// <summary><c>pvelint simulate [PATH]</c>: the failure-scenario table of one cluster (text, json or markdown).</summary>
public static class SimulateCommand
{
    private static readonly string[] Formats = ["text", "json", "markdown"];
    private static readonly string[] Targets = ["pve-9.0", "pve-9.1", "pve-9.2"];

    public static Command Create(CliEnvironment environment, TextWriter output, TextWriter error)
    {
        var path = new Argument<string>("PATH")
        {
            Description = "A directory (a scan root or a copy of /etc/pve), a .tar/.tar.gz/.tgz archive of /etc/pve, or a pmxcfs config.db. Default: the current directory.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        path.Validators.Add(UnknownOptions.AreNotPaths);
        var format = new Option<string>("--format", "-f")
        {
            Description = "text (a block per scenario), json (stable schema, see the README) or markdown (a table and a Mermaid diagram of the sites).",
            HelpName = "text|json|markdown",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong(Formats);
        var outputFile = new Option<string>("--output", "-o") { Description = "Write to FILE instead of standard output.", HelpName = "FILE" };
        var config = new Option<string>("--config") { Description = "The linter configuration (sites, latencies, policy). Default: .pvelint.yaml at the scan root or above it.", HelpName = "FILE" };
        var maxFailures = new Option<int?>("--max-failures")
        {
            Description = "Simulate combinations of up to N simultaneous failures (overrides policy.max-failures of .pvelint.yaml, default 2).",
            HelpName = "N",
        };
        maxFailures.Validators.Add(result =>
        {
            if (result.Tokens is [{ } token] && int.TryParse(token.Value, out var n) && n is < 1 or > 4) result.AddError("--max-failures must be between 1 and 4.");
        });
        var target = new Option<string>("--target") { Description = "The Proxmox VE release the cluster runs: pve-9.0, pve-9.1 or pve-9.2.", HelpName = "pve-9.x" };
        target.AcceptOnlyFromAmong(Targets);

        var command = new Command("simulate", "Simulate every node, site, netsplit and QDevice failure (and combinations up to --max-failures) and print what each does to quorum, fencing, HA recovery and Ceph. Exit codes: 0 printed, 2 usage error or unreadable input.")
        {
            path, format, outputFile, config, maxFailures, target,
        };
        command.SetAction(parse =>
        {
            var pathValue = parse.GetValue(path) ?? ".";
            var root = ScanCommand.ResolveRepoRoot([pathValue], null);
            var source = SourceLoader.Load(pathValue, root, environment.Limits, parse.GetValue(config));
            var release = parse.GetValue(target) is { } t && TargetReleases.TryParse(t, out var r) ? r : (TargetRelease?)null;
            var model = ClusterBinder.Bind(source.Tree, release);
            var failures = parse.GetValue(maxFailures) ?? model.Config.Policy.MaxFailures;
            PostBindCollection.BeforeSimulation(source.Tree);
            var report = new SimulationReport(source.DisplayName, model, Simulator.Run(model, failures).Prepare(), environment.ToolVersion);

            var style = parse.GetValue(format);
            void Write(TextWriter writer)
            {
                switch (style)
                {
                    case "json": SimulationJsonReporter.Write(report, writer); break;
                    case "markdown": SimulationMarkdownReporter.Write(report, writer); break;
                    default: SimulationTextReporter.Write(report, writer); break;
                }
            }
            if (parse.GetValue(outputFile) is { } file) ScanCommand.WriteFile(file, Write);
            else
            {
                Write(output);
                output.Flush();
            }
            foreach (var note in source.Notes) error.WriteLine($"pvelint: warning: {note}");
            return ExitCodes.Clean;
        });
        return command;
    }
}
