namespace PveLint.Cli.Sources;

/// <summary>
/// Input pvelint cannot use at all (a missing path, a damaged archive, a database without a tree table).
/// The message is one sentence naming the file; the CLI prints it and exits with code 2.
/// </summary>
public sealed class InputException(string message, Exception? inner = null) : Exception(message, inner);
