using System.Text;
using PveLint.Cli.Commands;

using var interruption = new Interruption();
// Buffered: Console.Out flushes every write, one system call per line of a report (15 000 for the goal cluster).
// Cli.Run flushes it and reports a write error; what an error path left in it is written on the way out.
var output = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16);
var exit = PveLint.Cli.Cli.Run(args, output, Console.Error, CliEnvironment.Default.ForConsole() with { Cancellation = interruption.Token });
try { output.Dispose(); } catch (IOException) { } // already reported by Cli.Run
return exit == ExitCodes.Interrupted ? interruption.ExitCode : exit;
