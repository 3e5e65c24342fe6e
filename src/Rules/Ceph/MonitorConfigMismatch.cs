using PveLint.Analysis.Ceph;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;

namespace PveLint.Rules.Ceph;

/// <summary>PVE3013: ceph.conf mon_host (and [mon.X] addresses) disagree with the monitor map.</summary>
public sealed class MonitorConfigMismatch : Rule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE3013", "monitor-config-mismatch",
        "ceph.conf mon_host and the monitor map disagree",
        Severity.Warning, RuleCategory.Ceph,
        "Clients (QEMU's librbd, the PVE storage plugin) and daemons find the monitors through mon_host in /etc/pve/ceph.conf. An address there that no monitor has costs every connection a timeout; a monitor missing from it is never tried, so when the listed ones are down clients cannot connect although a quorum exists.",
        "Make mon_host list exactly the monitors of 'ceph mon dump' (pveceph mon create/destroy keeps it in step; fix entries left by hand edits), and each [mon.NAME] section's public_addr the address that monitor has.",
        "ceph", "monitors", "configuration");

    public override RuleMetadata Metadata => Meta;

    public override IEnumerable<Finding> Check(ClusterModel model)
    {
        var ceph = model.Ceph;
        if (ceph.Conf is not { } conf || ceph.Monitors.IsEmpty) yield break;
        // A damaged dump can repeat a monitor name; the first entry counts (PVE0010-style input problems are reported elsewhere).
        var mapIps = new Dictionary<string, IReadOnlyCollection<string>>(StringComparer.Ordinal);
        foreach (var m in ceph.Monitors) mapIps.TryAdd(m.Name, Ips(m));

        if (conf.Get("global", "mon_host") is { } monHost)
        {
            var listed = MonitorAddresses.FromMonHost(monHost.Value).ToList();
            var unknown = listed.Where(a => !mapIps.Values.Any(ips => ips.Contains(a)) && !mapIps.ContainsKey(a)).ToList();
            var missing = ceph.Monitors.Where(m => !listed.Contains(m.Name) && !mapIps[m.Name].Any(listed.Contains)).ToList();
            if (unknown.Count > 0 || missing.Count > 0)
            {
                var parts = new List<string>();
                if (unknown.Count > 0) parts.Add($"{CephText.List(unknown)} {(unknown.Count == 1 ? "is" : "are")} listed but no monitor in the monitor map has {(unknown.Count == 1 ? "that address" : "those addresses")} (each costs clients a connection timeout)");
                if (missing.Count > 0) parts.Add($"{CephText.List(missing.Select(m => $"mon.{m.Name} ({string.Join("/", mapIps[m.Name])})"))} {(missing.Count == 1 ? "is" : "are")} missing (clients never try {(missing.Count == 1 ? "it" : "them")})");
                yield return Report(monHost.Span,
                    $"mon_host in ceph.conf does not match the monitor map ({ceph.Monitors.Length} monitors): {string.Join("; ", parts)}.",
                    missing.Select(m => new RelatedSpan(m.Span, $"mon.{m.Name} in the monitor map")));
            }
        }

        foreach (var mon in ceph.Monitors)
        {
            var section = "mon." + mon.Name;
            var addr = conf.Get(section, "public_addr") ?? conf.Get(section, "mon_addr");
            if (addr is null || MonitorAddresses.Ip(addr.Value) is not { } ip || mapIps[mon.Name].Count == 0 || mapIps[mon.Name].Contains(ip)) continue;
            yield return Report(addr.Span,
                $"[{section}] gives {ip}, but the monitor map has mon.{mon.Name} at {string.Join("/", mapIps[mon.Name])}: a daemon or tool reading this section looks for the monitor at the wrong address.",
                [new RelatedSpan(mon.Span, $"mon.{mon.Name} in the monitor map")]);
        }
    }

    private static List<string> Ips(CephMonitor monitor) =>
        monitor.Addresses.Append(monitor.PublicAddress ?? "").Select(MonitorAddresses.Ip).OfType<string>().Distinct().ToList();
}
