using System.Net;
using PveLint.Model;

namespace PveLint.Analysis.DisasterRecovery;

/// <summary>
/// The IP addresses a guest's config reveals: cloud-init <c>ipconfigN: ip=…,ip6=…</c> (VMs) and <c>netN: …,ip=…,ip6=…</c>
/// (containers). <c>dhcp</c>, <c>auto</c> and <c>manual</c> reveal nothing. Used to see that a backup server is a
/// guest of the cluster it backs up.
/// </summary>
public static class GuestAddresses
{
    public static IEnumerable<(IPAddress Address, Located<string> Line)> Of(Guest guest)
    {
        foreach (var (key, value) in guest.Properties)
        {
            var isConfigLine = guest.Kind == GuestKind.Qemu ? IsNumbered(key, "ipconfig") : IsNumbered(key, "net");
            if (!isConfigLine) continue;
            foreach (var part in value.Value.Split(','))
            {
                var eq = part.IndexOf('=');
                if (eq < 0 || part[..eq].Trim() is not ("ip" or "ip6")) continue;
                var address = part[(eq + 1)..].Trim();
                var slash = address.IndexOf('/');
                if (slash >= 0) address = address[..slash];
                if (IPAddress.TryParse(address, out var ip)) yield return (ip, value);
            }
        }
    }

    /// <summary>The guest of the model whose config reveals <paramref name="host"/> (an IP address), if any.</summary>
    public static (Guest Guest, Located<string> Line)? GuestWithAddress(ClusterModel model, string host)
    {
        if (!IPAddress.TryParse(host.Trim('[', ']'), out var wanted)) return null;
        foreach (var guest in model.Guests)
            foreach (var (address, line) in Of(guest))
                if (address.Equals(wanted)) return (guest, line);
        return null;
    }

    private static bool IsNumbered(string key, string prefix) =>
        key.Length > prefix.Length && key.StartsWith(prefix, StringComparison.Ordinal) && key[prefix.Length..].All(char.IsAsciiDigit);
}
