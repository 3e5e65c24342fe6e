using CsCheck;
using PveLint.Binding;
using PveLint.HighAvailability;
using PveLint.Json;
using PveLint.Text;

namespace PveLint.Parsers.Tests.ManagerStatus;

/// <summary>The manager_status reader never throws and keeps every span inside the file.</summary>
public class ManagerStatusPropertyTests
{
    private static readonly string[] Samples =
    [
        "{\"master_node\":\"n1\",\"node_status\":{\"n1\":\"online\",\"n2\":\"fence\"},\"service_status\":{\"vm:100\":{\"node\":\"n1\",\"state\":\"started\"}}}",
        "{\n  \"service_status\": {\"ct:101\": {\"node\": \"né\", \"state\": \"error\", \"failed_nodes\": [\"n1\", 2, null, true]}},\n  \"timestamp\": 1.5e3\n}\n",
    ];

    private static readonly Gen<string> JsonLike =
        Gen.OneOf(Gen.Char["{}[]:,\" \n\r\\0123456789truefalsn.e-+é"], Gen.Char).Array[0, 300].Select(c => new string(c));

    private static void ReadAndCheck(string text)
    {
        var file = new SourceFile("etc/pve/ha/manager_status", text);
        var context = new BindContext();
        ManagerStatusReader.Read(file, context);
        SpanInvariants.AssertInside(file, context.Diagnostics);
        if (JsonTreeParser.Parse(file, ManagerStatusReader.MaxDepth).Root is { } root) CheckTree(file, root);
    }

    private static void CheckTree(SourceFile file, JsonNode node)
    {
        SpanInvariants.AssertInside(file, node.Span);
        foreach (var member in node.Members) { SpanInvariants.AssertInside(file, member.NameSpan); CheckTree(file, member.Value); }
        foreach (var item in node.Items) CheckTree(file, item);
    }

    [Fact]
    public void Json_like_text_never_throws() => JsonLike.Sample(ReadAndCheck, iter: 3000);

    [Fact]
    public void Arbitrary_strings_never_throw() => Gen.String.Sample(ReadAndCheck, iter: 2000);

    [Fact]
    public void Mutated_status_files_never_throw() => PropertyInputs.Mutations(Samples).Sample(ReadAndCheck, iter: 3000);

    [Fact]
    public void Huge_and_deep_inputs_are_read()
    {
        foreach (var text in PropertyInputs.HugeInputs()) ReadAndCheck(text);
        ReadAndCheck(string.Concat(Enumerable.Repeat("[", 100_000)));
        ReadAndCheck("{\"service_status\":{" + string.Join(",", Enumerable.Range(0, 50_000).Select(i => $"\"vm:{i}\":{{\"node\":\"n{i % 5}\",\"state\":\"started\"}}")) + "}}");
    }
}
