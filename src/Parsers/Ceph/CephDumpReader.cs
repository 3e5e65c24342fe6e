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

    /// <summary>Everything read from the files, before the merge picks one of each.</summary>
    private sealed class Collected
    {
        public List<MonMapFacts> MonMaps { get; } = [];
        public List<OsdMapFacts> OsdMaps { get; } = [];
        public List<CrushMap> CrushJson { get; } = [];
        public List<CrushMap> CrushText { get; } = [];
        public List<ImmutableArray<CephOsd>> TreeOsds { get; } = [];
        public List<CephHealth> Health { get; } = [];
    }

    public static CephModel Read(IReadOnlyList<SourceFile> files, BindContext context)
    {
        var collected = new Collected();
        foreach (var file in files.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            var diagnostics = new DumpDiagnostics(context, file.Path);
            ReadFile(file, diagnostics, collected);
            diagnostics.Complete();
        }
        return Merge(collected);
    }

    private static void ReadFile(SourceFile file, DumpDiagnostics diagnostics, Collected collected)
    {
        var dump = CephDumpRecognizer.Recognize(file);
        var root = dump.Json?.Root;
        switch (dump.Kind)
        {
            case CephDumpKind.Empty:
                diagnostics.Report(DiagnosticIds.UnreadableInput, SourceSpan.WholeFile(file.Path), $"{file.Path} is empty; expected {Expected}.");
                break;
            case CephDumpKind.InvalidJson:
                diagnostics.Report(DiagnosticIds.SyntaxError, dump.Json!.ErrorSpan ?? SourceSpan.WholeFile(file.Path),
                    $"{file.Path} is not valid JSON at line {dump.Json.ErrorSpan?.Line}, column {dump.Json.ErrorSpan?.Column}: {dump.Json.Error}.");
                break;
            case CephDumpKind.Unknown:
                var shape = root is { IsObject: true }
                    ? $"holds JSON with the top-level keys {string.Join(", ", root.Members.Take(8).Select(m => $"'{m.Name}'"))}{(root.Members.Length > 8 ? ", ..." : "")}, which is no Ceph dump pvelint knows"
                    : root is not null ? $"holds JSON {root.Describe()} at the top, which is no Ceph dump pvelint knows"
                    : "is not a Ceph dump pvelint recognises";
                diagnostics.Report(DiagnosticIds.UnreadableInput, SourceSpan.WholeFile(file.Path), $"{file.Path} {shape}; expected {Expected}.");
                break;
            case CephDumpKind.CrushText:
                collected.CrushText.Add(CrushTextBinder.Bind(CrushTextParser.Parse(file), diagnostics));
                break;
            case CephDumpKind.CrushJson:
                collected.CrushJson.Add(CrushJsonReader.Read(file.Path, root!, diagnostics));
                break;
            case CephDumpKind.MonMapJson:
                collected.MonMaps.Add(MonMapJsonReader.Read(file.Path, root!, DumpPreference.PrimaryJson, diagnostics));
                break;
            case CephDumpKind.QuorumStatusJson:
                var fromQuorum = MonMapJsonReader.Read(file.Path, root!.Get("monmap")!, DumpPreference.EmbeddedJson, diagnostics);
                var names = root.Get("quorum_names") is { IsArray: true } q ? q.Items.Select(n => n.AsString()).OfType<string>().ToImmutableArray() : fromQuorum.Quorum;
                collected.MonMaps.Add(fromQuorum with { Quorum = names });
                break;
            case CephDumpKind.MonMapText:
                collected.MonMaps.Add(MonMapTextReader.Read(file, diagnostics));
                break;
            case CephDumpKind.OsdMapJson:
                collected.OsdMaps.Add(OsdMapJsonReader.Read(file.Path, root!, diagnostics));
                break;
            case CephDumpKind.OsdMapText:
                collected.OsdMaps.Add(OsdDumpTextReader.Read(file, diagnostics));
                break;
            case CephDumpKind.OsdTreeJson:
                collected.TreeOsds.Add(OsdTreeJsonReader.ReadOsds(root!, diagnostics));
                break;
            case CephDumpKind.HealthJson:
                collected.Health.Add(HealthJsonReader.Read(root!, diagnostics));
                break;
            case CephDumpKind.StatusJson:
                if (root!.Get("health") is { } h && HealthJsonReader.Looks(h)) collected.Health.Add(HealthJsonReader.Read(h, diagnostics));
                break;
            default:
                break; // recognised, nothing the model keeps
        }
    }

    private static CephModel Merge(Collected collected)
    {
        var (monMaps, osdMaps) = (collected.MonMaps, collected.OsdMaps);
        var monMap = monMaps
            .OrderByDescending(m => m.Epoch).ThenBy(m => m.Preference).ThenBy(m => m.Path, StringComparer.Ordinal)
            .FirstOrDefault();
        var quorum = monMap is null ? [] : monMap.Quorum.IsDefaultOrEmpty
            ? monMaps.Where(m => m.Epoch == monMap.Epoch && !m.Quorum.IsDefaultOrEmpty).OrderBy(m => m.Preference).ThenBy(m => m.Path, StringComparer.Ordinal).Select(m => m.Quorum).FirstOrDefault(ImmutableArray<string>.Empty)
            : monMap.Quorum;
        var osdMap = osdMaps
            .OrderByDescending(m => m.Epoch).ThenBy(m => m.Preference).ThenBy(m => m.Path, StringComparer.Ordinal)
            .FirstOrDefault();
        var crush = collected.CrushJson.Concat(collected.CrushText).FirstOrDefault();

        return new CephModel(
            null,
            monMap?.Monitors ?? [],
            monMap?.ElectionStrategy,
            monMap?.TiebreakerMonitor,
            monMap?.StretchModeEnabled ?? osdMap?.Stretch?.Enabled ?? false,
            crush,
            osdMap?.Pools ?? [],
            osdMap?.Osds ?? collected.TreeOsds.FirstOrDefault(ImmutableArray<CephOsd>.Empty),
            osdMap?.Stretch)
        {
            DisallowedLeaders = monMap?.DisallowedLeaders ?? [],
            Quorum = quorum,
            ErasureCodeProfiles = osdMap?.ErasureCodeProfiles ?? ImmutableSortedDictionary<string, ImmutableSortedDictionary<string, string>>.Empty,
            Health = collected.Health.FirstOrDefault(),
        };
    }
}
