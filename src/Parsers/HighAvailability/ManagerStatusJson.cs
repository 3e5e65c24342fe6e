using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using PveLint.Model;
using PveLint.Text;

namespace PveLint.HighAvailability;

/// <summary>A JSON value of ha/manager_status with the span it was read from.</summary>
public abstract record ManagerStatusJsonNode(SourceSpan Span)
{
    /// <summary>"object", "array", "string", "number", "boolean" or "null", for messages.</summary>
    public abstract string KindName { get; }
}

public sealed record ManagerStatusJsonObject(ImmutableArray<ManagerStatusJsonProperty> Properties, SourceSpan Span) : ManagerStatusJsonNode(Span)
{
    public override string KindName => "object";

    /// <summary>The value of a member; for a repeated name the last one, as Perl's <c>decode_json</c> keeps it.</summary>
    public ManagerStatusJsonNode? this[string name] => Properties.LastOrDefault(p => p.Name.Value == name)?.Value;

    /// <summary>Members by name, the last of repeated names winning, in order of first appearance.</summary>
    public IEnumerable<ManagerStatusJsonProperty> Distinct() =>
        Properties.GroupBy(p => p.Name.Value, StringComparer.Ordinal).Select(g => g.Last());
}

public sealed record ManagerStatusJsonProperty(Located<string> Name, ManagerStatusJsonNode Value);

public sealed record ManagerStatusJsonArray(ImmutableArray<ManagerStatusJsonNode> Items, SourceSpan Span) : ManagerStatusJsonNode(Span)
{
    public override string KindName => "array";
}

/// <summary>A string, number, true/false or null. <see cref="Text"/> is the decoded string or the literal as written.</summary>
public sealed record ManagerStatusJsonScalar(JsonValueKind Kind, string Text, SourceSpan Span) : ManagerStatusJsonNode(Span)
{
    public override string KindName => Kind switch
    {
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };
}

/// <summary>
/// Reads JSON strictly, as Perl's <c>decode_json</c> does (no comments, no trailing commas; nesting up to 512 like
/// JSON::XS), into <see cref="ManagerStatusJsonNode"/>s with exact spans. System.Text.Json reports UTF-8 byte
/// positions; <see cref="Utf8Positions"/> turns them into character offsets of the file.
/// </summary>
public static class ManagerStatusJsonParser
{
    public const int MaxDepth = 512;

    /// <summary>The root value, or the error with its character offset when the text is not valid JSON.</summary>
    public static (ManagerStatusJsonNode? Root, (string Message, int Offset)? Error) Parse(SourceFile file)
    {
        var bytes = Encoding.UTF8.GetBytes(file.Text);
        var positions = new Utf8Positions(file.Text);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = MaxDepth, CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            if (!reader.Read()) return (null, ("the file holds no JSON value", file.Text.Length));
            var root = ReadValue(ref reader, file, positions);
            if (reader.Read()) throw new JsonException("'" + (char)bytes[reader.TokenStartIndex] + "' follows the end of the JSON value.");
            return (root, null);
        }
        catch (JsonException e)
        {
            var offset = e.LineNumber is { } line && e.BytePositionInLine is { } column
                ? positions.OffsetOfLineAndByte(line, column)
                : positions.CharOffset(reader.TokenStartIndex);
            return (null, (CleanMessage(e.Message), offset));
        }
    }

    private static ManagerStatusJsonNode ReadValue(ref Utf8JsonReader reader, SourceFile file, Utf8Positions positions)
    {
        var start = positions.CharOffset(reader.TokenStartIndex);
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
            {
                var properties = ImmutableArray.CreateBuilder<ManagerStatusJsonProperty>();
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var nameStart = positions.CharOffset(reader.TokenStartIndex);
                    var name = reader.GetString() ?? "";
                    var nameEnd = positions.CharOffset(reader.TokenStartIndex + TokenLength(ref reader));
                    var located = new Located<string>(name, file.SpanOf(nameStart, nameEnd - nameStart));
                    reader.Read();
                    properties.Add(new ManagerStatusJsonProperty(located, ReadValue(ref reader, file, positions)));
                }
                return new ManagerStatusJsonObject(properties.ToImmutable(), SpanTo(ref reader, file, positions, start));
            }
            case JsonTokenType.StartArray:
            {
                var items = ImmutableArray.CreateBuilder<ManagerStatusJsonNode>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    items.Add(ReadValue(ref reader, file, positions));
                return new ManagerStatusJsonArray(items.ToImmutable(), SpanTo(ref reader, file, positions, start));
            }
            default:
            {
                var (kind, text) = reader.TokenType switch
                {
                    JsonTokenType.String => (JsonValueKind.String, reader.GetString() ?? ""),
                    JsonTokenType.Number => (JsonValueKind.Number, Encoding.UTF8.GetString(reader.ValueSpan)),
                    JsonTokenType.True => (JsonValueKind.True, "true"),
                    JsonTokenType.False => (JsonValueKind.False, "false"),
                    _ => (JsonValueKind.Null, "null"),
                };
                return new ManagerStatusJsonScalar(kind, text, SpanTo(ref reader, file, positions, start));
            }
        }
    }

    /// <summary>The span from <paramref name="start"/> to the end of the current token.</summary>
    private static SourceSpan SpanTo(ref Utf8JsonReader reader, SourceFile file, Utf8Positions positions, int start)
    {
        var end = positions.CharOffset(reader.TokenStartIndex + TokenLength(ref reader));
        return file.SpanOf(start, end - start);
    }

    /// <summary>Bytes of the current token as written: strings and names include their quotes.</summary>
    private static long TokenLength(ref Utf8JsonReader reader)
    {
        var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        return reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName ? length + 2
            : reader.TokenType is JsonTokenType.StartObject or JsonTokenType.EndObject or JsonTokenType.StartArray or JsonTokenType.EndArray ? 1
            : length;
    }

    /// <summary>System.Text.Json ends its messages with " LineNumber: n | BytePositionInLine: m."; the span says that.</summary>
    private static string CleanMessage(string message)
    {
        var at = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (at >= 0 ? message[..at] : message).TrimEnd().TrimEnd('.');
    }

    /// <summary>Maps UTF-8 byte offsets of <c>Encoding.UTF8.GetBytes(text)</c> to character offsets, moving forward.</summary>
    private sealed class Utf8Positions(string text)
    {
        private long _byte;
        private int _char;

        public int CharOffset(long byteOffset)
        {
            if (byteOffset < _byte) { _byte = 0; _char = 0; }
            while (_char < text.Length && _byte < byteOffset)
            {
                var c = text[_char];
                if (char.IsHighSurrogate(c) && _char + 1 < text.Length && char.IsLowSurrogate(text[_char + 1])) { _byte += 4; _char += 2; }
                else { _byte += c < 0x80 ? 1 : c < 0x800 ? 2 : 3; _char++; }
            }
            return _char;
        }

        /// <summary>The character offset of a 0-based line (counted by '\n', as System.Text.Json does) and byte column.</summary>
        public int OffsetOfLineAndByte(long line, long bytePosition)
        {
            var lineStart = 0;
            for (long n = 0; n < line && lineStart < text.Length; n++)
            {
                var next = text.IndexOf('\n', lineStart);
                if (next < 0) return text.Length;
                lineStart = next + 1;
            }
            _byte = 0;
            _char = 0;
            var lineStartByte = Encoding.UTF8.GetByteCount(text.AsSpan(0, lineStart));
            return CharOffset(lineStartByte + bytePosition);
        }
    }
}
