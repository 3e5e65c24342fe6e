using System.Collections.Immutable;
using System.Net;
using PveLint.Model;
using PveLint.Text;

namespace PveLint.Analysis.Ceph;

/// <summary>
/// A Ceph monitor and the site it runs in. <see cref="Site"/> is a CRUSH dividing-bucket name (site1) when the monitor's
/// <c>crush_location</c> says so or when its node's site maps onto one, else a .pvelint.yaml site name, else null
/// (unknown: never assumed to be a safe third location). <see cref="Basis"/> says how it was placed, for messages.
/// </summary>
public sealed record MonitorSite(
    string Name,
    string? Address,
    string? Site,
    string Basis,
    bool IsTiebreaker,
    SourceSpan? Span)
{
    public string Describe() => Site is null ? $"mon.{Name} ({Basis})" : $"mon.{Name} in {Site}";
}

public static class MonitorPlacement
{
    /// <summary>
    /// The monitors, from the monitor map when one was scanned, else from ceph.conf (<c>[mon.NAME]</c> sections with
    /// <c>public_addr</c>/<c>mon_addr</c>, else the bare <c>mon_host</c> addresses), each placed in a site.
    /// </summary>
    public static ImmutableArray<MonitorSite> Locate(ClusterModel model, CrushHierarchy? hierarchy, string dividingType, IReadOnlyCollection<string> crushSites)
    {
        var ceph = model.Ceph;
        var result = ImmutableArray.CreateBuilder<MonitorSite>();
        if (!ceph.Monitors.IsEmpty)
        {
            foreach (var mon in ceph.Monitors)
            {
                var address = mon.PublicAddress is { } a ? MonitorAddresses.Ip(a) : mon.Addresses.Select(MonitorAddresses.Ip).FirstOrDefault(ip => ip is not null);
                result.Add(Place(model, hierarchy, mon.Name, address, mon.CrushLocation, dividingType, crushSites, mon.Name == ceph.TiebreakerMonitor, mon.Span));
            }
            return result.ToImmutable();
        }
        if (ceph.Conf is not { } conf) return result.ToImmutable();
        var fromSections = conf.Sections.Keys.Where(s => s.StartsWith("mon.", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        if (fromSections.Count > 0)
        {
            foreach (var section in fromSections)
            {
                var name = section["mon.".Length..];
                var addr = conf.Get(section, "public_addr") ?? conf.Get(section, "mon_addr");
                var span = addr?.Span ?? conf.Sections[section].Values.Select(v => v.Span).FirstOrDefault();
                result.Add(Place(model, hierarchy, name, addr is null ? null : MonitorAddresses.Ip(addr.Value), ImmutableDictionary<string, string>.Empty,
                    dividingType, crushSites, false, span));
            }
            return result.ToImmutable();
        }
        if (conf.Get("global", "mon_host") is { } hosts)
            foreach (var ip in MonitorAddresses.FromMonHost(hosts.Value))
                result.Add(Place(model, hierarchy, ip, ip, ImmutableDictionary<string, string>.Empty, dividingType, crushSites, false, hosts.Span));
        return result.ToImmutable();
    }

    private static MonitorSite Place(ClusterModel model, CrushHierarchy? hierarchy, string name, string? address, ImmutableDictionary<string, string> location,
        string dividingType, IReadOnlyCollection<string> crushSites, bool namedTiebreaker, SourceSpan? span)
    {
        if (location.TryGetValue(dividingType, out var bucket))
        {
            var declared = model.SiteNamed(bucket);
            return new MonitorSite(name, address, bucket, $"crush_location {dividingType}={bucket}", namedTiebreaker || declared?.HasTiebreakerMonitor == true, span);
        }
        var placement = model.PlaceHost(name);
        if (!placement.IsKnown && address is not null) placement = model.PlaceHost(address);
        if (placement.Site is { } site)
        {
            var siteName = CrushSiteOf(hierarchy, site, crushSites);
            return new MonitorSite(name, address, siteName, placement.Describe(), namedTiebreaker || site.HasTiebreakerMonitor, span);
        }
        var basis = location.IsEmpty ? "no crush_location, and not placed by .pvelint.yaml" : $"crush_location has no {dividingType}";
        return new MonitorSite(name, address, null, basis, namedTiebreaker, span);
    }

    /// <summary>A model site as a CRUSH site name: the dividing bucket of the same name, or the one holding its nodes.</summary>
    public static string CrushSiteOf(CrushHierarchy? hierarchy, Site site, IReadOnlyCollection<string> crushSites)
    {
        if (crushSites.Contains(site.Name) || hierarchy is null) return site.Name;
        foreach (var dc in crushSites)
        {
            if (hierarchy.IdOf(dc) is not { } id) continue;
            var under = hierarchy.Descendants(id).Where(i => i < 0).Select(hierarchy.NameOf).ToHashSet(StringComparer.Ordinal);
            if (site.Nodes.Any(under.Contains)) return dc;
        }
        return site.Name;
    }
}

/// <summary>Monitor address forms: <c>10.0.0.1</c>, <c>10.0.0.1:6789</c>, <c>[v2:10.0.0.1:3300/0,v1:10.0.0.1:6789/0]</c>, <c>[::1]:6789</c>.</summary>
public static class MonitorAddresses
{
    /// <summary>The IP of one address (without type, port or nonce), or null when it holds none.</summary>
    public static string? Ip(string text)
    {
        var t = text.Trim();
        if (t.StartsWith('[') && t.EndsWith(']') && t.Contains('v', StringComparison.Ordinal))
        {
            t = t[1..^1];
            var comma = t.IndexOf(',');
            if (comma >= 0) t = t[..comma];
        }
        if (t.StartsWith("v1:", StringComparison.Ordinal) || t.StartsWith("v2:", StringComparison.Ordinal)) t = t[3..];
        var slash = t.IndexOf('/');
        if (slash >= 0) t = t[..slash];
        if (t.StartsWith('['))
        {
            var close = t.IndexOf(']');
            return close > 0 && IPAddress.TryParse(t[1..close], out var v6) ? v6.ToString() : null;
        }
        var colons = t.Count(c => c == ':');
        if (colons == 1) t = t[..t.IndexOf(':')];
        return IPAddress.TryParse(t, out var ip) && (colons != 0 || t.Count(c => c == '.') == 3) ? ip.ToString() : null;
    }

    /// <summary>The IPs <c>mon_host</c> lists (separated by spaces, commas or semicolons; each maybe a [v2:…,v1:…] vector).</summary>
    public static IEnumerable<string> FromMonHost(string value)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var i = 0;
        while (i < value.Length)
        {
            if (value[i] is ' ' or '\t' or ',' or ';') { i++; continue; }
            int end;
            if (value[i] == '[' && value.IndexOf(']', i) is var close and > 0 && value[(i + 1)..close].Contains("v", StringComparison.Ordinal))
                end = close + 1;
            else
            {
                end = i;
                while (end < value.Length && value[end] is not (' ' or '\t' or ',' or ';')) end++;
            }
            if (Ip(value[i..end]) is { } ip && seen.Add(ip)) yield return ip;
            else if (Ip(value[i..end]) is null && value[i..end].Length > 0 && seen.Add(value[i..end])) yield return value[i..end];
            i = end;
        }
    }
}
