namespace PveLint.Guests;

/// <summary>
/// One string per common guest-config key (<c>memory</c>, <c>scsi0</c>, <c>net0</c>, ...), so ten thousand configs share
/// their key names instead of each holding its own copies. Read-only after start-up, so parallel readers share it.
/// </summary>
internal static class GuestKeyNames
{
    private static readonly Dictionary<int, string[]> ByHash = Build();

    /// <summary>The shared string equal to <paramref name="key"/>, or a new one for a key that is not common.</summary>
    public static string Of(ReadOnlySpan<char> key)
    {
        if (ByHash.TryGetValue(string.GetHashCode(key, StringComparison.Ordinal), out var candidates))
            foreach (var candidate in candidates)
                if (key.SequenceEqual(candidate)) return candidate;
        return key.ToString();
    }

    private static Dictionary<int, string[]> Build()
    {
        string[] plain =
        [
            "acpi", "agent", "arch", "args", "audio0", "autostart", "balloon", "bios", "boot", "bootdisk", "cdrom", "cicustom", "cipassword",
            "citype", "ciupgrade", "ciuser", "cmode", "console", "cores", "cpu", "cpulimit", "cpuunits", "description", "digest",
            "features", "freeze", "hookscript", "hostname", "hotplug", "hugepages", "ivshmem", "keyboard", "kvm", "lock", "machine", "memory",
            "meta", "migrate_downtime", "migrate_speed", "name", "nameserver", "numa", "onboot", "ostype", "parent", "protection", "reboot",
            "rng0", "rootfs", "scsihw", "searchdomain", "shares", "smbios1", "snaptime", "sockets", "startup", "swap", "tablet", "tags",
            "template", "timezone", "tty", "unprivileged", "vcpus", "vga", "vmgenid", "vmstate", "watchdog",
        ];
        // The disk and device families GuestKeys knows, and the numbered keys it does not model (networks, NUMA nodes);
        // the first 32 of a family cover real configs (unused0..255 and mp0..255 would be mostly dead weight).
        (string Family, int Count)[] others = [("net", 32), ("ipconfig", 32), ("numa", 8)];
        var numbered = GuestKeys.NumberedFamilies.Concat(others).SelectMany(f => Enumerable.Range(0, Math.Min(f.Count, 32)).Select(i => f.Family + i));
        var keys = plain.Concat(numbered);
        return keys.Distinct(StringComparer.Ordinal)
            .GroupBy(k => string.GetHashCode(k.AsSpan(), StringComparison.Ordinal))
            .ToDictionary(g => g.Key, g => g.ToArray());
    }
}
