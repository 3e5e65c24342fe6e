using System.Collections.Immutable;
using PveLint.Ceph.Json;
using PveLint.Json;
using PveLint.Model;

namespace PveLint.Ceph.Health;

/// <summary>
/// <c>ceph health detail -f json</c> (and the <c>health</c> object of <c>ceph status -f json</c>):
/// <c>{ "status": "HEALTH_WARN", "checks": { "DEGRADED_STRETCH_MODE": { "severity", "summary": { "message" }, "muted" } } }</c>.
/// </summary>
public static class HealthJsonReader
{
    public static bool Looks(JsonNode root) => root.IsObject && root.Has("status") && root.Get("checks") is { IsObject: true };

    public static CephHealth Read(JsonNode health, DumpDiagnostics context)
    {
        var f = new JsonFields(health, "the health report", context);
        var checks = ImmutableArray.CreateBuilder<CephHealthCheck>();
        if (f.Object("checks") is { } checksNode)
        {
            foreach (var check in checksNode.Members)
            {
                if (!check.Value.IsObject) continue;
                var cf = new JsonFields(check.Value, $"health check {check.Name}", context);
                var message = cf.Object("summary")?.Get("message")?.AsString() ?? "";
                checks.Add(new CephHealthCheck(check.Name, cf.OptionalString("severity") ?? "", message, cf.OptionalBool("muted") ?? false, check.NameSpan));
            }
        }
        return new CephHealth(f.OptionalString("status") ?? "", checks.ToImmutable(), health.Span);
    }
}
