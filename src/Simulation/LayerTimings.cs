using System.Diagnostics;

namespace PveLint.Simulation;

/// <summary>Where a simulation run spends its time, per layer (bench/ reads it; the CLI passes none).</summary>
public sealed class LayerTimings
{
    internal static readonly LayerTimings Off = new(enabled: false);

    public LayerTimings() : this(enabled: true) { }

    private LayerTimings(bool enabled)
    {
        Setup = new(enabled);
        Quorum = new(enabled);
        Fencing = new(enabled);
        Ha = new(enabled);
        Ceph = new(enabled);
    }

    /// <summary>Building the HA and Ceph layers (the steady state, the CRUSH mappings).</summary>
    public LayerClock Setup { get; }

    public LayerClock Quorum { get; }

    public LayerClock Fencing { get; }

    public LayerClock Ha { get; }

    public LayerClock Ceph { get; }

    public IEnumerable<(string Layer, TimeSpan Elapsed)> All =>
        [("setup", Setup.Elapsed), ("quorum", Quorum.Elapsed), ("fencing", Fencing.Elapsed), ("ha", Ha.Elapsed), ("ceph", Ceph.Elapsed)];
}

/// <summary>The accumulated time of one layer; a no-op when timing is off.</summary>
public sealed class LayerClock(bool enabled)
{
    private long ticks;

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref ticks));

    internal T Time<T>(Func<T> step)
    {
        if (!enabled) return step();
        var start = Stopwatch.GetTimestamp();
        var result = step();
        Interlocked.Add(ref ticks, Stopwatch.GetTimestamp() - start);
        return result;
    }

    internal void Time(Action step) => Time(() =>
    {
        step();
        return 0;
    });
}
