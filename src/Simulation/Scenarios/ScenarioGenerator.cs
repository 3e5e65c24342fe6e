using System.Collections.Immutable;
using PveLint.Model;

namespace PveLint.Simulation.Scenarios;

/// <summary>
/// Enumerates the failures to simulate (issue: every single node, every site, every partition of the sites with the
/// QDevice on each side where its place is unknown, the QDevice host alone, and every combination of node, site and
/// QDevice losses up to <c>maxFailures</c>). Splitting the sites into k groups counts as k-1 failures (one per cut
/// link). The order and ids are deterministic.
/// </summary>
public static class ScenarioGenerator
{
    /// <summary>Above this many site blocks only "one site cut off from the rest" netsplits are generated (Bell numbers grow fast).</summary>
    public const int MaxBlocksForAllPartitions = 6;

    /// <summary>The name of the block that holds the nodes no site places, in netsplits.</summary>
    public const string UnplacedBlock = "(nodes in no site)";

    /// <summary>At most this many loss combinations are simulated; beyond it fewer simultaneous failures are (with a note).</summary>
    public const long MaxCombinations = 10_000;

    /// <summary>
    /// The largest k ≤ <paramref name="maxFailures"/> whose combinations of losses (each node, site and the QDevice
    /// host) stay within <see cref="MaxCombinations"/>; 0 when even single failures would not. A real cluster (a few
    /// dozen nodes) gets what it asked for; a damaged or hostile input listing thousands of nodes cannot make the
    /// simulation enumerate billions of pairs.
    /// </summary>
    public static int AffordableFailures(ClusterModel model, int maxFailures, out int losses)
    {
        losses = LossElements(model, QDeviceLocation.Of(model)).Count;
        double total = 0, combinations = 1;
        for (var k = 1; k <= maxFailures; k++)
        {
            combinations = combinations * (losses - k + 1) / k;
            total += Math.Max(combinations, 0);
            if (total > MaxCombinations) return k - 1;
        }
        return maxFailures;
    }

    public static ImmutableArray<FailureScenario> Generate(ClusterModel model, int maxFailures)
    {
        if (maxFailures < 1) return [];
        var nodes = model.Nodes.Select(n => n.Name).ToImmutableArray();
        var qdevice = QDeviceLocation.Of(model);
        var elements = LossElements(model, qdevice);
        var scenarios = new List<FailureScenario>();

        foreach (var element in elements)
            scenarios.Add(Loss([element], nodes, qdevice));
        scenarios.AddRange(Netsplits(model, nodes, qdevice, withQDeviceLost: false, maxFailures));

        // Losing a site that holds only a Ceph monitor takes no node: keep it apart in the effect key.
        var monitorOnly = elements.Where(e => e.Site is not null && e.Nodes.IsEmpty && !e.TakesQDevice).Select(e => e.Site!).ToHashSet(StringComparer.Ordinal);
        string Key(FailureScenario s) => EffectKey(s) + string.Concat(s.FailedSites.Where(monitorOnly.Contains).Select(site => "|site:" + site));
        var seen = scenarios.Where(s => s.Kind != ScenarioKind.Netsplit).Select(Key).ToHashSet(StringComparer.Ordinal);
        for (var size = 2; size <= maxFailures; size++)
            foreach (var combination in Combinations(elements, size))
            {
                if (Overlaps(combination)) continue;
                var scenario = Loss(combination, nodes, qdevice);
                if (scenario.Partitions.All(p => p.Nodes.IsEmpty) && combination.Count > 1 && seen.Contains(AllDownKey)) continue;
                if (seen.Add(Key(scenario))) scenarios.Add(scenario);
            }
        if (maxFailures >= 2 && qdevice is not null)
            scenarios.AddRange(Netsplits(model, nodes, qdevice, withQDeviceLost: true, maxFailures));
        return scenarios.ToImmutableArray();
    }

    private const string AllDownKey = "all-down";

    /// <summary>One independent loss: a node, a site (its nodes, and the QDevice if it is there), or the QDevice host.</summary>
    private sealed record LossElement(string Id, string Title, ImmutableArray<string> Nodes, string? Site, bool TakesQDevice)
    {
        /// <summary>A site that lists a node twice (a hand-written .pvelint.yaml): it overlaps any loss it is combined with.</summary>
        public bool RepeatsANode { get; } = Nodes.Distinct(StringComparer.Ordinal).Count() != Nodes.Length;
    }

