using System.Text.Json;
using Json.Schema;
using PveLint.Binding;
using PveLint.Diagnostics;
using PveLint.LinterConfiguration;
using PveLint.Text;
using PveLint.Tests;

namespace Linter.Cli.Tests.Schema;

/// <summary>
/// schemas/pvelint.schema.json is generated from <see cref="LinterConfigSchema"/>, the description the reader
/// checks against: the shipped file must equal the generated one, and every .pvelint.yaml of the repository
/// that the reader accepts must validate against it.
/// </summary>
public class LinterConfigSchemaTests
{
    private static string ShippedPath => Path.Combine(TestPaths.RepoRoot, "schemas", "pvelint.schema.json");

    private static readonly Lazy<JsonSchema> Shipped = new(() =>
        JsonSchema.FromText(File.ReadAllText(ShippedPath), new BuildOptions { SchemaRegistry = new SchemaRegistry() }));

    /// <summary>A file with every key the schema knows, at every level.</summary>
    private const string EveryKey = """
        $schema: https://raw.githubusercontent.com/pvelint/pvelint/main/schemas/pvelint.schema.json
        target: pve-9.1
        sites:
          north:
            nodes: [pve1]
            addresses: [10.1.0.0/24]
            role: data
            qdevice: false
            tiebreaker-monitor: false
          witness:
            role: witness
            qdevice: true
            tiebreaker-monitor: true
        latency-ms:
          north..witness: 12.5
        nodes:
          pve1: { memory-gib: 256, cores: 32 }
        redundancy-groups:
          dcs: [vm:101, vm:102]
        policy:
          rpo-minutes: 15
          max-failures: 2
          dr: cross-site
        rules:
          PVE2011: off
        select: [PVE2, PVE1001]
        ignore: [single-corosync-link]
        ignore-paths: ["nodes/lab-*/**"]
        suppressions:
          - rule: PVE2009
            object: vm:101
            reason: the pair is active/passive by design
            until: 2030-12-31

        """;

    [Fact]
    public void The_shipped_schema_is_the_generated_one()
    {
        var generated = JsonSchemaWriter.LinterConfig();
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1") File.WriteAllText(ShippedPath, generated);
        Assert.True(File.Exists(ShippedPath), $"missing {ShippedPath} (run with UPDATE_GOLDEN=1)");
        Assert.Equal(generated, File.ReadAllText(ShippedPath).ReplaceLineEndings("\n"));
    }

    [Fact]
    public void A_file_with_every_key_of_the_schema_is_read_without_a_problem_and_validates()
    {
        var context = new BindContext();
        LinterConfigReader.Read(new SourceFile(".pvelint.yaml", EveryKey), context);

        Assert.Empty(context.Diagnostics);
        Assert.Equal(KeyPaths(LinterConfigSchema.Root, ""), KeyPaths(JsonSerializer.SerializeToElement(YamlAsJson.Convert(EveryKey)), ""));
        AssertValid(EveryKey, "EveryKey");
    }

    [Theory]
    [InlineData("colour: red\n", "/colour")]
    [InlineData("target: pve-8.4\n", "/target")]
    [InlineData("policy:\n  max-failures: 9\n", "/policy/max-failures")]
    [InlineData("suppressions:\n  - rule: PVE2009\n    object: vm:101\n", "/suppressions/0")]
    [InlineData("suppressions:\n  - rule: PVE2009\n    object: vm:101\n    reason: r\n    until: next week\n", "/suppressions/0/until")]
    [InlineData("redundancy-groups:\n  g: [vm:101]\n", "/redundancy-groups/g")]
    public void What_the_reader_rejects_the_schema_rejects_too(string yaml, string location)
    {
        var context = new BindContext();
        LinterConfigReader.Read(new SourceFile(".pvelint.yaml", yaml), context);
        var reported = context.Diagnostics.Select(d => d.Id).Distinct().ToList();
        // A missing reason is the rule engine's PVE9004 (as for suppression comments), not a reader error.
        if (location == "/suppressions/0") Assert.Empty(reported);
        else Assert.Equal([DiagnosticIds.InvalidLinterConfig], reported);

        var result = Evaluate(yaml);
        Assert.False(result.IsValid);
        Assert.Contains(Errors(result), e => e.StartsWith(location, StringComparison.Ordinal));
    }

    public static TheoryData<string> RepositoryConfigs()
    {
        var root = TestPaths.RepoRoot;
        var files = new[] { "examples", Path.Combine("tests", "fixtures") }
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(root, d), ".pvelint.yaml", SearchOption.AllDirectories))
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/')).Order(StringComparer.Ordinal);
        return new TheoryData<string>(files);
    }

    [Theory]
    [MemberData(nameof(RepositoryConfigs))]
    public void Every_config_the_reader_accepts_validates_against_the_schema(string relative)
    {
        var text = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, relative));
        var context = new BindContext();
        LinterConfigReader.Read(new SourceFile(".pvelint.yaml", text), context);
        if (context.Diagnostics.Any(d => d.Id == DiagnosticIds.InvalidLinterConfig)) return; // a fixture of PVE9003 itself

        AssertValid(text, relative);
    }

    private static EvaluationResults Evaluate(string yaml)
    {
        var json = JsonSerializer.SerializeToElement(YamlAsJson.Convert(yaml));
        return Shipped.Value.Evaluate(json, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
    }

    private static IEnumerable<string> Errors(EvaluationResults result) =>
        (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"));

    private static void AssertValid(string yaml, string name)
    {
        var result = Evaluate(yaml);
        if (!result.IsValid) Assert.Fail($"{name} does not validate against schemas/pvelint.schema.json:\n" + string.Join("\n", Errors(result).Distinct().Take(20)));
    }

    /// <summary>Every key path the schema names (user-chosen names as '*').</summary>
    private static SortedSet<string> KeyPaths(ConfigShape shape, string prefix)
    {
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        switch (shape)
        {
            case ConfigMapping map:
                foreach (var key in map.Keys) { paths.Add(prefix + "/" + key.Name); paths.UnionWith(KeyPaths(key.Shape, prefix + "/" + key.Name)); }
                if (map.Entries is { } entries) paths.UnionWith(KeyPaths(entries, prefix + "/*"));
                break;
            case ConfigList list:
                paths.UnionWith(KeyPaths(list.Items, prefix + "/-"));
                break;
        }
        return paths;
    }

    /// <summary>Every key path of a document, with the names under free-form mappings as '*'.</summary>
    private static SortedSet<string> KeyPaths(JsonElement element, string prefix, ConfigShape? shape = null)
    {
        shape ??= LinterConfigSchema.Root;
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        if (element.ValueKind == JsonValueKind.Object && shape is ConfigMapping map)
            foreach (var property in element.EnumerateObject())
            {
                var fixedKey = map.Key(property.Name);
                var path = prefix + "/" + (fixedKey is null ? "*" : property.Name);
                if (fixedKey is not null) paths.Add(path);
                paths.UnionWith(KeyPaths(property.Value, path, fixedKey?.Shape ?? map.Entries));
            }
        else if (element.ValueKind == JsonValueKind.Array && shape is ConfigList list)
            foreach (var item in element.EnumerateArray()) paths.UnionWith(KeyPaths(item, prefix + "/-", list.Items));
        return paths;
    }
}
