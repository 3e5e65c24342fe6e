using System.CommandLine.Parsing;

namespace PveLint.Cli.Commands;

/// <summary>
/// A PATH that starts with '-' and names nothing on disk is a mistyped or unsupported option (<c>--selct</c>), not a
/// file: say so as a usage error (exit 2) instead of "no such file or directory". A real file named like an option
/// still scans (or pass it as <c>./-name</c>).
/// </summary>
internal static class UnknownOptions
{
    public static void AreNotPaths(ArgumentResult result)
    {
        foreach (var token in result.Tokens)
        {
            var value = token.Value;
            if (value.Length > 1 && value[0] == '-' && !File.Exists(value) && !Directory.Exists(value))
                result.AddError($"unknown option '{value}'; see 'pvelint {CommandName(result)} --help'");
        }
    }

    private static string CommandName(ArgumentResult result) => result.Parent is CommandResult command ? command.Command.Name : "scan";
}