    private static List<LossElement> LossElements(ClusterModel model, QDeviceLocation? qdevice)
    {
        var elements = new List<LossElement>();
        var monitorSites = Ceph.CephHome.MonitorSites(model);
        foreach (var node in model.Nodes)
            elements.Add(new LossElement($"node:{node.Name}", $"node {node.Name} lost", [node.Name], null, qdevice?.Node == node.Name));
        foreach (var site in model.Sites)
        {
            var takesQDevice = qdevice is not null && (qdevice.Site == site.Name || (qdevice.Node is { } n && site.Nodes.Contains(n)));
            // A witness with neither nodes nor the QDevice matters only when a Ceph monitor (the tiebreaker) runs there.
            if (site.Nodes.IsEmpty && !takesQDevice && !monitorSites.Contains(site.Name)) continue;
            elements.Add(new LossElement($"site:{site.Name}", $"site {site.Name} lost", site.Nodes, site.Name, takesQDevice));
        }
        // The QDevice host alone, unless it is all there is of its site (then "site lost" is the same failure).
        if (qdevice is not null && qdevice.Node is null && !(qdevice.Site is { } qs && model.SiteNamed(qs) is { Nodes.IsEmpty: true }))
            elements.Add(new LossElement("qdevice", $"{qdevice.Describe()} lost", [], null, true));
        return elements;
    }

    private static FailureScenario Loss(IReadOnlyList<LossElement> elements, ImmutableArray<string> nodes, QDeviceLocation? qdevice)
    {
        // By position in the node list, in loops: thousands of combinations are made (names no node has fail nothing).
        var down = new bool[nodes.Length];
        var downCount = 0;
        var qdeviceLost = false;
        foreach (var element in elements)
        {
            qdeviceLost |= element.TakesQDevice;
            foreach (var name in element.Nodes)
                if (nodes.IndexOf(name, StringComparer.Ordinal) is var at and >= 0 && !down[at])
                {
                    down[at] = true;
                    downCount++;
                }
        }
        var survivors = ImmutableArray.CreateBuilder<string>(nodes.Length - downCount);
        var failedNodes = ImmutableArray.CreateBuilder<string>(downCount);
        for (var i = 0; i < nodes.Length; i++) (down[i] ? failedNodes : survivors).Add(nodes[i]);
        var kind = elements.Count > 1 ? ScenarioKind.Combination
            : elements[0].Id.StartsWith("node:", StringComparison.Ordinal) ? ScenarioKind.NodeLoss
            : elements[0].Site is not null ? ScenarioKind.SiteLoss
            : ScenarioKind.QDeviceLoss;
        var title = elements.All(e => e.Id.StartsWith("node:", StringComparison.Ordinal)) && elements.Count > 1
            ? $"nodes {string.Join("+", elements.SelectMany(e => e.Nodes))} lost"
            : string.Join(" and ", elements.Select(e => e.Title));
        return new FailureScenario(
            string.Join("&", elements.Select(e => e.Id)), title, kind, elements.Count,
            failedNodes.MoveToImmutable(),
            elements.Where(e => e.Site is not null).Select(e => e.Site!).ToImmutableArray(),
            qdeviceLost,
            [new NetworkPartition(survivors.MoveToImmutable(), [], qdevice is not null && !qdeviceLost)]);
    }

    /// <summary>A key for what a loss does (which nodes are down, whether the QDevice is), to drop equivalent combinations.</summary>
    private static string EffectKey(FailureScenario s) =>
        s.Partitions.All(p => p.Nodes.IsEmpty) ? AllDownKey : string.Join(",", s.FailedNodes) + (s.QDeviceLost ? "|q" : "");

    /// <summary>Whether two losses of the combination take the same node or both the QDevice (pairwise loops: a combination has a few).</summary>
    private static bool Overlaps(IReadOnlyList<LossElement> combination)
    {
        for (var i = 0; i < combination.Count; i++)
        {
            if (combination[i].RepeatsANode) return true;
            for (var j = i + 1; j < combination.Count; j++)
            {
                var (a, b) = (combination[i], combination[j]);
                if (a.TakesQDevice && b.TakesQDevice) return true;
                foreach (var node in a.Nodes)
                    if (b.Nodes.Contains(node, StringComparer.Ordinal)) return true;
            }
        }
        return false;
    }

    private static IEnumerable<List<LossElement>> Combinations(List<LossElement> elements, int size)
    {
        var index = Enumerable.Range(0, size).ToArray();
        if (size > elements.Count) yield break;
        while (true)
        {
            yield return index.Select(i => elements[i]).ToList();
            var k = size - 1;
            while (k >= 0 && index[k] == elements.Count - size + k) k--;
            if (k < 0) yield break;
            index[k]++;
            for (var j = k + 1; j < size; j++) index[j] = index[j - 1] + 1;
        }
    }

