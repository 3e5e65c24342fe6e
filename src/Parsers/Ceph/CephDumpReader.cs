using System.Collections.Immutable;
using PveLint.Binding;
using PveLint.Ceph.Crush;
using PveLint.Ceph.Health;
using PveLint.Ceph.Monitors;
using PveLint.Ceph.OsdMap;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Text;

namespace PveLint.Ceph;

/// <summary>
/// Reads every file under ceph/ (recognised by content, see <see cref="CephDumpRecognizer"/>) into one
/// <see cref="CephModel"/> (without ceph.conf, which has its own reader).
/// <para>
/// When several files describe the same thing, the choice is deterministic: the monitor and OSD maps with the
/// highest epoch win, and at equal epochs JSON wins over embedded JSON over text, then the first path in ordinal
/// order. For the CRUSH map the JSON dump wins over the text map (it has the exact 16.16 weights; the text prints
/// three decimals), then the first path. Files of a kind the model does not use (crushtool --test output, PG
/// listings, transcripts ...) are recognised and skipped without a diagnostic.
/// </para>
/// </summary>
public static class CephDumpReader
{
    private const string Expected =
        "a decompiled CRUSH map (crushtool -d), 'ceph osd crush dump -f json', 'ceph mon dump -f json', 'ceph osd dump -f json' " +
        "or another dump listed in the documentation (quorum_status, osd tree, health detail, monmaptool --print, plain 'ceph osd dump')";

    public static CephModel Read(IReadOnlyList<SourceFile> files, BindContext context)
    {
        var monMaps = new List<MonMapFacts>();
        var osdMaps = new List<OsdMapFacts>();
        var crushJson = new List<CrushMap>();
        var crushText = new List<CrushMap>();
        var treeOsds = new List<ImmutableArray<CephOsd>>();
        var health = new List<CephHealth>();

        foreach (var file in files.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            var dump = CephDumpRecognizer.Recognize(file);
            var root = dump.Json?.Root;
            switch (dump.Kind)
            {
                case CephDumpKind.Empty:
                    context.Report(DiagnosticIds.UnreadableInput, SourceSpan.WholeFile(file.Path), $"{file.Path} is empty; expected {Expected}.");
                    break;
                case CephDumpKind.InvalidJson:
                    context.Report(DiagnosticIds.SyntaxError, dump.Json!.ErrorSpan ?? SourceSpan.WholeFile(file.Path),
                        $"{file.Path} is not valid JSON at line {dump.Json.ErrorSpan?.Line}, column {dump.Json.ErrorSpan?.Column}: {dump.Json.Error}.");
                    break;
                case CephDumpKind.Unknown:
                    var shape = root is { IsObject: true }
                        ? $"holds JSON with the top-level keys {string.Join(", ", root.Members.Take(8).Select(m => $"'{m.Name}'"))}{(root.Members.Length > 8 ? ", ..." : "")}, which is no Ceph dump pvelint knows"
                        : root is not null ? $"holds JSON {root.Describe()} at the top, which is no Ceph dump pvelint knows"
                        : "is not a Ceph dump pvelint recognises";
                    context.Report(DiagnosticIds.UnreadableInput, SourceSpan.WholeFile(file.Path), $"{file.Path} {shape}; expected {Expected}.");
                    break;
                case CephDumpKind.CrushText:
                    crushText.Add(CrushTextBinder.Bind(CrushTextParser.Parse(file), context));
                    break;
                case CephDumpKind.CrushJson:
                    crushJson.Add(CrushJsonReader.Read(file.Path, root!, context));
                    break;
                case CephDumpKind.MonMapJson:
                    monMaps.Add(MonMapJsonReader.Read(file.Path, root!, DumpPreference.PrimaryJson, context));
                    break;
                case CephDumpKind.QuorumStatusJson:
                    var fromQuorum = MonMapJsonReader.Read(file.Path, root!.Get("monmap")!, DumpPreference.EmbeddedJson, context);
                    var names = root.Get("quorum_names") is { IsArray: true } q ? q.Items.Select(n => n.AsString()).OfType<string>().ToImmutableArray() : fromQuorum.Quorum;
                    monMaps.Add(fromQuorum with { Quorum = names });
                    break;
                case CephDumpKind.MonMapText:
                    monMaps.Add(MonMapTextReader.Read(file, context));
                    break;
                case CephDumpKind.OsdMapJson:
                    osdMaps.Add(OsdMapJsonReader.Read(file.Path, root!, context));
                    break;
                case CephDumpKind.OsdMapText:
                    osdMaps.Add(OsdDumpTextReader.Read(file, context));
                    break;
                case CephDumpKind.OsdTreeJson:
                    treeOsds.Add(OsdTreeJsonReader.ReadOsds(root!, context));
                    break;
                case CephDumpKind.HealthJson:
                    health.Add(HealthJsonReader.Read(root!, context));
                    break;
                case CephDumpKind.StatusJson:
                    if (root!.Get("health") is { } h && HealthJsonReader.Looks(h)) health.Add(HealthJsonReader.Read(h, context));
                    break;
                default:
                    break; // recognised, nothing the model keeps
            }
        }

        var monMap = monMaps
            .OrderByDescending(m => m.Epoch).ThenBy(m => m.Preference).ThenBy(m => m.Path, StringComparer.Ordinal)
            .FirstOrDefault();
        var quorum = monMap is null ? [] : monMap.Quorum.IsDefaultOrEmpty
            ? monMaps.Where(m => m.Epoch == monMap.Epoch && !m.Quorum.IsDefaultOrEmpty).OrderBy(m => m.Preference).ThenBy(m => m.Path, StringComparer.Ordinal).Select(m => m.Quorum).FirstOrDefault(ImmutableArray<string>.Empty)
            : monMap.Quorum;
        var osdMap = osdMaps
            .OrderByDescending(m => m.Epoch).ThenBy(m => m.Preference).ThenBy(m => m.Path, StringComparer.Ordinal)
            .FirstOrDefault();
        var crush = crushJson.Concat(crushText).FirstOrDefault();

        return new CephModel(
            null,
            monMap?.Monitors ?? [],
            monMap?.ElectionStrategy,
            monMap?.TiebreakerMonitor,
            monMap?.StretchModeEnabled ?? osdMap?.Stretch?.Enabled ?? false,
            crush,
            osdMap?.Pools ?? [],
            osdMap?.Osds ?? treeOsds.FirstOrDefault(ImmutableArray<CephOsd>.Empty),
            osdMap?.Stretch)
        {
            DisallowedLeaders = monMap?.DisallowedLeaders ?? [],
            Quorum = quorum,
            ErasureCodeProfiles = osdMap?.ErasureCodeProfiles ?? ImmutableSortedDictionary<string, ImmutableSortedDictionary<string, string>>.Empty,
            Health = health.FirstOrDefault(),
        };
    }
}
