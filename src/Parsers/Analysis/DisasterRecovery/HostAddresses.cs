using System.Net;

namespace PveLint.Analysis.DisasterRecovery;

/// <summary>
/// The hosts named in address lists as storage.cfg (<c>monhost</c>, <c>portal</c>), ceph.conf (<c>mon_host</c>,
/// <c>public_addr</c>) and <c>ceph mon dump</c> write them: <c>host</c>, <c>host:port</c>, <c>[v6]:port</c>,
/// <c>v2:ip:3300/0</c>, <c>[v2:ip:3300,v1:ip:6789]</c>, separated by spaces, commas or semicolons.
/// </summary>
public static class HostAddresses
{
    public static IEnumerable<string> Hosts(string? list)
    {
        if (string.IsNullOrWhiteSpace(list)) yield break;
        foreach (var raw in list.Split([' ', '\t', ',', ';'], StringSplitOptions.RemoveEmptyEntries))
        {
            var close = raw.IndexOf(']');
            if (raw.StartsWith('[') && close > 1 && close + 1 < raw.Length && raw[close + 1] == ':')
            {
                yield return raw[1..close]; // [v6]:port
                continue;
            }
            var item = raw.Trim('[', ']');
            if (item.StartsWith("v1:", StringComparison.Ordinal) || item.StartsWith("v2:", StringComparison.Ordinal)) item = item[3..];
            var slash = item.IndexOf('/');
            if (slash >= 0) item = item[..slash];
            if (item.Length == 0) continue;
            if (IPAddress.TryParse(item.Trim('[', ']'), out var address)) { yield return address.ToString(); continue; }
            // host:port or v4:port
            var colon = item.LastIndexOf(':');
            var host = colon > 0 && item.IndexOf(':') == colon ? item[..colon] : item;
            if (host.Length > 0) yield return host;
        }
    }

    /// <summary>Equal hosts: IP addresses by value, names case-insensitively.</summary>
    public static bool Same(string a, string b) =>
        IPAddress.TryParse(a, out var x) && IPAddress.TryParse(b, out var y) ? x.Equals(y) : string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
