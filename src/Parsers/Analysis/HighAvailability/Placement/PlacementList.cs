using System.Collections;

namespace PveLint.Analysis.HighAvailability.Placement;

/// <summary>
/// Every service's placement in one scenario without a copy per scenario: the steady-state placements, shared by all
/// scenarios, overlaid with the few the scenario touched. Both are in sid order.
/// </summary>
internal sealed class PlacementList(ServicePlacement[] steady, int[] changedIndices, ServicePlacement[] changed, IReadOnlyDictionary<string, int> indexBySid)
    : IReadOnlyList<ServicePlacement>
{
    public int Count => steady.Length;

    /// <summary>The placements the scenario computed (its touched services), in sid order.</summary>
    public IReadOnlyList<ServicePlacement> Changed => changed;

    public ServicePlacement this[int index]
    {
        get
        {
            var at = Array.BinarySearch(changedIndices, index);
            return at >= 0 ? changed[at] : steady[index];
        }
    }

    public ServicePlacement? Find(string sid) => indexBySid.TryGetValue(sid, out var index) ? this[index] : null;

    public IEnumerator<ServicePlacement> GetEnumerator()
    {
        var next = 0;
        for (var i = 0; i < steady.Length; i++)
        {
            if (next < changedIndices.Length && changedIndices[next] == i) yield return changed[next++];
            else yield return steady[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
