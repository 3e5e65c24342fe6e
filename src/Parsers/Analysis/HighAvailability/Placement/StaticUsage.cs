namespace PveLint.Analysis.HighAvailability.Placement;

/// <summary>
/// <c>PVE::HA::Usage::Static</c> with the Rust scheduler behind it (proxmox-resource-scheduling <c>pve_static.rs</c>,
/// <c>topsis.rs</c> 1.0.1, the version PVE 9.1 ships; reference §3.1 "static"). Each online node is scored as if
/// the service already ran there, over four criteria across all online nodes, each share being the node's load as a
/// fraction of its capacity: CPU "average" and memory "average" are 1 + the quadratic mean of the shares (the
/// nonlinear averaging of 0.2.0), "highest" is 1 + the largest share (the + 1 of 0.2.1 keeps tiny differences
/// from weighing much); weights 1, 2, 5, 10, all minimised; the score is the negated TOPSIS closeness. A service
/// CPU of 0 counts as the whole node. A service without load data is counted but adds no load, and scoring it
/// falls back to the service counts, as the Perl side does when the stats are missing.
/// </summary>
/// <remarks>
/// Upstream sums in Rust HashMap order, so scores that tie exactly in arithmetic can differ in the last bit and
/// break either way; here sums run in node and sid order, and exact ties go to the node name, as Perl's sort does.
/// </remarks>
internal sealed class StaticUsage : NodeUsage
{
    private static readonly double[] Weights = Normalised([1, 2, 5, 10]);

    private readonly int[] cpus;
    private readonly long[] memory;
    private readonly GuestLoad?[] loads;
    private readonly SortedSet<int>[] servicesOn;
    private readonly double[] cpuUsed;
    private readonly long[] memUsed;
    private readonly bool[] stale;

    public StaticUsage(bool[] online, int[] cpus, long[] memory, GuestLoad?[] loads) : base(online, loads.Length)
    {
        this.cpus = cpus;
        this.memory = memory;
        this.loads = loads;
        servicesOn = [.. Enumerable.Range(0, online.Length).Select(_ => new SortedSet<int>())];
        cpuUsed = new double[online.Length];
        memUsed = new long[online.Length];
        stale = new bool[online.Length];
    }

    protected override void AddTo(int node, int service)
    {
        servicesOn[node].Add(service);
        stale[node] = true;
    }

    protected override void RemoveFrom(int node, int service)
    {
        servicesOn[node].Remove(service);
        stale[node] = true;
    }

    /// <summary>Sums a node's load afresh (not incrementally) so that add-then-remove leaves no rounding residue.</summary>
    private void Refresh(int node)
    {
        if (!stale[node]) return;
        double cpu = 0;
        long mem = 0;
        foreach (var s in servicesOn[node])
        {
            if (loads[s] is not { } load) continue;
            cpu += load.MaxCpu == 0 ? cpus[node] : load.MaxCpu;
            mem += load.MaxMemoryBytes;
        }
        cpuUsed[node] = cpu;
        memUsed[node] = mem;
        stale[node] = false;
    }

    public override void Score(int service, double[] scores)
    {
        if (loads[service] is not { } load)
        {
            for (var n = 0; n < scores.Length; n++) scores[n] = Online[n] ? servicesOn[n].Count : double.NaN;
            return;
        }

        var nodes = Enumerable.Range(0, Online.Length).Where(n => Online[n]).ToArray();
        foreach (var n in nodes) Refresh(n);
        var matrix = new double[nodes.Length][];
        for (var t = 0; t < nodes.Length; t++)
        {
            double highestCpu = 0, squaresCpu = 0, highestMem = 0, squaresMem = 0;
            for (var i = 0; i < nodes.Length; i++)
            {
                var n = nodes[i];
                var cpu = cpuUsed[n];
                var mem = memUsed[n];
                if (i == t)
                {
                    cpu += load.MaxCpu == 0 ? cpus[n] : load.MaxCpu;
                    mem += load.MaxMemoryBytes;
                }
                var cpuShare = cpu / cpus[n];
                var memShare = (double)mem / memory[n];
                highestCpu = Math.Max(highestCpu, cpuShare);
                squaresCpu += cpuShare * cpuShare;
                highestMem = Math.Max(highestMem, memShare);
                squaresMem += memShare * memShare;
            }
            matrix[t] =
            [
                1 + Math.Sqrt(squaresCpu / nodes.Length), 1 + highestCpu,
                1 + Math.Sqrt(squaresMem / nodes.Length), 1 + highestMem,
            ];
        }

        var closeness = Topsis(matrix);
        Array.Fill(scores, double.NaN);
        for (var i = 0; i < nodes.Length; i++) scores[nodes[i]] = -closeness[i];
    }

    /// <summary>TOPSIS with every criterion minimised: closeness to the ideal worst, between 0 and 1.</summary>
    private static double[] Topsis(double[][] matrix)
    {
        var criteria = Weights.Length;
        for (var c = 0; c < criteria; c++)
        {
            var norm = Math.Sqrt(matrix.Sum(row => row[c] * row[c]));
            if (norm != 0)
                foreach (var row in matrix) row[c] /= norm;
        }
        var best = new double[criteria];
        var worst = new double[criteria];
        for (var c = 0; c < criteria; c++)
        {
            best[c] = matrix.Min(row => row[c]);
            worst[c] = matrix.Max(row => row[c]);
        }
        return [.. matrix.Select(row =>
        {
            double toBest = 0, toWorst = 0;
            for (var c = 0; c < criteria; c++)
            {
                var b = (row[c] - best[c]) * Weights[c];
                var w = (row[c] - worst[c]) * Weights[c];
                toBest += b * b;
                toWorst += w * w;
            }
            var divisor = Math.Sqrt(toWorst) + Math.Sqrt(toBest);
            return divisor == 0 ? 0 : Math.Sqrt(toWorst) / divisor;
        })];
    }

    private static double[] Normalised(double[] weights)
    {
        var sum = weights.Sum();
        return [.. weights.Select(w => w / sum)];
    }
}
