using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using PveLint.Tests;

namespace Linter.Cli.Tests.Support;

/// <summary>
/// Validates SARIF logs against the normative SARIF 2.1.0 schema (TestPaths.SarifSchema). That schema is
/// draft-04, which JsonSchema.Net 8 does not implement ("Cannot find dialect ... draft-04"); its keywords as
/// used there (type, properties, required, enum, minimum, $ref to #/definitions, additionalProperties ...)
/// mean the same in draft-07, so the schema is evaluated as draft-07 with the top-level draft-04 "id" removed
/// (no reference uses it; keeping it as $id makes JsonSchema.Net 8 fail with "Overwriting registered schemas").
/// </summary>
internal static class SarifSchema
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
    {
        var node = JsonNode.Parse(File.ReadAllText(TestPaths.SarifSchema))!.AsObject();
        Assert.Equal("http://json-schema.org/draft-04/schema#", node["$schema"]!.GetValue<string>());
        node["$schema"] = "http://json-schema.org/draft-07/schema#";
        node.Remove("id");
        return JsonSchema.FromText(node.ToJsonString(), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
    });

    public static void AssertValid(string sarif)
    {
        using var document = JsonDocument.Parse(sarif);
        var result = Schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid) return;
        var errors = (result.Details ?? []).Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")).Distinct().Take(30);
        Assert.Fail("SARIF does not validate against sarif-2.1.0.json:\n" + string.Join("\n", errors));
    }
}
