namespace PveLint.Cli.Commands;

/// <summary>A command line that cannot be carried out (conflicting options, a missing baseline file): exit code 2.</summary>
public sealed class UsageException(string message, Exception? inner = null) : Exception(message, inner);
