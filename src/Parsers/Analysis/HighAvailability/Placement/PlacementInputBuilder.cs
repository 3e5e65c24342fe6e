using System.Collections.Immutable;
using PveLint.Model;

namespace PveLint.Analysis.HighAvailability.Placement;

/// <summary>
/// The steady state of a scanned cluster as placement input (reference §1.2, §1.5, §3.2): every node; every
/// vm/ct HA resource that is not <c>ignored</c>, on the node ha/manager_status keeps it on, else the node whose
/// directory holds its guest config; its CRM state from manager_status, else started or stopped as requested;
/// failback from a referenced group's <c>nofailback</c> (what the CRM's group migration sets), else the resource's
/// own; the guest's static load; the scheduler from datacenter.cfg; storage reachability from storage.cfg and
/// replication.cfg.
/// </summary>
public static class PlacementInputBuilder
{
    public static PlacementInput FromModel(ClusterModel model)
    {
        var nodes = model.Nodes.Select(n => new PlacementNode(
            n.Name,
            n.Capacity?.Cores,
            n.Capacity?.MemoryGiB is { } gib ? (long)(gib * 1024 * 1024 * 1024) : null)).ToImmutableArray();

        var services = ImmutableArray.CreateBuilder<PlacementService>();
        var unplaced = ImmutableArray.CreateBuilder<string>();
        foreach (var resource in model.Ha.Resources)
        {
            if (resource.Type is not ("vm" or "ct") || resource.EffectiveState == "ignored") continue;
            var status = model.Ha.Status?.Services.GetValueOrDefault(resource.Sid);
            var guest = model.GuestOf(resource);
            var node = status?.Node is { Length: > 0 } n ? n : guest?.Node;
            if (node is null)
            {
                unplaced.Add(resource.Sid);
                continue;
            }
            var requested = resource.EffectiveState switch
            {
                "stopped" => RequestedState.Stopped,
                "disabled" => RequestedState.Disabled,
                _ => RequestedState.Started,
            };
            services.Add(new PlacementService(
                resource.Sid,
                node,
                requested,
                CrmStateOf(status?.State, requested),
                Failback(model, resource),
                resource.MaxRestart?.Value ?? 1,
                resource.MaxRelocate?.Value ?? 1,
                guest is null ? null : GuestLoads.Of(guest)));
        }

        var scheduler = model.Datacenter?.Crs?.Ha?.Value == "static" ? CrsScheduler.Static : CrsScheduler.Basic;
        return new PlacementInput(nodes, services.ToImmutable(), scheduler, new ModelStorageReach(model)) { Unplaced = unplaced.ToImmutable() };
    }

    /// <summary>manager_status's state, or for a cluster without one the settled state of the requested one.</summary>
    private static CrmState CrmStateOf(string? state, RequestedState requested) => state switch
    {
        "started" or "request_start" or "request_start_balance" or "migrate" or "relocate" => CrmState.Started,
        "stopped" or "request_stop" => CrmState.Stopped,
        "fence" => CrmState.Fence,
        "recovery" => CrmState.Recovery,
        "error" => CrmState.Error,
        "freeze" => CrmState.Freeze,
        _ => requested == RequestedState.Started ? CrmState.Started : CrmState.Stopped,
    };

    /// <summary><c>migrate_groups_to_resources</c>: a resource in a group takes the group's <c>!nofailback</c> (a missing group: 1).</summary>
    private static bool Failback(ClusterModel model, HaResource resource)
    {
        if (resource.Group?.Value is not { } group) return resource.Failback?.Value ?? true;
        var definition = model.Ha.Groups.FirstOrDefault(g => g.Id.Value == group);
        return definition is null || !definition.NoFailback;
    }
}
