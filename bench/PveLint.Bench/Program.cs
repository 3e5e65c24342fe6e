using BenchmarkDotNet.Running;
using PveLint.Bench;

// `dotnet run -c Release --project bench/PveLint.Bench -- --filter '*'` runs every benchmark;
// `-- --generate DIR NODES GUESTS-PER-NODE` writes a generated cluster to disk (e.g. to time the CLI end to end);
// `-- --generate DIR` writes the goal cluster (64 nodes in 3 sites, 10 000 guests, 2 000 rules, 512 OSDs, a witness).
if (args is ["--generate", var dir, ..] && args.Length is 2 or 4)
{
    var tree = args.Length == 2 ? ClusterGenerator.Generate(ClusterShape.Goal) : ClusterGenerator.Generate(int.Parse(args[2]), int.Parse(args[3]));
    foreach (var file in tree.Files)
    {
        var path = Path.Combine(dir, file.Path);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, file.Text);
    }
    return 0;
}
// `-- --quick [NODES GUESTS RULES OSDS-PER-NODE]` times the goal cluster (or that shape with a witness)'s steps once each (a rough look before a BenchmarkDotNet run).
if (args is ["--quick", ..])
{
    QuickTiming.Run(Console.Out, args.Length == 5
        ? new ClusterShape(int.Parse(args[1]), int.Parse(args[2]), int.Parse(args[3]), int.Parse(args[4]), Witness: true)
        : ClusterShape.Goal);
    return 0;
}
// `-- --alloc` samples which types the goal cluster's steps allocate (where issue 14's allocation goes).
if (args is ["--alloc"])
{
    AllocationProfile.Run(Console.Out, ClusterShape.Goal);
    return 0;
}
// `-- --cli-alloc ARGS...` runs `pvelint ARGS` in-process three times and prints what each run allocated (issue 14).
if (args is ["--cli-alloc", .. var cliArgs])
{
    CliAllocation.Run(Console.Out, cliArgs);
    return 0;
}
BenchmarkSwitcher.FromAssembly(typeof(PipelineBenchmarks).Assembly).Run(args);
return 0;
