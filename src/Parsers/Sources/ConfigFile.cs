namespace PveLint.Sources;

/// <summary>
/// One file of a scanned cluster. <see cref="Path"/> is the logical path in the scan-root layout of
/// INTERFACE.md, always with '/' and no leading slash: <c>etc/pve/corosync.conf</c>,
/// <c>hosts/pve1/etc/default/pve-ha-manager</c>, <c>ceph/crush.txt</c>, <c>.pvelint.yaml</c>.
/// <see cref="DisplayPath"/> is how users see it (relative to the repository root for a directory scan,
/// <c>backup.tgz!/etc/pve/corosync.conf</c> inside an archive). Parsers and spans use <see cref="Path"/>.
/// </summary>
public sealed record ConfigFile(string Path, string Text, string DisplayPath);
