using System.Collections.Immutable;
using PveLint.Binding;
using PveLint.Diagnostics;
using PveLint.Json;
using PveLint.Model;
using PveLint.Text;

namespace PveLint.HighAvailability;

/// <summary>
/// ha/manager_status, the JSON the CRM master writes every round (pve-ha-manager <c>Manager.pm</c>; read back with
/// <c>json_reader</c> in <c>HA/Config.pm</c>, where an empty file is <c>{}</c>):
/// <c>{"master_node": "n1", "node_status": {"n1": "online", ...}, "service_status": {"vm:100": {"node": "n1",
/// "state": "started", "uid": ..., ...}}, "timestamp": ...}</c>. Text that is not JSON is PVE0001 at the position
/// System.Text.Json reports; JSON of another shape is PVE0010 at the offending value, and the rest is still read.
/// A repeated name keeps its last value, as Perl's <c>decode_json</c> does.
/// </summary>
public static class ManagerStatusReader
{
    /// <summary>The nesting JSON::XS (behind <c>decode_json</c>) accepts by default.</summary>
    public const int MaxDepth = 512;

    public static ManagerStatus? Read(SourceFile file, BindContext context)
    {
        if (file.Text.Length == 0) return new ManagerStatus(file.Path, null, ImmutableDictionary<string, ServiceStatus>.Empty, ImmutableDictionary<string, string>.Empty);

        var json = JsonTreeParser.Parse(file, MaxDepth);
        if (json.Root is not { } root)
        {
            context.Report(DiagnosticIds.SyntaxError, OffendingCharacter(file, json.ErrorSpan!.Value),
                $"{file.Path} is not valid JSON ({json.Error}), so the HA manager cannot read it.");
            return null;
        }
        return Bind(file.Path, root, context);
    }

    public static ManagerStatus? Bind(string path, JsonNode root, BindContext context)
    {
        void Shape(JsonNode node, string message) => context.Report(DiagnosticIds.UnreadableInput, node.Span, message);

        if (!root.IsObject)
        {
            Shape(root, $"{path} holds a JSON {root.TypeName}, not the object the HA manager writes, so it is ignored.");
            return null;
        }

        string? master = null;
        if (root.LastMember("master_node")?.Value is { } masterNode)
        {
            if (masterNode.Kind == JsonKind.String) master = masterNode.Text;
            else Shape(masterNode, $"'master_node' in {path} is a JSON {masterNode.TypeName}, not a node name, so it is ignored.");
        }

        var nodes = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in Members(root, "node_status", "an object of node states", path, Shape))
        {
            if (value.Kind == JsonKind.String) nodes[name] = value.Text!;
            else Shape(value, $"The state of node '{name}' in {path} is a JSON {value.TypeName}, not a string, so the node is ignored.");
        }

        var services = ImmutableDictionary.CreateBuilder<string, ServiceStatus>(StringComparer.Ordinal);
        foreach (var (sid, service) in Members(root, "service_status", "an object of services", path, Shape))
        {
            if (!service.IsObject)
            {
                Shape(service, $"Service '{sid}' in {path} is a JSON {service.TypeName}, not an object, so it is ignored.");
                continue;
            }
            string? Field(string field)
            {
                if (service.LastMember(field)?.Value is not { } node) return null;
                if (node.Kind == JsonKind.String) return node.Text;
                Shape(node, $"'{field}' of service '{sid}' in {path} is a JSON {node.TypeName}, not a string, so it is ignored.");
                return null;
            }
            services[sid] = new ServiceStatus(sid, Field("node"), Field("state"));
        }

        return new ManagerStatus(path, master, services.ToImmutable(), nodes.ToImmutable());
    }

    /// <summary>The members of an object-valued field (absent: none), reporting a field of another type.</summary>
    private static IEnumerable<(string Name, JsonNode Value)> Members(
        JsonNode status, string field, string expected, string path, Action<JsonNode, string> shape)
    {
        switch (status.LastMember(field)?.Value)
        {
            case null:
                return [];
            case { IsObject: true } members:
                return members.LastMembers().Select(m => (m.Name, m.Value));
            case var other:
                shape(other, $"'{field}' in {path} is a JSON {other.TypeName}, not {expected}, so it is ignored.");
                return [];
        }
    }

    /// <summary>
    /// The character at a syntax error, so editors underline it. A line break is not underlined: a one-character
    /// span over the '\r' of "\r\n" would end between the two characters, outside any line.
    /// </summary>
    private static SourceSpan OffendingCharacter(SourceFile file, SourceSpan at)
    {
        var offset = file.LineStart(at.Line) + at.Column - 1;
        var width = offset < file.Text.Length && file.Text[offset] is not ('\r' or '\n') ? 1 : 0;
        return file.SpanOf(offset, width);
    }
}
