namespace PveLint.Parsers.Tests.Analysis.Quorum;

/// <summary>
/// corosync-netns.sh's step language replayed as memberships: after each step, the running nodes grouped by who can
/// reach whom, and whether each group reaches qnetd. Drop rules accumulate as in the harness (two partitions without
/// a heal in between intersect); <c>heal</c> clears the node-to-node rules, <c>qnetd-heal</c> the node-to-qnetd ones.
/// A group where only some nodes reach qnetd, and the one-way or link-level steps, are outside what
/// <see cref="PveLint.Analysis.Quorum.Partition"/> expresses, so they are refused rather than approximated.
/// </summary>
internal static class HarnessReplay
{
    public sealed record Group(int[] Nodes, bool ReachesQnetd);

    public static IReadOnlyList<IReadOnlyList<Group>> Of(IReadOnlyList<string> steps, IEnumerable<int> configured)
    {
        var all = configured.Order().ToArray();
        var running = all.ToHashSet();
        var label = all.ToDictionary(id => id, _ => "");   // nodes reach each other when their labels are equal
        var cut = new HashSet<int>();
        var qnetdUp = true;
        var result = new List<IReadOnlyList<Group>>();
        foreach (var step in steps)
        {
            foreach (var action in step.Split('+', StringSplitOptions.TrimEntries))
            {
                var verb = action.Split(' ', 2)[0];
                var args = action.Length > verb.Length ? action[(verb.Length + 1)..].Trim() : "";
                switch (verb)
                {
                    case "down" or "stop": running.ExceptWith(Ids(args)); break;
                    case "start": running.UnionWith(Ids(args)); break;
                    case "partition": Split(label, args.Split('|').Select(Ids).ToList()); break;
                    case "isolate":
                        var alone = Ids(args);
                        Split(label, alone.Select(id => new[] { id }).Append(all.Except(alone).ToArray()).ToList());
                        break;
                    case "heal": foreach (var id in all) label[id] = ""; break;
                    case "qnetd-cut": cut.UnionWith(Ids(args)); break;
                    case "qnetd-heal": cut.Clear(); break;
                    case "qnetd-down": qnetdUp = false; break;
                    case "qnetd-up": qnetdUp = true; break;
                    case "wait" or "report": break;
                    default: throw new NotSupportedException($"step '{action}' has no membership replay");
                }
            }
            result.Add(running.Order().GroupBy(id => label[id]).Select(g =>
            {
                var nodes = g.ToArray();
                if (nodes.Any(cut.Contains) && !nodes.All(cut.Contains))
                    throw new NotSupportedException($"step '{step}': only some nodes of the membership [{string.Join(",", nodes)}] reach qnetd");
                return new Group(nodes, qnetdUp && !nodes.Any(cut.Contains));
            }).ToList());
        }
        return result;
    }

    /// <summary>A partition step: listed groups can reach only their own group; a node in no group is alone.</summary>
    private static void Split(Dictionary<int, string> label, List<int[]> groups)
    {
        foreach (var id in label.Keys.ToList())
        {
            var group = groups.FindIndex(g => g.Contains(id));
            label[id] += "/" + (group >= 0 ? "g" + group : "n" + id);
        }
    }

    private static int[] Ids(string list) =>
        list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse).ToArray();
}
