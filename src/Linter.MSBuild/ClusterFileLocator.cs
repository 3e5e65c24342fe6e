namespace PveLint.MSBuild;

/// <summary>
/// Maps the absolute path of an AdditionalFile to its logical path in the scan-root layout
/// (<c>etc/pve/...</c>, <c>hosts/&lt;node&gt;/etc/default/pve-ha-manager</c>, <c>ceph/...</c>, <c>.pvelint.yaml</c>).
/// Files under the scan root map by their relative path; others only when their path has an <c>/etc/pve/</c> part.
/// </summary>
internal static class ClusterFileLocator
{
    public static string? LogicalPath(string absolutePath, string? root)
    {
        var path = absolutePath.Replace('\\', '/');
        if (!string.IsNullOrEmpty(root))
        {
            var r = root!.Replace('\\', '/').TrimEnd('/') + "/";
            if (path.StartsWith(r, StringComparison.Ordinal))
            {
                var relative = path[r.Length..];
                return IsClusterFile(relative) ? relative : null;
            }
        }
        var pve = path.LastIndexOf("/etc/pve/", StringComparison.Ordinal);
        return pve >= 0 ? path[(pve + 1)..] : null;
    }

    private static bool IsClusterFile(string relative) =>
        relative.StartsWith("etc/pve/", StringComparison.Ordinal)
        || relative == "etc/default/pve-ha-manager"
        || (relative.StartsWith("hosts/", StringComparison.Ordinal) && relative.EndsWith("/etc/default/pve-ha-manager", StringComparison.Ordinal))
        || relative.StartsWith("ceph/", StringComparison.Ordinal)
        || relative == ".pvelint.yaml";
}
