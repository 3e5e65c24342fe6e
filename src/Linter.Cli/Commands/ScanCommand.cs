using PveLint.Text;
using PveLint.Sources;
using System.Collections.Immutable;
using System.CommandLine;
using System.Text;
using PveLint.Cli.Reporting;
using PveLint.Cli.Scanning;
using PveLint.Cli.Sources;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;

namespace PveLint.Cli.Commands;

/// <summary><c>pvelint scan [PATH...]</c>: lint one cluster per PATH and write the requested reports.</summary>
public static class ScanCommand
{
    private static readonly string[] FailLevels = ["error", "warning", "info", "none"];
    private static readonly string[] Targets = ["pve-9.0", "pve-9.1", "pve-9.2"];

    public static Command Create(CliEnvironment environment, TextWriter output, TextWriter error)
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = "A directory (a scan root holding etc/pve/, or a copy of /etc/pve itself), a .tar/.tar.gz/.tgz archive of /etc/pve, or a pmxcfs config.db. One cluster per PATH. Default: the current directory.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        paths.Validators.Add(UnknownOptions.AreNotPaths);
        var format = new Option<string[]>("--format", "-f")
        {
            Description = "Output format: text (compiler-style lines), sarif (SARIF 2.1.0 for code scanning), json, github (workflow annotations) or markdown (job summary). Repeatable; each --output belongs to the --format written before it, and at most one format goes to standard output. Default: text.",
            HelpName = "text|sarif|json|github|markdown",
        };
        format.AcceptOnlyFromAmong(ReportFormats.Names);
        var outputFile = new Option<string[]>("--output", "-o")
        {
            Description = "Write the preceding --format to FILE instead of standard output (repeatable, one per --format).",
            HelpName = "FILE",
        };
        var config = new Option<string>("--config")
        {
            Description = "The linter configuration to use. Default: .pvelint.yaml at the scan root or above it (up to the repository root), or beside an archive or config.db.",
            HelpName = "FILE",
        };
        var failOn = new Option<string>("--fail-on")
        {
            Description = "Exit with code 1 when a finding is at or above this severity: error, warning, info, or none (never fail on findings).",
            HelpName = "error|warning|info|none",
            DefaultValueFactory = _ => "error",
        };
        failOn.AcceptOnlyFromAmong(FailLevels);
        var baseline = new Option<string>("--baseline")
        {
            Description = "Accept the findings recorded in this baseline file (written by --write-baseline); entries that match nothing are reported as PVE9001. Needs a single PATH.",
            HelpName = "FILE",
        };
        var writeBaseline = new Option<string>("--write-baseline")
        {
            Description = "Record every current finding in FILE (keyed on content, not line numbers) and report against it. Needs a single PATH.",
            HelpName = "FILE",
        };
        var noSimulate = new Option<bool>("--no-simulate")
        {
            Description = "Skip the failure simulation: the resilience rules (PVE6xxx) do not run.",
        };
        var maxFailures = new Option<int?>("--max-failures")
        {
            Description = "Simulate combinations of up to N simultaneous failures (overrides policy.max-failures of .pvelint.yaml, default 2; at most 4).",
            HelpName = "N",
        };
        maxFailures.Validators.Add(result =>
        {
            // Read the token itself: a value that is not a number is already reported by the parser.
            if (result.Tokens is [{ } token] && int.TryParse(token.Value, out var n) && n is < 1 or > 4) result.AddError("--max-failures must be between 1 and 4.");
        });
        var target = new Option<string>("--target")
        {
            Description = "The Proxmox VE release the cluster runs, which decides the keys and behaviours checked: pve-9.0, pve-9.1 or pve-9.2. Overrides target: of .pvelint.yaml. Default: pve-9.1.",
            HelpName = "pve-9.0|pve-9.1|pve-9.2",
        };
        target.AcceptOnlyFromAmong(Targets);
        var select = RuleSelectionOptions.Create("--select", "Report only these rules: ids (PVE2003), names (negative-affinity-exceeds-nodes) or id prefixes (PVE2 = every HA rule). Repeatable and comma-separated; replaces select: of .pvelint.yaml.");
        var ignore = RuleSelectionOptions.Create("--ignore", "Never report these rules (ids, names or id prefixes; repeatable, comma-separated). Wins over --select and adds to ignore: of .pvelint.yaml.");
        var color = new Option<string>("--color")
        {
            Description = "Colour the text format: auto (only on a terminal, and not when NO_COLOR is set), always, or never.",
            HelpName = "auto|always|never",
            DefaultValueFactory = _ => "auto",
        };
        color.AcceptOnlyFromAmong("auto", "always", "never");
        var snippets = new Option<bool>("--snippets") { Description = "Show the offending source line with a caret under the span below each finding of the text format (default on a terminal)." };
        var noSnippets = new Option<bool>("--no-snippets") { Description = "Never show source lines in the text format, even on a terminal." };
        var repoRoot = new Option<string>("--repo-root")
        {
            Description = "Paths in reports (and SARIF URIs) are relative to DIR. Default: the git top-level of PATH, else PATH itself (the directory of an archive or config.db).",
            HelpName = "DIR",
        };

