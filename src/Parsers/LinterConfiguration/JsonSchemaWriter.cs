using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PveLint.LinterConfiguration;

/// <summary>
/// Writes a <see cref="ConfigShape"/> tree as a JSON schema (draft-07, which editors' YAML and JSON language servers
/// understand). Generic over the shapes: a key added to <see cref="LinterConfigSchema"/> appears without a change here.
/// </summary>
public static class JsonSchemaWriter
{
    public const string Draft = "http://json-schema.org/draft-07/schema#";

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The schema of .pvelint.yaml, as shipped in schemas/pvelint.schema.json.</summary>
    public static string LinterConfig() => Write(LinterConfigSchema.Root, "pvelint configuration", LinterConfigSchema.PublishedUri);

    public static string Write(ConfigShape root, string title, string id)
    {
        var schema = new JsonObject
        {
            ["$schema"] = Draft,
            ["$id"] = id,
            ["title"] = title,
        };
        foreach (var (key, value) in Shape(root)) schema[key] = value?.DeepClone();
        return schema.ToJsonString(Options).ReplaceLineEndings("\n") + "\n";
    }

    private static JsonObject Shape(ConfigShape shape)
    {
        var node = new JsonObject { ["description"] = shape.Description };
        switch (shape)
        {
            case ConfigMapping map:
                node["type"] = "object";
                if (!map.Keys.IsEmpty)
                {
                    var properties = new JsonObject();
                    foreach (var key in map.Keys) properties[key.Name] = Shape(key.Shape);
                    node["properties"] = properties;
                    var required = map.Keys.Where(k => k.Required).Select(k => (JsonNode?)JsonValue.Create(k.Name)).ToArray();
                    if (required.Length > 0) node["required"] = new JsonArray(required);
                }
                if (map.NamePattern is { } pattern) node["propertyNames"] = new JsonObject { ["pattern"] = pattern };
                node["additionalProperties"] = map.Entries is { } entries ? Shape(entries) : false;
                break;
            case ConfigList list:
                node["type"] = "array";
                node["items"] = Shape(list.Items);
                if (list.MinItems > 0) node["minItems"] = list.MinItems;
                break;
            case ConfigText text:
                node["type"] = "string";
                if (!text.Choices.IsDefaultOrEmpty) node["enum"] = new JsonArray(text.Choices.Select(c => (JsonNode?)JsonValue.Create(c)).ToArray());
                if (text.Pattern is { } p) node["pattern"] = p;
                if (text.Format is { } f) node["format"] = f;
                if (text.NonEmpty) node["minLength"] = 1;
                break;
            case ConfigNumber number:
                node["type"] = number.WholeNumber ? "integer" : "number";
                if (number.Positive) node["exclusiveMinimum"] = 0;
                if (number.Minimum is { } min) node["minimum"] = min;
                if (number.Maximum is { } max) node["maximum"] = max;
                break;
            case ConfigFlag:
                node["type"] = "boolean";
                break;
        }
        return node;
    }
}
