using System.Text.Encodings.Web;
using System.Text.Json;

namespace PveLint.Cli.Reporting;

/// <summary>
/// The JSON reports are written straight to their output, a chunk at a time: with the simulation, a large cluster's
/// report runs to hundreds of MB (the goal cluster's: 344 MB), which a buffer, its copy and its decoded text held
/// several times over (2.4 GB of memory).
/// </summary>
internal static class JsonOutput
{
    private const int ChunkBytes = 64 * 1024;

    /// <summary>Runs <paramref name="body"/> on a JSON writer (indented, "\n" line breaks on every platform) whose bytes go to <paramref name="output"/> as text.</summary>
    public static void Write(TextWriter output, Action<Utf8JsonWriter> body, JavaScriptEncoder? encoder = null)
    {
        using var sink = new Utf8TextWriterStream(output);
        using var json = new Utf8JsonWriter(sink, new JsonWriterOptions { Indented = true, NewLine = "\n", Encoder = encoder });
        body(json);
    }

    /// <summary>Hands what the writer holds to its output once it holds a chunk (call between elements of a long array).</summary>
    public static void FlushIfFull(Utf8JsonWriter json)
    {
        if (json.BytesPending >= ChunkBytes) json.Flush();
    }
}
