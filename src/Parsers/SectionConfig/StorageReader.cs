using System.Collections.Immutable;
using PveLint.Binding;
using PveLint.Model;
using PveLint.Text;

namespace PveLint.SectionConfig;

/// <summary>storage.cfg → storages with PVE's effective shared flag and the implicit <c>local</c>. (stub)</summary>
public static class StorageReader
{
    public static ImmutableArray<StorageDef> Read(SourceFile? file, BindContext context) => ImmutableArray<StorageDef>.Empty;
}
