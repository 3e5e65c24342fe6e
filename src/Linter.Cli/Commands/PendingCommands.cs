using System.CommandLine;

namespace PveLint.Cli.Commands;

/// <summary>
/// Commands of INTERFACE.md that this build does not carry out yet. They are registered so that help lists
/// them and scripts get a clear message and exit code 2 instead of "unknown command"; they never pretend.
/// </summary>
public static class PendingCommands
{
    public static IEnumerable<Command> Create()
    {
        yield return Pending("init", "Write a starter .pvelint.yaml from what the scan discovers (sites from CRUSH, nodes).");
    }

    private static Command Pending(string name, string description)
    {
        var path = new Argument<string[]>("PATH") { Arity = ArgumentArity.ZeroOrMore, Description = "A directory, archive or config.db (default: the current directory)." };
        var command = new Command(name, description + " Not implemented yet in this build: it exits with code 2.") { path };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(int (_) => throw new UsageException($"'{name}' is not implemented yet in this build; 'pvelint scan' lints the same PATH"));
        return command;
    }
}
