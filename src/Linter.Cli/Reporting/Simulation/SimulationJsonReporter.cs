using System.Text.Json;
using PveLint.Simulation;
using PveLint.Simulation.Ceph;

namespace PveLint.Cli.Reporting.Simulation;

/// <summary>
/// The scenario table as JSON (schema documented in the README, "pvelint simulate"): field names are stable, enum
/// values are lower-case words, and nothing is omitted for being empty.
/// </summary>
public static class SimulationJsonReporter
{
    public const int SchemaVersion = 1;

    public static void Write(SimulationReport report, TextWriter output)
    {
        JsonOutput.Write(output, json =>
        {
            json.WriteStartObject();
            json.WriteNumber("schemaVersion", SchemaVersion);
            json.WriteString("tool", $"pvelint {report.ToolVersion}");
            json.WriteString("path", report.Path);
            WriteRun(json, report.Result);
            json.WriteEndObject();
        });
        output.WriteLine();
    }

    /// <summary>
    /// <c>maxFailures</c>, <c>notes</c> and <c>scenarios</c> as properties of the object being written: the body of
    /// <c>pvelint simulate --format json</c>, and <c>clusters[].simulation</c> of <c>scan --format json</c>.
    /// </summary>
    public static void WriteRun(Utf8JsonWriter json, SimulationResult result)
    {
        json.WriteNumber("maxFailures", result.MaxFailures);
        Strings(json, "notes", result.Notes);
        json.WriteStartArray("scenarios");
        foreach (var v in result.Scenarios)
        {
            JsonOutput.FlushIfFull(json);
            var s = v.Scenario;
            json.WriteStartObject();
            json.WriteString("id", s.Id);
            json.WriteString("title", s.Title);
            json.WriteString("kind", Word(s.Kind.ToString()));
            json.WriteNumber("failures", s.FailureCount);
            Strings(json, "failedNodes", s.FailedNodes);
            Strings(json, "failedSites", s.FailedSites);
            json.WriteBoolean("qdeviceLost", s.QDeviceLost);
            Strings(json, "assumptions", s.Assumptions);

            json.WriteStartObject("quorum");
            json.WriteString("undecidable", v.Quorum.Undecidable);
            json.WriteBoolean("splitBrain", v.Quorum.SplitBrain);
            json.WriteString("qdeviceDecision", v.Quorum.QDeviceDecision);
            json.WriteStartArray("partitions");
            foreach (var p in v.Quorum.Partitions)
            {
                json.WriteStartObject();
                Strings(json, "nodes", p.Partition.Nodes);
                json.WriteBoolean("reachesQDevice", p.Partition.ReachesQDevice);
                json.WriteString("state", Word(p.State.ToString()));
                json.WriteNumber("totalVotes", p.TotalVotes);
                json.WriteNumber("expectedVotes", p.ExpectedVotes);
                json.WriteNumber("quorum", p.Quorum);
                json.WriteBoolean("qdeviceVote", p.QDeviceVote);
                json.WriteString("explanation", p.Explanation);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();

            json.WriteStartArray("nodes");
            foreach (var n in v.Fencing.Nodes)
            {
                json.WriteStartObject();
                json.WriteString("node", n.Node);
                json.WriteString("fate", Word(n.Fate.ToString()));
                json.WriteString("reason", n.Reason);
                if (n.ResetAfterSeconds is { } seconds) json.WriteNumber("resetAfterSeconds", seconds);
                else json.WriteNull("resetAfterSeconds");
                json.WriteEndObject();
            }
            json.WriteEndArray();

            json.WriteStartObject("ha");
            json.WriteString("notEvaluated", v.Ha.NotEvaluated);
            // Only the services the scenario changes: a large cluster has thousands of scenarios × services.
            if (v.Ha.Plan is { } plan) json.WriteNumber("unaffected", plan.Services.Count - plan.Affected.Count());
            else json.WriteNull("unaffected");
            json.WriteStartArray("services");
            foreach (var svc in v.Ha.Plan?.Affected ?? [])
            {
                json.WriteStartObject();
                json.WriteString("sid", svc.Sid);
                json.WriteString("from", svc.From);
                json.WriteString("to", svc.To);
                json.WriteString("outcome", Word(svc.Outcome.ToString()));
                json.WriteString("crmState", svc.CrmState);
                json.WriteString("reason", svc.Reason);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
            WriteCeph(json, v.Ceph);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    /// <summary>The Ceph layer's verdict, or null when the model holds no Ceph data.</summary>
    private static void WriteCeph(Utf8JsonWriter json, CephVerdict? ceph)
    {
        if (ceph is null)
        {
            json.WriteNull("ceph");
            return;
        }
        json.WriteStartObject("ceph");
        json.WriteString("undecidable", ceph.Undecidable);
        var m = ceph.Monitors;
        json.WriteStartObject("monitors");
        json.WriteNumber("total", m.Total);
        json.WriteNumber("needed", m.Needed);
        json.WriteBoolean("quorum", m.HasQuorum);
        if (m.Winner is { } winner) json.WriteNumber("winner", winner);
        else json.WriteNull("winner");
        json.WriteStartArray("candidates");
        foreach (var c in m.Candidates) json.WriteNumberValue(c);
        json.WriteEndArray();
        Strings(json, "lost", m.Lost);
        Strings(json, "shared", m.Shared);
        json.WriteStartArray("sides");
        foreach (var side in m.Sides)
        {
            json.WriteStartObject();
            json.WriteNumber("partition", side.Partition);
            json.WriteString("name", side.Name);
            Strings(json, "monitors", side.Monitors);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteString("undecidable", m.Undecidable);
        json.WriteEndObject();
        json.WriteStartArray("lostOsds");
        foreach (var osd in ceph.LostOsds) json.WriteNumberValue(osd);
        json.WriteEndArray();
        json.WriteNumber("osdCount", ceph.OsdCount);
        json.WriteBoolean("degradedStretchMode", ceph.DegradedStretchMode);
        json.WriteStartArray("pools");
        foreach (var p in ceph.Pools)
        {
            json.WriteStartObject();
            json.WriteString("name", p.Pool.Name);
            json.WriteNumber("pgs", p.PgCount);
            json.WriteNumber("pgsInactive", p.PgsInactive);
            json.WriteNumber("minSize", p.MinSize);
            json.WriteBoolean("exact", p.Exact);
            json.WriteBoolean("blocks", p.Blocks);
            json.WriteString("reason", p.Reason);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("blockedServices");
        foreach (var b in ceph.BlockedServices)
        {
            json.WriteStartObject();
            json.WriteString("sid", b.Sid);
            json.WriteString("node", b.Node);
            json.WriteBoolean("recovered", b.Recovered);
            Strings(json, "pools", b.Pools);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Strings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var v in values) json.WriteStringValue(v);
        json.WriteEndArray();
    }

    /// <summary>SiteLoss → site-loss: stable lower-case words for enum values.</summary>
    private static string Word(string pascal) =>
        string.Concat(pascal.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "-" : "") + char.ToLowerInvariant(c) : c.ToString()));
}
