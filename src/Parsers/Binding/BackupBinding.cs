using System.Collections.Immutable;
using PveLint.AccessControl;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.SectionConfig;
using PveLint.Sources;
using PveLint.Text;

namespace PveLint.Binding;

/// <summary>
/// Backup jobs (jobs.cfg) and resource pools (user.cfg) into the model, and their names that point nowhere (PVE0008),
/// each checked only when the file that would define the name was scanned.
/// </summary>
public static class BackupBinding
{
    public static ClusterModel Bind(ClusterModel model, Func<string, SourceFile?> get, BindContext context)
    {
        var jobsFile = get(ConfigTree.PvePrefix + "jobs.cfg");
        var jobs = jobsFile is not null ? JobsReader.Read(jobsFile, context) : [];
        var userFile = get(ConfigTree.PvePrefix + "user.cfg");
        var pools = userFile is not null ? PoolReader.Read(userFile, context) : [];
        var bound = model with { BackupJobs = jobs, Pools = pools, BackupJobsKnown = jobsFile is not null || userFile is not null };
        context.ReportAll(Unresolved(bound, get(ConfigTree.PvePrefix + "storage.cfg") is not null, userFile is not null));
        return bound;
    }

    private static IEnumerable<Diagnostic> Unresolved(ClusterModel model, bool storageFilePresent, bool userFilePresent)
    {
        Diagnostic At(SourceSpan span, string message) => Diagnostic.At(DiagnosticIds.UnresolvedReference, span, message);
        var knowNodes = model.Corosync is { Nodes.Length: > 0 };
        foreach (var job in model.BackupJobs)
        {
            var name = $"backup job '{MessageText.Short(job.Id.Value)}'";
            if (storageFilePresent && job.Storage is { } storage && model.Storage(storage.Value) is null)
                yield return At(storage.Span, $"{name} writes to storage '{MessageText.Short(storage.Value)}', which is not in storage.cfg{EditDistance.DidYouMean(storage.Value, model.Storages.Select(s => s.Id.Value))}: every run fails.");
            if (userFilePresent && job.Pool is { } pool && model.Pools.All(p => p.Name.Value != pool.Value))
                yield return At(pool.Span, $"{name} backs up pool '{MessageText.Short(pool.Value)}', which is not in user.cfg{EditDistance.DidYouMean(pool.Value, model.Pools.Select(p => p.Name.Value))}: vzdump fails with \"pool '{MessageText.Short(pool.Value)}' does not exist\".");
            if (knowNodes && job.Node is { } node && model.Node(node.Value) is null)
                yield return At(node.Span, $"{name} runs only on node '{MessageText.Short(node.Value)}', which is not in corosync.conf{EditDistance.DidYouMean(node.Value, model.NodeNames)}: it never runs.");
            if (model.Guests.Length > 0)
                foreach (var vmid in job.VmIds.Concat(job.Exclude).Where(v => model.GuestById(v.Value) is null))
                    yield return At(vmid.Span, $"{name} names guest {vmid.Value}, which has no config in the cluster.");
        }
    }
}
