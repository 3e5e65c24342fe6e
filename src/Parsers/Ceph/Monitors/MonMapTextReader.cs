using System.Collections.Immutable;
using System.Globalization;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Text;

namespace PveLint.Ceph.Monitors;

/// <summary>
/// The plain-text monitor map of <c>monmaptool --print</c> and <c>ceph mon dump</c> (reference §1c), a line format:
/// <code>
/// epoch 8
/// election_strategy: 3
/// stretch_mode_enabled 1
/// tiebreaker_mon pve5
/// disallowed_leaders pve5
/// 0: [v2:10.0.0.1:3300/0,v1:10.0.0.1:6789/0] mon.pve1; crush_location {datacenter=site1}
/// </code>
/// Lines it does not use (fsid, created, min_mon_release, the tool's own header) are skipped.
/// </summary>
public static class MonMapTextReader
{
    public static MonMapFacts Read(SourceFile file, DumpDiagnostics context)
    {
        long epoch = 0;
        string? strategy = null, tiebreaker = null;
        var stretch = false;
        var disallowed = ImmutableArray<string>.Empty;
        var monitors = new List<CephMonitor>();
        var span = SourceSpan.WholeFile(file.Path);
        for (var line = 1; line <= file.LineCount; line++)
        {
            var text = file.LineText(line).Trim();
            if (text.Length == 0) continue;
            var (key, value) = SplitKey(text);
            switch (key)
            {
                case "epoch":
                    if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var e)) epoch = e;
                    span = file.LineSpan(line);
                    break;
                case "election_strategy":
                    strategy = ElectionStrategies.FromNumber(long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : null) ?? value;
                    break;
                case "stretch_mode_enabled":
                    stretch = value is "1" or "true";
                    break;
                case "tiebreaker_mon":
                    tiebreaker = value.Length == 0 ? null : value;
                    break;
                case "disallowed_leaders":
                    disallowed = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToImmutableArray();
                    break;
                default:
                    if (ReadMonitor(file, line, text) is { } monitor) monitors.Add(monitor);
                    else if (key.Length > 0 && char.IsAsciiDigit(key[0]))
                        context.Report(DiagnosticIds.SyntaxError, file.LineSpan(line), $"Line {line} of the monitor map looks like a monitor entry but is not '<rank>: <addresses> mon.<name>'.");
                    break;
            }
        }
        return new MonMapFacts(file.Path, epoch, DumpPreference.Text, monitors.OrderBy(m => m.Rank).ToImmutableArray(),
            strategy, tiebreaker, stretch, disallowed, [], span);
    }

    /// <summary>"key value" or "key: value" (Pacific prints <c>election_strategy: 3</c> with a colon).</summary>
    private static (string Key, string Value) SplitKey(string text)
    {
        var space = text.IndexOf(' ');
        var key = space < 0 ? text : text[..space];
        var value = space < 0 ? "" : text[(space + 1)..].Trim();
        return (key.TrimEnd(':'), value);
    }

    /// <summary><c>0: [v2:a/0,v1:b/0] mon.pve1; crush_location {datacenter=site1}</c>, or the pre-Nautilus <c>0: a/0 mon.pve1</c>.</summary>
    private static CephMonitor? ReadMonitor(SourceFile file, int line, string text)
    {
        var colon = text.IndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var rank)) return null;
        var rest = text[(colon + 1)..].Trim();
        var monAt = rest.IndexOf(" mon.", StringComparison.Ordinal);
        if (monAt < 0) return null;
        var addressText = rest[..monAt].Trim().TrimStart('[').TrimEnd(']');
        var after = rest[(monAt + 5)..];
        var semicolon = after.IndexOf(';');
        var name = (semicolon < 0 ? after : after[..semicolon]).Trim();
        if (name.Length == 0) return null;
        var location = ImmutableDictionary<string, string>.Empty;
        if (semicolon >= 0)
        {
            var tail = after[(semicolon + 1)..].Trim();
            if (tail.StartsWith("crush_location", StringComparison.Ordinal)) location = CrushLocationText.Parse(tail["crush_location".Length..]);
        }
        var addresses = addressText.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(a => a.LastIndexOf('/') is var slash and > 0 ? a[..slash] : a)
            .Select(a => a.StartsWith("v1:", StringComparison.Ordinal) || a.StartsWith("v2:", StringComparison.Ordinal) || a.StartsWith("any:", StringComparison.Ordinal) ? a : "any:" + a)
            .ToImmutableArray();
        var legacy = addresses.FirstOrDefault(a => a.StartsWith("v1:", StringComparison.Ordinal)) ?? addresses.FirstOrDefault();
        var publicAddress = legacy is null ? null : legacy[(legacy.IndexOf(':') + 1)..];
        return new CephMonitor(name, rank, publicAddress, location, file.LineSpan(line)) { Addresses = addresses };
    }
}
