using System.Collections.Immutable;

namespace PveLint.Ceph.Monitors;

/// <summary>
/// A monitor's <c>crush_location</c>, which the mon dump writes as a string holding a map, <c>{datacenter=site1}</c>
/// or <c>{}</c> (reference §1c; still a string in Tentacle). Entries are separated by ',' and may have spaces.
/// </summary>
public static class CrushLocationText
{
    public static ImmutableDictionary<string, string> Parse(string? text)
    {
        var result = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(text)) return result.ToImmutable();
        var body = text.Trim();
        if (body.StartsWith('{')) body = body[1..];
        if (body.EndsWith('}')) body = body[..^1];
        foreach (var part in body.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0) continue;
            result[part[..eq].Trim()] = part[(eq + 1)..].Trim();
        }
        return result.ToImmutable();
    }
}
