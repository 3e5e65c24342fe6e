using System.Text;
using System.Text.Json;
using PveLint.Cli.Reporting;

namespace Linter.Cli.Tests.Reporting;

public sealed class Utf8TextWriterStreamTests
{
    [Fact]
    public void Characters_split_across_writes_are_decoded_whole()
    {
        const string text = "vm:100 'é' on pve-€ 😀 done";
        var bytes = Encoding.UTF8.GetBytes(text);
        var output = new StringWriter();
        using (var stream = new Utf8TextWriterStream(output))
            foreach (var b in bytes) stream.Write([b]);

        Assert.Equal(text, output.ToString());
    }

    [Fact]
    public void A_json_writer_flushed_in_chunks_writes_what_it_writes_in_one_piece()
    {
        var whole = new StringWriter();
        var chunked = new StringWriter();
        Write(whole, flushEach: false);
        Write(chunked, flushEach: true);

        Assert.Equal(whole.ToString(), chunked.ToString());
        Assert.DoesNotContain("\r", chunked.ToString());
        Assert.Equal(2_000, JsonDocument.Parse(chunked.ToString()).RootElement.GetArrayLength());
    }

    private static void Write(TextWriter output, bool flushEach) => JsonOutput.Write(output, json =>
    {
        json.WriteStartArray();
        for (var i = 0; i < 2_000; i++)
        {
            json.WriteStringValue($"pve{i} — ärger {new string('x', i % 97)}");
            if (flushEach) json.Flush();
        }
        json.WriteEndArray();
    });
}
