using PveLint.Binding;
using PveLint.Model;
using PveLint.Text;

namespace PveLint.Watchdog;

/// <summary>/etc/default/pve-ha-manager with systemd EnvironmentFile semantics. (stub)</summary>
public static class WatchdogFileReader
{
    public static WatchdogSettings Read(SourceFile file, string? node, BindContext context) => new(node, file.Path, null, []);
}
