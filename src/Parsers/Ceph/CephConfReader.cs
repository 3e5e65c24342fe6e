using System.Collections.Immutable;
using PveLint.Binding;
using PveLint.Model;
using PveLint.Text;

namespace PveLint.Ceph;

/// <summary>ceph.conf (INI with Ceph's rules). (stub)</summary>
public static class CephConfReader
{
    public static CephConf Read(SourceFile file, BindContext context) =>
        new(file.Path, ImmutableDictionary<string, ImmutableDictionary<string, Located<string>>>.Empty);
}
