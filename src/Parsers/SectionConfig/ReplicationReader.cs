using System.Collections.Immutable;
using PveLint.Binding;
using PveLint.Model;
using PveLint.Text;

namespace PveLint.SectionConfig;

/// <summary>replication.cfg → replication jobs. (stub)</summary>
public static class ReplicationReader
{
    public static ImmutableArray<ReplicationJob> Read(SourceFile file, BindContext context) => ImmutableArray<ReplicationJob>.Empty;
}
