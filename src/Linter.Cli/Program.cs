using PveLint.Cli.Commands;

using var interruption = new Interruption();
var exit = PveLint.Cli.Cli.Run(args, Console.Out, Console.Error, CliEnvironment.Default.ForConsole() with { Cancellation = interruption.Token });
return exit == ExitCodes.Interrupted ? interruption.ExitCode : exit;
