using PveLint.Fuzz;
using PveLint.Fuzz.Targets;
using SharpFuzz;

// PveLint.Fuzz list                      the targets, one "name<TAB>description" per line (run.sh reads it)
// PveLint.Fuzz afl TARGET                under afl-fuzz: SharpFuzz's out-of-process fork server (survives hangs and
//                                        stack overflows); outside afl-fuzz it runs the input on stdin once
// PveLint.Fuzz replay TARGET PATH...     runs files (or every file of a folder) once each, reports crashes and hangs
//              [--timeout-ms N]          per-input limit, default 10000
// PveLint.Fuzz write-binary-seeds DIR    (re)writes the tar and config.db seeds below DIR (fuzz/seeds)
return args switch
{
    ["list"] => List(),
    ["afl", var name] => WithTarget(name, target =>
    {
        Fuzzer.OutOfProcess.Run(stream => target.Run(FuzzInput.ReadAll(stream)));
        return 0;
    }),
    ["replay", var name, .. var rest] when rest.Length > 0 => WithTarget(name, target => Replay.Run(target, rest)),
    ["write-binary-seeds", var directory] => BinarySeeds.Write(directory),
    _ => Usage(),
};

static int List()
{
    foreach (var target in TargetCatalog.All) Console.WriteLine($"{target.Name}\t{target.Description}");
    return 0;
}

static int WithTarget(string name, Func<FuzzTarget, int> run)
{
    if (TargetCatalog.Find(name) is { } target) return run(target);
    Console.Error.WriteLine($"unknown target '{name}'; 'list' shows them");
    return 2;
}

static int Usage()
{
    Console.Error.WriteLine("usage: PveLint.Fuzz list | afl TARGET | replay TARGET PATH... [--timeout-ms N] | write-binary-seeds DIR");
    return 2;
}
