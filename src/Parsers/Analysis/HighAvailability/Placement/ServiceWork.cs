using System.Numerics;

namespace PveLint.Analysis.HighAvailability.Placement;

/// <summary>
/// The bookkeeping of <see cref="CrmRounds"/>: which services a pass must step (a service marked while the pass is
/// before it is stepped in the same pass, as the CRM's sid-ordered loop would reach it; otherwise in the next pass),
/// which services a scenario touched (to undo them), which wait for their LRM and which were just fenced.
/// </summary>
internal sealed class ServiceWork
{
    private readonly int count;
    private readonly bool[] touched;
    private readonly List<int> touchedList = [];
    private ulong[] now;
    private ulong[] later;
    private int cursor = -1;
    private bool inPass;
    private bool touchedSorted = true;

    public ServiceWork(int count)
    {
        this.count = count;
        touched = new bool[count];
        now = new ulong[(count + 63) / 64];
        later = new ulong[now.Length];
    }

    /// <summary>Services in <c>migrate</c> or <c>request_stop</c>: their LRM may report between rounds.</summary>
    public HashSet<int> LrmPending { get; } = [];

    /// <summary>Services that entered <c>fence</c> in the current pass.</summary>
    public List<int> Fenced { get; } = [];

    public void MarkLater(int s) => later[s >> 6] |= 1UL << (s & 63);

    /// <summary>Marks a service for this pass if the pass has not reached it yet, else for the next.</summary>
    public void MarkInPass(int s)
    {
        if (inPass && s > cursor) now[s >> 6] |= 1UL << (s & 63);
        else MarkLater(s);
    }

    /// <summary>Starts a pass over what was marked for it (or over every service).</summary>
    public void StartPass(bool everyService)
    {
        (now, later) = (later, now);
        Array.Clear(later);
        if (everyService)
        {
            Array.Fill(now, ulong.MaxValue);
            if (count % 64 != 0) now[^1] = (1UL << (count % 64)) - 1;
        }
        cursor = -1;
        inPass = true;
    }

    /// <summary>The next marked service after the last one returned, or −1 at the end of the pass.</summary>
    public int NextInPass()
    {
        // Bits at or below the cursor are all clear: they were taken, and marks in the pass only go above it.
        for (var w = Math.Max(cursor, 0) >> 6; w < now.Length; w++)
        {
            if (now[w] == 0) continue;
            var bit = BitOperations.TrailingZeroCount(now[w]);
            now[w] &= now[w] - 1;
            return cursor = (w << 6) + bit;
        }
        return -1;
    }

    public void EndPass()
    {
        inPass = false;
        cursor = -1;
    }

    public void Touch(int s)
    {
        if (touched[s]) return;
        touched[s] = true;
        touchedList.Add(s);
        touchedSorted = false;
    }

    public IReadOnlyList<int> TouchedInOrder()
    {
        if (!touchedSorted)
        {
            touchedList.Sort();
            touchedSorted = true;
        }
        return touchedList;
    }

    /// <summary>Forgets the scenario: marks, touched services, fenced ones (not the LRM-pending set, which is state).</summary>
    public void Clear()
    {
        Array.Clear(now);
        Array.Clear(later);
        foreach (var s in touchedList) touched[s] = false;
        touchedList.Clear();
        touchedSorted = true;
        Fenced.Clear();
        EndPass();
    }
}
