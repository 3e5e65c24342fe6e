using System.CommandLine;
using System.CommandLine.Help;
using PveLint.Cli.Commands;
using PveLint.Cli.Sources;

namespace PveLint.Cli;

/// <summary>
/// The pvelint command line, callable in-process: <see cref="Run(string[], TextWriter, TextWriter)"/> parses the
/// arguments, runs the command and returns the exit code (0 clean, 1 findings at or above --fail-on, 2 usage
/// error or unreadable input). Nothing escapes as an exception: every failure is one line on the error writer.
/// </summary>
public static class Cli
{
    public static int Run(string[] args, TextWriter output, TextWriter error) => Run(args, output, error, CliEnvironment.Default);

    public static int Run(string[] args, TextWriter output, TextWriter error, CliEnvironment environment)
    {
        output = new GuardedWriter(output, "standard output", dropFailures: false);
        error = new GuardedWriter(error, "standard error", dropFailures: true);
        try
        {
            var root = new RootCommand("pvelint: lint and failure-simulate Proxmox VE 9 cluster configurations: a copy of /etc/pve, a tar archive of it, or a pmxcfs config.db.")
            {
                ScanCommand.Create(environment, output, error),
                SimulateCommand.Create(environment, output, error),
                RulesCommand.Create(environment, output),
                ExplainCommand.Create(output),
                MigrateGroupsCommand.Create(environment, output, error),
                InitCommand.Create(environment, output, error),
            };

            var parse = root.Parse(args);
            if (parse.Errors.Count > 0 && parse.Action is not HelpAction)
            {
                foreach (var problem in parse.Errors) error.WriteLine($"pvelint: error: {OneLine(problem.Message)}");
                var command = parse.CommandResult.Command;
                error.WriteLine($"Run 'pvelint{(command == root ? "" : " " + command.Name)} --help' for usage.");
                return ExitCodes.Error;
            }
            var exit = parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
            output.Flush(); // standard output is buffered (Program.cs): a write error shows here, as a clear error
            return exit;
        }
        catch (Exception e) when (e is UsageException or InputException or OutputWriteException)
        {
            error.WriteLine($"pvelint: error: {OneLine(e.Message)}");
            return ExitCodes.Error;
        }
        catch (OperationCanceledException) when (environment.Cancellation.IsCancellationRequested)
        {
            error.WriteLine("pvelint: interrupted");
            return ExitCodes.Interrupted;
        }
        catch (Exception e)
        {
            error.WriteLine($"pvelint: internal error ({e.GetType().Name}): {OneLine(e.Message)}");
            return ExitCodes.Error;
        }
    }

    /// <summary>Messages (System.CommandLine's "Must be one of:" lists, exception texts) folded onto one line; names in them made printable.</summary>
    private static string OneLine(string text) =>
        Text.PrintableText.Escape(string.Join(' ', text.ReplaceLineEndings("\n").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)));
}
