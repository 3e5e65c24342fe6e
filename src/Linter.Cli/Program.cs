return PveLint.Cli.Cli.Run(args, Console.Out, Console.Error);
