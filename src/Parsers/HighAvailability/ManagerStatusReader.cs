using System.Collections.Immutable;
using System.Text.Json;
using PveLint.Binding;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Text;

namespace PveLint.HighAvailability;

/// <summary>
/// ha/manager_status, the JSON the CRM master writes every round (pve-ha-manager <c>Manager.pm</c>; read back with
/// <c>json_reader</c> in <c>HA/Config.pm</c>, where an empty file is <c>{}</c>):
/// <c>{"master_node": "n1", "node_status": {"n1": "online", ...}, "service_status": {"vm:100": {"node": "n1",
/// "state": "started", "uid": ..., ...}}, "timestamp": ...}</c>. Text that is not JSON is PVE0001 at the position
/// System.Text.Json reports; JSON of another shape is PVE0010 at the offending value, and the rest is still read.
/// </summary>
public static class ManagerStatusReader
{
    public static ManagerStatus? Read(SourceFile file, BindContext context)
    {
        if (file.Text.Length == 0) return new ManagerStatus(file.Path, null, ImmutableDictionary<string, ServiceStatus>.Empty, ImmutableDictionary<string, string>.Empty);

        var (root, error) = ManagerStatusJsonParser.Parse(file);
        if (error is { } e)
        {
            context.Report(DiagnosticIds.SyntaxError, file.SpanOf(e.Offset, e.Offset < file.Text.Length ? 1 : 0),
                $"{file.Path} is not valid JSON ({e.Message}), so the HA manager cannot read it.");
            return null;
        }
        return Bind(file.Path, root!, context);
    }

    public static ManagerStatus? Bind(string path, ManagerStatusJsonNode root, BindContext context)
    {
        void Shape(ManagerStatusJsonNode node, string message) => context.Report(DiagnosticIds.UnreadableInput, node.Span, message);

        if (root is not ManagerStatusJsonObject status)
        {
            Shape(root, $"{path} holds a JSON {root.KindName}, not the object the HA manager writes, so it is ignored.");
            return null;
        }

        string? master = null;
        if (status["master_node"] is { } masterNode)
        {
            if (masterNode is ManagerStatusJsonScalar { Kind: JsonValueKind.String } s) master = s.Text;
            else Shape(masterNode, $"'master_node' in {path} is a JSON {masterNode.KindName}, not a node name, so it is ignored.");
        }

        var nodes = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in Members(status, "node_status", "an object of node states", path, Shape))
        {
            if (value is ManagerStatusJsonScalar { Kind: JsonValueKind.String } state) nodes[name.Value] = state.Text;
            else Shape(value, $"The state of node '{name.Value}' in {path} is a JSON {value.KindName}, not a string, so the node is ignored.");
        }

        var services = ImmutableDictionary.CreateBuilder<string, ServiceStatus>(StringComparer.Ordinal);
        foreach (var (sid, value) in Members(status, "service_status", "an object of services", path, Shape))
        {
            if (value is not ManagerStatusJsonObject service)
            {
                Shape(value, $"Service '{sid.Value}' in {path} is a JSON {value.KindName}, not an object, so it is ignored.");
                continue;
            }
            string? Field(string field)
            {
                if (service[field] is not { } node) return null;
                if (node is ManagerStatusJsonScalar { Kind: JsonValueKind.String } text) return text.Text;
                Shape(node, $"'{field}' of service '{sid.Value}' in {path} is a JSON {node.KindName}, not a string, so it is ignored.");
                return null;
            }
            services[sid.Value] = new ServiceStatus(sid.Value, Field("node"), Field("state"));
        }

        return new ManagerStatus(path, master, services.ToImmutable(), nodes.ToImmutable());
    }

    /// <summary>The members of an object-valued field (absent: none), reporting a field of another type.</summary>
    private static IEnumerable<(Located<string> Name, ManagerStatusJsonNode Value)> Members(
        ManagerStatusJsonObject status, string field, string expected, string path, Action<ManagerStatusJsonNode, string> shape)
    {
        switch (status[field])
        {
            case null:
                return [];
            case ManagerStatusJsonObject members:
                return members.Distinct().Select(p => (p.Name, p.Value));
            case var other:
                shape(other, $"'{field}' in {path} is a JSON {other.KindName}, not {expected}, so it is ignored.");
                return [];
        }
    }
}
