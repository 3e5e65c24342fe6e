using System.Collections.Immutable;
using PveLint.Binding;
using PveLint.Model;
using PveLint.Text;

namespace PveLint.Ceph;

/// <summary>
/// ceph.conf → <see cref="CephConf"/>: sections by name (repeated sections merged), keys by PVE's normalised name
/// (<c>mon host</c> → <c>mon_host</c>; '-' and case are kept as written, since Ceph's <c>ConfFile::normalize_key_name</c>
/// only folds blanks), the last value of a key winning.
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
