using System.Collections.Frozen;

namespace PveLint.Guests;

/// <summary>
/// Which raw <c>lxc.*</c> keys pve-container passes on (<c>PVE::LXC::Config::is_valid_lxc_conf_key</c>). The list is
/// the union over PVE 9.x releases (keys added in point releases, e.g. <c>lxc.init.uid</c>, are accepted), so a key
/// reported here is dropped or refused by every 9.x release.
/// </summary>
internal static class LxcRawKeys
{
    private static readonly FrozenSet<string> Valid = new[]
    {
        "lxc.apparmor.profile", "lxc.apparmor.allow_incomplete", "lxc.apparmor.allow_nesting", "lxc.apparmor.raw",
        "lxc.selinux.context", "lxc.include", "lxc.arch", "lxc.uts.name", "lxc.signal.halt", "lxc.signal.reboot",
        "lxc.signal.stop", "lxc.init.cmd", "lxc.init.cwd", "lxc.init.uid", "lxc.init.gid", "lxc.init.groups",
        "lxc.pty.max", "lxc.console.logfile", "lxc.console.path", "lxc.tty.max", "lxc.devtty.dir", "lxc.hook.autodev",
        "lxc.autodev", "lxc.kmsg", "lxc.mount.fstab", "lxc.mount.entry", "lxc.mount.auto", "lxc.rootfs.mount",
        "lxc.cap.drop", "lxc.cap.keep", "lxc.seccomp.profile", "lxc.seccomp.notify.proxy", "lxc.seccomp.notify.cookie",
        "lxc.idmap", "lxc.hook.pre-start", "lxc.hook.pre-mount", "lxc.hook.mount", "lxc.hook.start", "lxc.hook.stop",
        "lxc.hook.post-stop", "lxc.hook.clone", "lxc.hook.destroy", "lxc.hook.version", "lxc.log.level", "lxc.log.file",
        "lxc.start.auto", "lxc.start.delay", "lxc.start.order", "lxc.group", "lxc.environment",
        "lxc.environment.runtime", "lxc.environment.hooks", "lxc.sysctl.fs.mqueue", "lxc.sysctl.kernel.msgmax",
        "lxc.sysctl.kernel.msgmnb", "lxc.sysctl.kernel.msgmni", "lxc.sysctl.kernel.sem", "lxc.sysctl.kernel.shmall",
        "lxc.sysctl.kernel.shmmax", "lxc.sysctl.kernel.shmmni", "lxc.sysctl.kernel.shm_rmid_forced",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Keys pve-container knows but refuses, with its own reason.</summary>
    private static readonly FrozenDictionary<string, string> Refused = new Dictionary<string, string>
    {
        ["lxc.rootfs.path"] = "lxc.rootfs.path is auto generated from rootfs",
        ["lxc.rootfs.options"] = "lxc.rootfs.options is not supported, please use mount point options in the \"rootfs\" key",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Keys removed in LXC 3.0: pve-container passes them on with a warning, LXC itself no longer knows them.</summary>
    private static readonly FrozenDictionary<string, string> Renamed = new Dictionary<string, string>
    {
        ["lxc.aa_profile"] = "lxc.apparmor.profile",
        ["lxc.aa_allow_incomplete"] = "lxc.apparmor.allow_incomplete",
        ["lxc.console"] = "lxc.console.path",
        ["lxc.devttydir"] = "lxc.tty.dir",
        ["lxc.haltsignal"] = "lxc.signal.halt",
        ["lxc.rebootsignal"] = "lxc.signal.reboot",
        ["lxc.stopsignal"] = "lxc.signal.stop",
        ["lxc.id_map"] = "lxc.idmap",
        ["lxc.init_cmd"] = "lxc.init.cmd",
        ["lxc.loglevel"] = "lxc.log.level",
        ["lxc.logfile"] = "lxc.log.file",
        ["lxc.mount"] = "lxc.mount.fstab",
        ["lxc.network.type"] = "lxc.net.INDEX.type",
        ["lxc.network.flags"] = "lxc.net.INDEX.flags",
        ["lxc.network.link"] = "lxc.net.INDEX.link",
        ["lxc.network.mtu"] = "lxc.net.INDEX.mtu",
        ["lxc.network.name"] = "lxc.net.INDEX.name",
        ["lxc.network.hwaddr"] = "lxc.net.INDEX.hwaddr",
        ["lxc.network.ipv4"] = "lxc.net.INDEX.ipv4.address",
        ["lxc.network.ipv4.gateway"] = "lxc.net.INDEX.ipv4.gateway",
        ["lxc.network.ipv6"] = "lxc.net.INDEX.ipv6.address",
        ["lxc.network.ipv6.gateway"] = "lxc.net.INDEX.ipv6.gateway",
        ["lxc.network.script.up"] = "lxc.net.INDEX.script.up",
        ["lxc.network.script.down"] = "lxc.net.INDEX.script.down",
        ["lxc.pts"] = "lxc.pty.max",
        ["lxc.se_context"] = "lxc.selinux.context",
        ["lxc.seccomp"] = "lxc.seccomp.profile",
        ["lxc.tty"] = "lxc.tty.max",
        ["lxc.utsname"] = "lxc.uts.name",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Null when pve-container passes the key on without complaint, else why it is a problem.</summary>
    public static string? Problem(string key)
    {
        if (key.StartsWith("lxc.limit.", StringComparison.Ordinal)) return null; // accepted, renamed to lxc.prlimit.* by PVE
        if (Renamed.TryGetValue(key, out var renamed))
            return $"'{key}' was removed in LXC 3.0; pve-container warns that it is deprecated and renamed to '{renamed}'";
        if (Valid.Contains(key)) return null;
        if (Refused.TryGetValue(key, out var reason)) return $"pve-container refuses '{key}' ({reason}) and drops it";
        if (key.StartsWith("lxc.cgroup.", StringComparison.Ordinal))
            return $"'{key}' is a cgroup v1 key, which pve-container deprecates; PVE 9 runs cgroup v2 only, so use 'lxc.cgroup2.*'";
        if (key.StartsWith("lxc.cgroup2.", StringComparison.Ordinal) || key.StartsWith("lxc.prlimit.", StringComparison.Ordinal) ||
            key.StartsWith("lxc.net.", StringComparison.Ordinal))
            return null;
        return $"pve-container does not know the raw LXC key '{key}' and drops the line";
    }
}
