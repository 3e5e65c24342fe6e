using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using PveLint.Model;
using PveLint.Text;

namespace PveLint.Rules.Engine;

/// <summary>One accepted finding, keyed on content (rule, file, the text of its line, message), not on line numbers.</summary>
public sealed record BaselineEntry(
    [property: JsonPropertyName("rule")] string Rule,
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("fingerprint")] string Fingerprint,
    [property: JsonPropertyName("message")] string Message)
{
    /// <summary>Where the entry is written in the baseline file (when it was read from one), so a stale entry can be shown there.</summary>
    [JsonIgnore]
    public SourceSpan? Span { get; init; }
}

/// <summary>
/// A baseline file (<c>--baseline</c>, <c>--write-baseline</c>): findings that existed when it was written are
/// accepted; each entry absorbs one matching finding, so a second copy of the same problem is still reported.
/// Moving lines around does not invalidate it; editing the offending line does.
/// </summary>
public sealed class Baseline
{
    internal sealed record BaselineFile(
        [property: JsonPropertyName("version")] int Version,
        [property: JsonPropertyName("entries")] ImmutableArray<BaselineEntry> Entries);

    /// <summary>Relaxed escaping: the file is read in diffs, so a quote stays a quote (not <c>\u0027</c>); it is never embedded in HTML.</summary>
    private static readonly BaselineJsonContext Writing = new(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    public Baseline(IEnumerable<BaselineEntry> entries) => Entries = entries.ToImmutableArray();

    public ImmutableArray<BaselineEntry> Entries { get; }

    public static Baseline Empty { get; } = new([]);

    /// <summary>Reads a baseline; throws <see cref="FormatException"/> with a readable message when it is not one.</summary>
    /// <param name="path">The baseline file as reports show it (relative to the repository root): each entry's span points into it.</param>
    public static Baseline Parse(string json, string? path = null)
    {
        try
        {
            var file = JsonSerializer.Deserialize(json, BaselineJsonContext.Default.BaselineFile);
            if (file is null || file.Version != 1 || file.Entries.IsDefault)
                throw new FormatException("not a pvelint baseline (expected {\"version\": 1, \"entries\": [...]})");
            if (file.Entries.Any(e => e is null || e.Rule is null || e.Path is null || e.Fingerprint is null))
                throw new FormatException("a baseline entry lacks 'rule', 'path' or 'fingerprint'");
            if (path is null) return new Baseline(file.Entries);
            var spans = EntrySpans(new SourceFile(path, json));
            return new Baseline(file.Entries.Select((e, i) => i < spans.Count ? e with { Span = spans[i] } : e));
        }
        catch (JsonException e)
        {
            throw new FormatException($"invalid JSON at line {(e.LineNumber ?? 0) + 1}: {e.Message}");
        }
    }

    /// <summary>The span of every object in the top-level <c>entries</c> array, in order (the JSON is already known to be valid).</summary>
    private static List<SourceSpan> EntrySpans(SourceFile file)
    {
        var bytes = Encoding.UTF8.GetBytes(file.Text);
        var reader = new Utf8JsonReader(bytes);
        var spans = new List<SourceSpan>();
        var inEntries = false;
        long byteStart = 0, countedBytes = 0;
        int charStart = 0, counted = 0;
        int CharOffset(long byteOffset)
        {
            // Byte offsets grow through the file: convert only the part not converted yet.
            counted += Encoding.UTF8.GetCharCount(bytes, (int)countedBytes, (int)(byteOffset - countedBytes));
            countedBytes = byteOffset;
            return counted;
        }
        while (reader.Read())
        {
            if (reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.PropertyName) inEntries = reader.ValueTextEquals("entries");
            if (!inEntries || reader.CurrentDepth != 2) continue;
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                byteStart = reader.TokenStartIndex;
                charStart = CharOffset(byteStart);
            }
            else if (reader.TokenType == JsonTokenType.EndObject)
                spans.Add(file.SpanOf(charStart, CharOffset(reader.TokenStartIndex + 1) - charStart));
        }
        return spans;
    }

    public static Baseline FromFindings(IEnumerable<Finding> findings, ClusterModel model) =>
        new(findings.Select(f => new BaselineEntry(f.RuleId, f.Span?.Path ?? "", Fingerprint(f, model), f.Message))
            .OrderBy(e => e.Path, StringComparer.Ordinal).ThenBy(e => e.Rule, StringComparer.Ordinal).ThenBy(e => e.Fingerprint, StringComparer.Ordinal));

    public string Serialize() => JsonSerializer.Serialize(new BaselineFile(1, Entries), Writing.BaselineFile) + "\n";

    /// <summary>Hash of rule id, path, the trimmed text of the finding's first line and the message.</summary>
    public static string Fingerprint(Finding finding, ClusterModel model)
    {
        var lineText = finding.Span is { } s && model.Files.TryGetValue(s.Path, out var file) && s.Line <= file.LineCount
            ? file.LineText(s.Line).Trim()
            : "";
        var key = string.Join("\n", finding.RuleId, finding.Span?.Path ?? "", lineText, finding.Message);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..20].ToLowerInvariant();
    }
}
