using PveLint.Model;
using PveLint.Rules.Engine;

namespace PveLint.Rules.DisasterRecovery;

/// <summary>How the DR rules name guests and lists in their messages.</summary>
internal static class DrText
{
    /// <summary>"VM 100 'web1' on node pve1".</summary>
    public static string Guest(Guest guest) =>
        $"{(guest.Kind == GuestKind.Qemu ? "VM" : "container")} {guest.VmId}{(guest.Name is { } n ? $" '{n.Value}'" : "")} on node {guest.Node}";

    /// <summary>"a, b, c and 4 more".</summary>
    public static string List(IEnumerable<string> items, int max = 5) => List(items as IReadOnlyList<string> ?? items.ToList(), max);

    /// <summary>"a, b, c and 4 more", written straight into the result (rules that fire on thousands of guests call this).</summary>
    public static string List(IReadOnlyList<string> items, int max = 5) => List(items, items.Count, max);

    /// <summary>"a, b, c and 4 more" from the first items of a list of <paramref name="count"/> (at least <paramref name="max"/> of them given).</summary>
    public static string List(IReadOnlyList<string> items, int count, int max) => MessageLists.Join(items, count, max, andBeforeLast: false);
}
