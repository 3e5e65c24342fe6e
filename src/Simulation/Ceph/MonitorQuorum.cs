using System.Collections.Immutable;

namespace PveLint.Simulation.Ceph;

/// <summary>The monitors one network partition holds (its own, not counting those every side reaches).</summary>
public sealed record MonitorSide(int Partition, string Name, ImmutableArray<string> Monitors);

/// <summary>
/// Monitor quorum after a scenario (reference/ceph-stretch.md §3.1): a strict majority of all monitors in the monitor
/// map, <see cref="Needed"/> = floor(<see cref="Total"/>/2)+1, with the lost ones still counted. <see cref="Candidates"/>
/// are the partitions that can reach that majority (their own monitors plus the <see cref="Shared"/> ones that every
/// side reaches, such as a tiebreaker in a third site); when two can, the election picks one (the connectivity
/// strategy: the side the tiebreaker reaches best), and pvelint does not guess which.
/// </summary>
public sealed record MonitorQuorum(
    int Total,
    int Needed,
    ImmutableArray<string> Lost,
    ImmutableArray<MonitorSide> Sides,
    ImmutableArray<string> Shared,
    ImmutableArray<int> Candidates,
    string? Undecidable)
{
    public bool HasQuorum => Undecidable is null && !Candidates.IsEmpty;

    /// <summary>The partition that forms quorum when only one can.</summary>
    public int? Winner => Undecidable is null && Candidates.Length == 1 ? Candidates[0] : null;

    /// <summary>"monitors 2 of 4 on each side, quorum needs 3" / "2 of 4 monitors remain, quorum needs 3" and the like.</summary>
    public string Describe()
    {
        if (Undecidable is not null) return $"monitor quorum undecidable: {Undecidable}";
        var shared = Shared.Length;
        var sharedText = shared == 0 ? "" : $" (plus {shared} every side reaches: {string.Join(", ", Shared.Select(m => "mon." + m))})";
        string Arithmetic()
        {
            if (Sides.Length == 1)
                return $"{Sides[0].Monitors.Length + shared} of {Total} monitors remain, quorum needs {Needed}";
            var counts = Sides.Select(s => s.Monitors.Length).Distinct().ToList();
            return counts.Count == 1
                ? $"monitors {counts[0]} of {Total} on each side{sharedText}, quorum needs {Needed}"
                : string.Join(", ", Sides.Select(s => $"{s.Name} {s.Monitors.Length} of {Total}")) + $" monitors{sharedText}, quorum needs {Needed}";
        }
        var lost = Lost.IsEmpty ? "" : $"{string.Join(", ", Lost.Select(m => "mon." + m))} lost; ";
        return lost + Arithmetic();
    }

    public static MonitorQuorum None { get; } = new(0, 0, [], [], [], [], null);
}
