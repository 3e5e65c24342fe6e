using System.CommandLine;
using PveLint.Analysis.HighAvailability.Rules;
using PveLint.Binding;
using PveLint.Cli.Sources;

namespace PveLint.Cli.Commands;

/// <summary>
/// <c>pvelint migrate-groups [PATH]</c>: prints the rules.cfg the HA core writes when it migrates groups.cfg
/// (<see cref="GroupMigrationWriter"/>, byte for byte); <c>--resources</c> prints the resources.cfg instead, and
/// <c>--output-dir</c> writes both files. Refuses (exit 2) where the HA core would overwrite a hand-written rule
/// (PVE2013) or fail (a broken rules.cfg section).
/// </summary>
public static class MigrateGroupsCommand
{
    public static Command Create(CliEnvironment environment, TextWriter output, TextWriter error)
    {
        var path = ScanPathArgument.Create();
        var resources = new Option<bool>("--resources") { Description = "Print the new resources.cfg (every resource with 'failback', none with 'group') instead of rules.cfg." };
        var outputDir = new Option<string>("--output-dir") { Description = "Write rules.cfg and resources.cfg into DIR instead of printing.", HelpName = "DIR" };
        var command = new Command("migrate-groups",
            "Print the rules.cfg that replaces groups.cfg, exactly as the HA core writes it when it migrates the groups (and with --resources the resources.cfg). Exit codes: 0 done (or nothing to migrate), 2 usage error, unreadable input, or a migration the HA core would get wrong (PVE2013) or fail.")
        {
            path, resources, outputDir,
        };
        command.SetAction(parse =>
        {
            var root = Path.GetFullPath(parse.GetValue(path) ?? ".");
            var source = SourceLoader.Load(root, Directory.Exists(root) ? root : Path.GetDirectoryName(root)!, environment.Limits);
            var ha = ClusterBinder.Bind(source.Tree).Ha;
            if (ha.Groups.IsEmpty)
            {
                error.WriteLine("pvelint: groups.cfg defines no HA groups: nothing to migrate");
                return ExitCodes.Clean;
            }
            var result = GroupMigrationWriter.Write(ha);
            if (result.BrokenRules.FirstOrDefault() is { } broken)
                throw new InputException($"{broken.HeaderSpan.Path}:{broken.HeaderSpan.Line}: rule '{broken.Id.Value}' is broken (PVE0007/PVE0003), so the HA core cannot write rules.cfg and its group migration fails; fix the rule first");
            if (result.Collisions.FirstOrDefault() is { } collision)
                throw new InputException($"{collision.Overwrites!.Section.HeaderSpan.Path}:{collision.Overwrites.Section.HeaderSpan.Line}: rule '{collision.RuleId}' would be overwritten by the rule the HA core makes from group '{collision.Group.Id.Value}' (PVE2013); rename the rule first");

            if (parse.GetValue(outputDir) is { } dir)
            {
                Directory.CreateDirectory(dir);
                File.WriteAllText(Path.Combine(dir, "rules.cfg"), result.RulesCfg);
                if (result.ResourcesCfg is not null) File.WriteAllText(Path.Combine(dir, "resources.cfg"), result.ResourcesCfg);
                error.WriteLine($"pvelint: wrote {Path.Combine(dir, "rules.cfg")}{(result.ResourcesCfg is null ? "" : " and " + Path.Combine(dir, "resources.cfg"))}; delete groups.cfg after copying them into /etc/pve/ha/");
            }
            else if (parse.GetValue(resources))
            {
                if (result.ResourcesCfg is null) error.WriteLine("pvelint: there are no HA resources: the migration leaves resources.cfg alone");
                else output.Write(result.ResourcesCfg);
            }
            else
            {
                output.Write(result.RulesCfg);
            }
            return ExitCodes.Clean;
        });
        return command;
    }
}
