using System.Text.Encodings.Web;
using System.Text.Json;

namespace PveLint.Cli.Reporting.RuleList;

/// <summary>
/// <c>pvelint rules --format json</c>: a JSON array, one object per rule with exactly the fields
/// <c>id, name, severity, category, status, summary, helpUri</c> (README "Choosing rules"). Field names are stable.
/// </summary>
public static class RuleListJsonWriter
{
    public static void Write(IEnumerable<RuleListEntry> entries, TextWriter output)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartArray();
            foreach (var e in entries)
            {
                json.WriteStartObject();
                json.WriteString("id", e.Id);
                json.WriteString("name", e.Name);
                json.WriteString("severity", e.Severity);
                json.WriteString("category", e.Category);
                json.WriteString("status", e.Status);
                json.WriteString("summary", e.Summary);
                json.WriteString("helpUri", e.HelpUri);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        output.Write(System.Text.Encoding.UTF8.GetString(buffer.ToArray()).ReplaceLineEndings("\n"));
        output.Write('\n');
    }
}