    /// <summary>A group of nodes that fails or is cut off together in a netsplit: a site, or the nodes no site places.</summary>
    private sealed record Block(string Name, ImmutableArray<string> Nodes, bool HoldsQDevice);

    private static IEnumerable<FailureScenario> Netsplits(ClusterModel model, ImmutableArray<string> nodes, QDeviceLocation? qdevice, bool withQDeviceLost, int maxFailures)
    {
        if (model.Sites.IsEmpty) yield break;
        var blocks = new List<Block>();
        foreach (var site in model.Sites)
        {
            var holds = qdevice is not null && (qdevice.Site == site.Name || (qdevice.Node is { } n && site.Nodes.Contains(n)));
            if (site.Nodes.IsEmpty && !holds) continue;
            blocks.Add(new Block(site.Name, site.Nodes.Where(nodes.Contains).ToImmutableArray(), holds));
        }
        var placed = blocks.SelectMany(b => b.Nodes).ToHashSet(StringComparer.Ordinal);
        var unplaced = nodes.Where(n => !placed.Contains(n)).ToImmutableArray();
        if (!unplaced.IsEmpty)
            blocks.Add(new Block(UnplacedBlock, unplaced, qdevice?.Node is { } qn && unplaced.Contains(qn)));
        if (blocks.Count < 2) yield break;

        var qdeviceSomewhere = blocks.Any(b => b.HoldsQDevice);
        foreach (var grouping in Groupings(blocks.Count))
        {
            // Cutting the sites into k groups takes k-1 link failures (and losing the QDevice one more).
            var failures = grouping.Count - 1 + (withQDeviceLost ? 1 : 0);
            if (failures > maxFailures) continue;
            var groups = grouping.Select(g => g.Select(i => blocks[i]).ToList()).ToList();
            // Where the QDevice's place is unknown, try it on each side: the verdict may differ.
            var qdeviceSides = qdevice is null || withQDeviceLost ? [-1]
                : qdeviceSomewhere ? [groups.FindIndex(g => g.Any(b => b.HoldsQDevice))]
                : Enumerable.Range(0, groups.Count).ToArray();
            foreach (var side in qdeviceSides)
            {
                var partitions = groups.Select((g, i) => new NetworkPartition(
                    g.SelectMany(b => b.Nodes).ToImmutableArray(),
                    g.Select(b => b.Name).ToImmutableArray(),
                    qdevice is not null && !withQDeviceLost && i == side)).ToImmutableArray();
                var sides = string.Join(" | ", groups.Select(g => string.Join(" + ", g.Select(b => b.Name))));
                var id = "split:" + string.Join("|", groups.Select(g => string.Join("+", g.Select(b => b.Name))))
                         + (qdeviceSomewhere || qdevice is null || withQDeviceLost ? "" : $"@q{side}") + (withQDeviceLost ? "&qdevice" : "");
                var title = $"netsplit {sides}" + (withQDeviceLost ? $" and {qdevice!.Describe()} lost" : "");
                var assumptions = qdevice is not null && !qdeviceSomewhere && !withQDeviceLost
                    ? ImmutableArray.Create($"{qdevice.Describe()} is in no known site (give its site addresses: in .pvelint.yaml); assumed reachable from {partitions[side].Describe()}")
                    : [];
                yield return new FailureScenario(id, title, failures > 1 ? ScenarioKind.Combination : ScenarioKind.Netsplit,
                    failures, [], [], withQDeviceLost, partitions) { Assumptions = assumptions };
            }
        }
    }

    /// <summary>
    /// Every way to split blocks 0..n-1 into two or more groups (set partitions, as restricted growth strings), or,
    /// above <see cref="MaxBlocksForAllPartitions"/>, each block cut off from the others.
    /// </summary>
    public static IEnumerable<List<List<int>>> Groupings(int n)
    {
        if (n > MaxBlocksForAllPartitions)
        {
            for (var i = 0; i < n; i++)
                yield return [[i], Enumerable.Range(0, n).Where(j => j != i).ToList()];
            yield break;
        }
        var labels = new int[n];
        while (true)
        {
            var count = labels.Max() + 1;
            if (count > 1)
                yield return Enumerable.Range(0, count).Select(g => Enumerable.Range(0, n).Where(i => labels[i] == g).ToList()).ToList();
            // next restricted growth string: labels[i] <= 1 + max(labels[0..i-1])
            var k = n - 1;
            while (k > 0 && labels[k] > labels.Take(k).Max()) k--;
            if (k == 0) yield break;
            labels[k]++;
            for (var j = k + 1; j < n; j++) labels[j] = 0;
        }
    }
}
