using System.Collections.Immutable;
namespace PveLint.Sources;

/// <summary>
/// What a scan did not see: files skipped by <c>ignore-paths</c>, files that could not be read (PVE0010), and,
/// once a limit cut the read short, everything not read. Such files are unknown, not absent: a name whose
/// definition could be in one of them is not reported as pointing nowhere (PVE0008), and no other check may
/// infer "missing" from them.
/// </summary>
public sealed class UnseenFiles(Func<string, bool> ignored, IReadOnlySet<string> unread, bool readCutShort)
{
    public static UnseenFiles None { get; } = new(_ => false, ImmutableHashSet<string>.Empty, false);

    /// <summary>True when a limit stopped the read: any file not read may exist.</summary>
    public bool ReadCutShort => readCutShort;

    /// <summary>Whether the file at <paramref name="logicalPath"/> may exist although the scan did not read it.</summary>
    public bool CouldHold(string logicalPath) => readCutShort || unread.Contains(logicalPath) || ignored(logicalPath);

    /// <summary>Whether the config of guest <paramref name="vmid"/> could be on one of <paramref name="nodes"/> (or the local view) unseen.</summary>
    public bool CouldHoldGuest(int vmid, IEnumerable<string> nodes)
    {
        if (readCutShort) return true;
        var pve = ConfigTree.PvePrefix;
        return nodes.Select(n => $"{pve}nodes/{n}/").Prepend(pve)
            .Any(dir => CouldHold($"{dir}qemu-server/{vmid}.conf") || CouldHold($"{dir}lxc/{vmid}.conf"));
    }
}
