using System.Collections.Immutable;
using PveLint.Binding;
using PveLint.Model;
using PveLint.Text;

namespace PveLint.Ceph;

/// <summary>
/// ceph.conf → <see cref="CephConf"/>: sections by name (repeated sections merged), keys by PVE's normalised name
/// (<c>mon host</c> → <c>mon_host</c>), the last value of a key winning. '-' and case are kept as written: Ceph reads
/// the file by looking up each option's '_' name (<c>md_config_t::parse_config_files</c> → <c>ConfFile::read</c>, whose
/// <c>normalize_key_name</c> folds only blanks), so <c>mon-host</c> in ceph.conf is not <c>mon_host</c>; the
/// "'-' equals '_'" rule of the Ceph docs holds for the command line and the monitor config database.
/// </summary>
public static class CephConfReader
{
    public static CephConf Read(SourceFile file, BindContext context)
    {
        var syntax = CephConfParser.Parse(file);
        context.ReportAll(syntax.Diagnostics);
        return Bind(file.Path, syntax);
    }

    public static CephConf Bind(string path, CephConfSyntax syntax)
    {
        var sections = new Dictionary<string, Dictionary<string, Located<string>>>(StringComparer.Ordinal);
        foreach (var section in syntax.Sections)
        {
            if (!sections.TryGetValue(section.Name.Value, out var keys))
                sections[section.Name.Value] = keys = new Dictionary<string, Located<string>>(StringComparer.Ordinal);
            foreach (var entry in section.Entries) keys[entry.Key] = entry.Value;
        }
        return new CephConf(path, sections.ToImmutableDictionary(
            s => s.Key,
            s => s.Value.ToImmutableDictionary(StringComparer.Ordinal),
            StringComparer.Ordinal));
    }
}
