using System.Collections.Immutable;
using PveLint.Binding;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Text;

namespace PveLint.SectionConfig;

/// <summary>
/// replication.cfg → replication jobs, as pve-guest-common <c>ReplicationConfig.pm parse_config</c> leaves them
/// (reference/pve-formats.md §2.2). PVE allows one job per guest and target: walking the job ids in string order,
/// it deletes every later job that repeats a (guest, target) pair.
/// </summary>
public static class ReplicationReader
{
    public static ImmutableArray<ReplicationJob> Read(SourceFile file, BindContext context) => Bind(file, context).Jobs;

    public static (BoundSectionConfig Config, ImmutableArray<ReplicationJob> Jobs) Bind(SourceFile file, BindContext context)
    {
        var config = SectionConfigBinder.Read(file, ReplicationSchema.File, context);
        var budget = DiagnosticBudget.ForFile(file, context.Report);
        // Sized from the file: a large cluster has a job per guest.
        var jobs = new List<ReplicationJob>(config.Effective.Length);
        foreach (var section in config.Accepted) jobs.Add(FromEntry(section.Entry));

        var kept = new Dictionary<(int Guest, string Target), ReplicationJob>(jobs.Count);
        var deleted = new HashSet<ReplicationJob>(ReferenceEqualityComparer.Instance);
        var byId = jobs.ToArray();
        Array.Sort(byId, static (a, b) => string.CompareOrdinal(a.Id.Value, b.Id.Value)); // ids are unique: the order is total
        foreach (var job in byId)
        {
            var key = (job.GuestId, job.Target?.Value ?? "");
            if (kept.TryGetValue(key, out var first))
            {
                budget.Report(new Diagnostic(DiagnosticIds.DuplicateSection,
                    $"Replication job '{MessageText.Short(job.Id.Value)}' replicates guest {job.GuestId} to node '{MessageText.Short(key.Item2)}' like job '{MessageText.Short(first.Id.Value)}' does: PVE deletes job '{MessageText.Short(job.Id.Value)}' when it reads the file ('replication job for guest already exists').",
                    job.Id.Span,
                    [new RelatedSpan(first.Id.Span, $"job '{MessageText.Short(first.Id.Value)}', which PVE keeps")]));
                deleted.Add(job);
                continue;
            }
            kept[key] = job;
        }

        budget.Flush();
        if (deleted.Count > 0) jobs.RemoveAll(deleted.Contains);
        return (config, [.. jobs]);
    }

    private static ReplicationJob FromEntry(SectionEntry entry)
    {
        var dash = entry.Id.Value.IndexOf('-');
        return new ReplicationJob(
            entry.Id,
            ToInt(entry.Id.Value[..dash]),
            ToInt(entry.Id.Value[(dash + 1)..]),
            entry.Get("target"),
            entry.Get("schedule"),
            entry.Get("rate"),
            entry.Get("disable")?.Value == "1",
            entry.Get("source"),
            entry);
    }

    private static int ToInt(string digits) => int.TryParse(digits, out var n) ? n : int.MaxValue;
}
