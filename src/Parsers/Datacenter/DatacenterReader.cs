using System.Collections.Immutable;
using PveLint.Binding;
using PveLint.Model;
using PveLint.Text;

namespace PveLint.Datacenter;

/// <summary>datacenter.cfg. (stub)</summary>
public static class DatacenterReader
{
    public static DatacenterConfig Read(SourceFile file, BindContext context) =>
        new(file.Path, ImmutableDictionary<string, DatacenterEntry>.Empty, null, null, null, "");
}