        var sarifCategory = new Option<string>("--sarif-category")
        {
            Description = "The category of the SARIF run (automationDetails.id), which GitHub code scanning uses to keep the results of several scans apart. Default: pvelint/<scanned paths>/.",
            HelpName = "CATEGORY",
        };
        sarifCategory.Validators.Add(result =>
        {
            if (result.Tokens is [{ } token] && token.Value.Trim().Trim('/').Length == 0) result.AddError("--sarif-category needs a name, such as pve-prod.");
        });

        var command = new Command("scan", "Lint the Proxmox VE configuration of one cluster per PATH. Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage error or unreadable input.")
        {
            paths, format, outputFile, config, failOn, baseline, writeBaseline, noSimulate, maxFailures, target, repoRoot, select, ignore, color, snippets, noSnippets, sarifCategory,
        };

        command.SetAction(parse =>
        {
            var pathValues = parse.GetValue(paths) is { Length: > 0 } given ? given : ["."];
            var outputs = OutputPlan.From(parse, format, outputFile);
            if (parse.GetValue(snippets) && parse.GetValue(noSnippets)) throw new UsageException("--snippets and --no-snippets contradict each other; give one of them");
            bool? snippetChoice = parse.GetValue(snippets) ? true : parse.GetValue(noSnippets) ? false : null;
            var baselineFile = parse.GetValue(baseline);
            var writeBaselineFile = parse.GetValue(writeBaseline);
            if (pathValues.Length > 1 && (baselineFile is not null || writeBaselineFile is not null))
                throw new UsageException("--baseline and --write-baseline work on a single PATH (a baseline holds the findings of one cluster)");

            var root = ResolveRepoRoot(pathValues, parse.GetValue(repoRoot));
            var inputs = new InputFiles();
            var baselineInput = new InputFiles();
            var settings = new ScanSettings(
                parse.GetValue(config),
                parse.GetValue(target) is { } t && TargetReleases.TryParse(t, out var release) ? release : null,
                baselineFile is null ? null : ReadBaseline(baselineFile, root, environment.Limits, baselineInput),
                environment.Limits,
                parse.GetValue(noSimulate) ? environment.Rules.Where(r => r.Metadata.Category != RuleCategory.Resilience).ToImmutableArray() : environment.Rules)
            {
                Cancellation = environment.Cancellation,
                MaxFailures = parse.GetValue(maxFailures),
                Selection = new RuleSelection(RuleSelectionOptions.Values(parse, select), RuleSelectionOptions.Values(parse, ignore)),
            };

            var clusters = ImmutableArray.CreateBuilder<ClusterScan>();
            string? freshBaseline = null;
            foreach (var path in pathValues)
            {
                var scan = ScanRunner.Scan(path, root, settings);
                inputs.AddAll(scan.Source.Inputs);
                if (writeBaselineFile is not null) (scan, freshBaseline) = RebaseOnFreshBaseline(scan, settings);
                foreach (var note in scan.Source.Notes) error.WriteLine($"pvelint: warning: {note}");
                clusters.Add(scan);
            }

            // Nothing is written before every output is known not to replace an input.
            RefuseOverwritingInputs(inputs, "--write-baseline", [writeBaselineFile]);
            inputs.AddAll(baselineInput);
            RefuseOverwritingInputs(inputs, "--output", outputs.Select(o => o.File));
            if (writeBaselineFile is not null) WriteFile(writeBaselineFile, freshBaseline!);

            var failLevel = parse.GetValue(failOn) switch
            {
                "warning" => Severity.Warning,
                "info" => Severity.Info,
                "none" => (Severity?)null,
                _ => Severity.Error,
            };
            var report = new ScanReport(clusters.ToImmutable(), root, environment.Rules.Select(r => r.Metadata).ToImmutableArray(), failLevel, environment.ToolVersion)
            {
                SarifCategory = parse.GetValue(sarifCategory),
            };
            foreach (var destination in outputs)
            {
                // Only standard output can be the terminal: a file gets colour or snippets only when asked for.
                var style = TextStyle.Resolve(parse.GetValue(color)!, snippetChoice, destination.File is null && environment.OutputIsTerminal, environment.NoColor);
                Write(report, destination, output, style);
            }
            return report.Failed ? ExitCodes.Findings : ExitCodes.Clean;
        });
        return command;
    }

    /// <summary>The baseline named by --baseline: a regular file within the total byte budget (see <see cref="ExplicitFile"/>).</summary>
    private static Baseline ReadBaseline(string file, string repoRoot, SourceLimits limits, InputFiles inputs)
    {
        byte[] bytes;
        try
        {
            bytes = ExplicitFile.Read(file, repoRoot, file, "baseline", limits.MaxTotalBytes, inputs);
        }
        catch (InputException e)
        {
            throw new UsageException(e.Message, e);
        }
        var decoded = TextDecoding.Decode(bytes);
        if (!decoded.Ok) throw new UsageException($"{file}: the baseline {decoded.Problem}");
        try
        {
            return Baseline.Parse(decoded.Text!, Path.GetRelativePath(repoRoot, Path.GetFullPath(file)).Replace('\\', '/'));
        }
        catch (FormatException e)
        {
            throw new UsageException($"{file}: {e.Message}", e);
        }
    }

    /// <summary>
    /// An output (or the new baseline) that resolves to a file the scan read, following links and hard links,
    /// would destroy the input: refused before anything is written. (Rewriting the file given with --baseline
    /// through --write-baseline is how a baseline is refreshed, so the caller leaves that one out.)
    /// </summary>
    private static void RefuseOverwritingInputs(InputFiles inputs, string option, IEnumerable<string?> files)
    {
        foreach (var file in files)
            if (file is not null && inputs.WouldOverwrite(file))
                throw new UsageException($"{option} {file}: this is (or links to) a file the scan read; pvelint never overwrites its input, so choose another file");
    }

    /// <summary>Records every finding (ignoring any --baseline) and reports against the fresh baseline, returned serialized.</summary>
    private static (ClusterScan Scan, string Baseline) RebaseOnFreshBaseline(ClusterScan scan, ScanSettings settings)
    {
        var all = ScanRunner.Lint(scan.Model, null, settings);
        var fresh = Baseline.FromFindings(all.Findings, scan.Model);
        return (scan with { Result = ScanRunner.Lint(scan.Model, fresh, settings) }, fresh.Serialize());
    }

    private static void Write(ScanReport report, OutputTarget target, TextWriter stdout, TextStyle style)
    {
        var reporter = ReportFormats.Reporter(target.Format, style);
        if (target.File is null)
        {
            reporter.Write(report, stdout);
            stdout.Flush();
            return;
        }
        WriteFile(target.File, writer => reporter.Write(report, writer));
    }

    internal static void WriteFile(string file, string text) => WriteFile(file, writer => writer.Write(text));

    /// <summary>
    /// Writes a file (UTF-8 without a BOM, "\n" line breaks) as <paramref name="write"/> produces it, not from a string
    /// built first: a large cluster's JSON report runs to hundreds of MB.
    /// </summary>
    internal static void WriteFile(string file, Action<TextWriter> write)
    {
        try
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(file));
            if (directory is not null) Directory.CreateDirectory(directory);
            using var writer = new StreamWriter(file, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { NewLine = "\n" };
            write(writer);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{file}: cannot write the output ({e.Message.TrimEnd('.')})", e);
        }
    }

    /// <summary>
    /// --repo-root, else the git top-level of the first PATH (when every PATH lies below it), else the common
    /// directory of the PATHs (a directory PATH itself, the folder of an archive or config.db).
    /// </summary>
    internal static string ResolveRepoRoot(IReadOnlyList<string> paths, string? option)
    {
        if (option is not null)
        {
            var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(option));
            if (!Directory.Exists(full)) throw new UsageException($"--repo-root {option}: no such directory");
            return full;
        }
        var fullPaths = paths.Select(Path.GetFullPath).ToList();
        var git = RepoPaths.GitTopLevel(fullPaths[0]);
        if (git is not null && fullPaths.All(p => PathContainment.IsUnder(git, p))) return Path.TrimEndingDirectorySeparator(git);
        var common = Path.TrimEndingDirectorySeparator(RepoPaths.DirectoryOf(fullPaths[0]));
        foreach (var p in fullPaths.Skip(1))
            while (!PathContainment.IsUnder(common, p) && Path.GetDirectoryName(common) is { } parent) common = parent;
        return common;
    }
}
