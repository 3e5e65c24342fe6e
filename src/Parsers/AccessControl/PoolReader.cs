using System.Collections.Immutable;
using System.Text.RegularExpressions;
using PveLint.Binding;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.SectionConfig;
using PveLint.Text;

namespace PveLint.AccessControl;

/// <summary>
/// The resource pools of user.cfg, as pve-access-control's <c>parse_user_config</c> reads its <c>pool:</c> lines
/// (docs/jobs-cfg.md): <c>pool:&lt;name&gt;:&lt;comment&gt;:&lt;vmlist&gt;:&lt;storelist&gt;</c>, fields split at ':' and
/// trimmed. A name failing <c>verify_poolname</c> drops the line; a vmid that is not digits is ignored; a guest
/// already in an earlier pool stays there. user.cfg also holds users and ACLs: no other line is read or quoted.
/// </summary>
public static partial class PoolReader
{
    [GeneratedRegex(@"^[A-Za-z0-9.\-_]+(?:/[A-Za-z0-9.\-_]+){0,2}$", RegexOptions.CultureInvariant)]
    private static partial Regex PoolNameRegex();

    public static ImmutableArray<ResourcePool> Read(SourceFile file, BindContext context)
    {
        var pools = new List<(Located<string> Name, List<Located<int>> Members)>();
        var poolIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var poolOf = new Dictionary<int, string>();
        var budget = new DiagnosticBudget(context.Report);
        for (var line = 1; line <= file.LineCount; line++)
        {
            var text = file.LineText(line);
            var fields = Fields(text);
            if (fields.Count < 2 || fields[0].Text != "pool") continue;

            var (nameOffset, name) = fields[1];
            // An empty name at the end of the line ('pool: ') is pointed at where it would start, not past the line.
            var nameLocated = new Located<string>(name, file.SpanOnLine(line, nameOffset + 1, Math.Min(Math.Max(1, name.Length), text.Length - nameOffset)));
            if (!PoolNameRegex().IsMatch(name))
            {
                budget.Report(DiagnosticIds.InvalidValue, nameLocated.Span,
                    $"PVE ignores pool '{MessageText.Short(name)}' in user.cfg: invalid characters in pool name (letters, digits, '.', '-', '_', up to 3 levels joined by '/').");
                continue;
            }

            if (!poolIndex.TryGetValue(name, out var index))
            {
                poolIndex[name] = index = pools.Count;
                pools.Add((nameLocated, new List<Located<int>>()));
            }
            var entry = pools[index];
            if (fields.Count < 4) continue;

            var (listOffset, list) = fields[3];
            foreach (var (offset, vmid) in PerlText.SplitList(list))
            {
                var span = file.SpanOnLine(line, listOffset + offset + 1, vmid.Length);
                if (!vmid.All(PerlText.IsDigit) || !int.TryParse(vmid, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
                {
                    budget.Report(DiagnosticIds.InvalidValue, span, $"PVE ignores '{MessageText.Short(vmid)}' in pool '{MessageText.Short(name)}' of user.cfg: it is not a VMID.");
                    continue;
                }
                if (poolOf.TryGetValue(id, out var first))
                {
                    budget.Report(DiagnosticIds.DuplicateKey, span, $"Guest {id} is listed in pool '{MessageText.Short(name)}' but already in pool '{MessageText.Short(first)}': a guest belongs to one pool and PVE keeps the first ('ignore duplicate vmid').");
                    continue;
                }
                poolOf[id] = name;
                entry.Members.Add(new Located<int>(id, span));
            }
        }
        budget.Flush();
        return pools.Select(p => new ResourcePool(p.Name, p.Members.ToImmutableArray())).ToImmutableArray();
    }

    /// <summary>The ':'-separated fields of a line with their offsets, each trimmed as <c>parse_user_config</c> does.</summary>
    private static List<(int Offset, string Text)> Fields(string line)
    {
        var fields = new List<(int, string)>();
        var start = 0;
        while (start <= line.Length)
        {
            var end = line.IndexOf(':', start);
            if (end < 0) end = line.Length;
            var from = PerlText.SkipSpaces(line, start, end);
            var to = PerlText.TrimEnd(line, from, end);
            fields.Add((from, line[from..to]));
            start = end + 1;
        }
        return fields;
    }
}
