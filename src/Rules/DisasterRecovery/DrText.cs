using PveLint.Model;

namespace PveLint.Rules.DisasterRecovery;

/// <summary>How the DR rules name guests and lists in their messages.</summary>
internal static class DrText
{
    /// <summary>"VM 100 'web1' on node pve1".</summary>
    public static string Guest(Guest guest) =>
        $"{(guest.Kind == GuestKind.Qemu ? "VM" : "container")} {guest.VmId}{(guest.Name is { } n ? $" '{n.Value}'" : "")} on node {guest.Node}";

    /// <summary>"a, b, c and 4 more".</summary>
    public static string List(IEnumerable<string> items, int max = 5)
    {
        var all = items.ToList();
        return all.Count <= max ? string.Join(", ", all) : string.Join(", ", all.Take(max)) + $" and {all.Count - max} more";
    }
}
