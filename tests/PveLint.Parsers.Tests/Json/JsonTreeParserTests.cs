using PveLint.Json;
using PveLint.Text;

namespace PveLint.Parsers.Tests.Json;

public class JsonTreeParserTests
{
    private static JsonParseResult Parse(string text) => JsonTreeParser.Parse(new SourceFile("ceph/x.json", text));

    [Fact]
    public void Values_and_member_names_keep_exact_spans()
    {
        var root = Parse("{\n  \"name\": \"pve1\",\n  \"w\\u00e9\": [1, -2.5e3, true, null],\n  \"é\": {\"k\": \"v\"}\n}").Root!;
        Assert.Equal(new SourceSpan("ceph/x.json", 1, 1, 5, 2), root.Span);

        var name = root.Member("name")!;
        Assert.Equal(SourceSpan.OnLine("ceph/x.json", 2, 3, 6), name.NameSpan);
        Assert.Equal(SourceSpan.OnLine("ceph/x.json", 2, 11, 6), name.Value.Span);
        Assert.Equal("pve1", name.Value.AsString());

        // The escaped name is unescaped, and its span covers the escape as written (9 characters with quotes).
        var array = root.Member("wé")!;
        Assert.Equal(SourceSpan.OnLine("ceph/x.json", 3, 3, 9), array.NameSpan);
        Assert.Equal(["1", "-2.5e3", null, null], array.Value.Items.Select(i => i.Text));
        Assert.Equal(SourceSpan.OnLine("ceph/x.json", 3, 18, 6), array.Value.Items[1].Span);
        Assert.Equal(-2500, array.Value.Items[1].AsInt64());
        Assert.True(array.Value.Items[2].AsBool());

        // Columns count characters, not UTF-8 bytes.
        var nested = root.Member("é")!;
        Assert.Equal(SourceSpan.OnLine("ceph/x.json", 4, 3, 3), nested.NameSpan);
        Assert.Equal(SourceSpan.OnLine("ceph/x.json", 4, 8, 10), nested.Value.Span);
    }

    [Theory]
    [InlineData("{\n  \"a\": 1,\n  \"b\": x\n}", 3, 8)]
    [InlineData("{\"é\": x}", 1, 7)]
    [InlineData("{\r\"a\": x}", 2, 6)]
    [InlineData("{\"a\": 1} trailing", 1, 10)]
    [InlineData("{\"a\": [1, 2,]}", 1, 13)]
    [InlineData("{\"a\": 1,\r\"b\": 2,\r\n\"c\": \"x\r\n\"}", 3, 8)]
    [InlineData("{\"a\": 1,\r\"b\": 2,\r\"c\": \"x\r\n\"}", 3, 8)]
    public void Errors_have_the_line_and_column_of_the_offending_character(string text, int line, int column)
    {
        var result = Parse(text);
        Assert.Null(result.Root);
        Assert.NotNull(result.Error);
        Assert.Equal((line, column), (result.ErrorSpan!.Value.Line, result.ErrorSpan.Value.Column));
    }

    [Fact]
    public void Truncated_json_reports_the_end_of_the_file()
    {
        var result = Parse("{\n  \"mons\": [\n    {\"name\": \"pve1\"");
        Assert.Null(result.Root);
        Assert.Equal(3, result.ErrorSpan!.Value.Line);
    }

    [Theory]
    [InlineData('[')]
    [InlineData('{')]
    public void Deep_nesting_is_a_syntax_error_not_a_stack_overflow(char open)
    {
        var text = open == '[' ? new string('[', 10_000) : string.Concat(Enumerable.Repeat("{\"a\":", 10_000));
        var result = Parse(text);
        Assert.Null(result.Root);
        Assert.Contains("depth", result.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, result.ErrorSpan!.Value.Line);
    }

    [Fact]
    public void Nesting_up_to_the_limit_is_read()
    {
        var depth = JsonTreeParser.MaxDepth;
        var result = Parse(new string('[', depth) + new string(']', depth));
        Assert.NotNull(result.Root);
    }

    [Fact]
    public void The_depth_limit_can_be_raised_for_perl_readers()
    {
        var text = new string('[', 500) + new string(']', 500);
        Assert.Null(Parse(text).Root);
        Assert.NotNull(JsonTreeParser.Parse(new SourceFile("ceph/x.json", text), maxDepth: 512).Root);
    }

    [Fact]
    public void A_byte_order_mark_is_skipped_and_columns_still_count_from_the_file_start()
    {
        var result = Parse("\uFEFF{\"a\": x}");
        Assert.Equal((1, 8), (result.ErrorSpan!.Value.Line, result.ErrorSpan.Value.Column));
        Assert.Equal(2, Parse("\uFEFF{\"a\": 1}").Root!.Span.Column);
    }

    [Fact]
    public void Duplicate_members_are_kept_and_the_first_one_answers()
    {
        var root = Parse("{\"a\": 1, \"a\": 2}").Root!;
        Assert.Equal(2, root.Members.Length);
        Assert.Equal(1, root.Get("a")!.AsInt32());
    }

    [Fact]
    public void Repeated_names_can_be_read_the_perl_way_with_the_last_one_winning()
    {
        var root = Parse("{\"a\": 1, \"b\": 2, \"a\": 3}").Root!;
        Assert.Equal(3, root.LastMember("a")!.Value.AsInt32());
        Assert.Equal(SourceSpan.OnLine("ceph/x.json", 1, 18, 3), root.LastMember("a")!.NameSpan);
        Assert.Null(root.LastMember("c"));
        Assert.Equal([("a", "3"), ("b", "2")], root.LastMembers().Select(m => (m.Name, m.Value.Text)));
    }

    [Theory]
    [InlineData("{}", "object", "an object")]
    [InlineData("[]", "array", "an array")]
    [InlineData("\"s\"", "string", "a string")]
    [InlineData("1", "number", "a number")]
    [InlineData("false", "boolean", "a boolean")]
    [InlineData("null", "null", "null")]
    public void Types_are_named_for_messages(string text, string typeName, string described)
    {
        var root = Parse(text).Root!;
        Assert.Equal((typeName, described), (root.TypeName, root.Describe()));
    }
}
