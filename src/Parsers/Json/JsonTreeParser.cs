using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using PveLint.Text;

namespace PveLint.Json;

/// <summary>The outcome of reading a JSON file: the root, or the first error and where it is.</summary>
public sealed record JsonParseResult(JsonNode? Root, string? Error, SourceSpan? ErrorSpan);

/// <summary>
/// Reads JSON with System.Text.Json's <see cref="Utf8JsonReader"/> into a <see cref="JsonNode"/> tree that keeps
/// each value's span. The JSON is strict (no comments, no trailing commas, one value), as both Ceph's dumps and
/// Perl's <c>decode_json</c> are. The reader is driven by a loop with an explicit stack (no recursion); nesting
/// deeper than the maximum depth is a syntax error, so hostile input cannot exhaust the stack.
/// </summary>
public static class JsonTreeParser
{
    /// <summary>Ceph's dumps nest at most about 6 levels; 64 is System.Text.Json's own default.</summary>
    public const int MaxDepth = 64;

    private sealed class Frame(JsonKind kind, int startChar)
    {
        public JsonKind Kind { get; } = kind;
        public int StartChar { get; } = startChar;
        public ImmutableArray<JsonMember>.Builder Members { get; } = ImmutableArray.CreateBuilder<JsonMember>();
        public ImmutableArray<JsonNode>.Builder Items { get; } = ImmutableArray.CreateBuilder<JsonNode>();
        public (string Name, SourceSpan Span)? PendingName { get; set; }
    }

    public static JsonParseResult Parse(SourceFile file, int maxDepth = MaxDepth)
    {
        var text = file.Text;
        // A UTF-8 byte order mark is not JSON; skip it like JsonDocument does.
        var charBase = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        var bytes = Encoding.UTF8.GetBytes(text, charBase, text.Length - charBase);
        var offsets = new ByteToCharOffsets(bytes, charBase);

        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = maxDepth, CommentHandling = JsonCommentHandling.Disallow });
        var stack = new Stack<Frame>();
        JsonNode? root = null;
        try
        {
            while (reader.Read())
            {
                var start = (int)reader.TokenStartIndex;
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        stack.Push(new Frame(reader.TokenType == JsonTokenType.StartObject ? JsonKind.Object : JsonKind.Array, offsets.CharAt(start)));
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                    {
                        var frame = stack.Pop();
                        var span = file.SpanOf(frame.StartChar, offsets.CharAt(start + 1) - frame.StartChar);
                        var node = new JsonNode(frame.Kind, span, null, frame.Members.ToImmutable(), frame.Items.ToImmutable());
                        Attach(stack, node, ref root);
                        break;
                    }
                    case JsonTokenType.PropertyName:
                    {
                        var startChar = offsets.CharAt(start);
                        var name = reader.GetString() ?? "";
                        var endChar = offsets.CharAt(start + reader.ValueSpan.Length + 2);
                        stack.Peek().PendingName = (name, file.SpanOf(startChar, endChar - startChar));
                        break;
                    }
                    default:
                    {
                        var startChar = offsets.CharAt(start);
                        var quoted = reader.TokenType == JsonTokenType.String ? 2 : 0;
                        var endChar = offsets.CharAt(start + reader.ValueSpan.Length + quoted);
                        var (kind, value) = reader.TokenType switch
                        {
                            JsonTokenType.String => (JsonKind.String, reader.GetString()),
                            JsonTokenType.Number => (JsonKind.Number, Encoding.UTF8.GetString(reader.ValueSpan)),
                            JsonTokenType.True => (JsonKind.True, (string?)null),
                            JsonTokenType.False => (JsonKind.False, null),
                            _ => (JsonKind.Null, null),
                        };
                        var node = new JsonNode(kind, file.SpanOf(startChar, endChar - startChar), value, [], []);
                        Attach(stack, node, ref root);
                        break;
                    }
                }
            }
        }
        catch (JsonException e)
        {
            var offset = ErrorByteOffset(bytes, e);
            var span = file.SpanOf(offsets.CharAtUnordered(offset), 0);
            return new JsonParseResult(null, Reason(e.Message), span);
        }
        catch (InvalidOperationException e)
        {
            // GetString() on malformed escapes/UTF-8 reports through InvalidOperationException.
            var span = file.SpanOf(offsets.CharAtUnordered((int)reader.TokenStartIndex), 0);
            return new JsonParseResult(null, Reason(e.Message), span);
        }

        if (root is null) return new JsonParseResult(null, "the file holds no JSON value", file.SpanOf(file.Text.Length, 0));
        return new JsonParseResult(root, null, null);
    }

    private static void Attach(Stack<Frame> stack, JsonNode node, ref JsonNode? root)
    {
        if (stack.Count == 0)
        {
            root = node;
            return;
        }
        var parent = stack.Peek();
        if (parent.Kind == JsonKind.Array)
        {
            parent.Items.Add(node);
        }
        else if (parent.PendingName is { } name)
        {
            parent.Members.Add(new JsonMember(name.Name, name.Span, node));
            parent.PendingName = null;
        }
    }

    /// <summary>
    /// The reader reports errors as a 0-based line (counting '\n' only) and a byte position in that line; turn that
    /// back into a byte offset so that lone '\r' line breaks and multi-byte characters land in the right column.
    /// </summary>
    private static int ErrorByteOffset(byte[] bytes, JsonException e)
    {
        long line = e.LineNumber ?? 0, inLine = e.BytePositionInLine ?? 0;
        var offset = 0;
        for (long l = 0; l < line && offset < bytes.Length; l++)
        {
            var next = Array.IndexOf(bytes, (byte)'\n', offset);
            if (next < 0) return bytes.Length;
            offset = next + 1;
        }
        return (int)Math.Min(bytes.Length, offset + inLine);
    }

    /// <summary>System.Text.Json appends "LineNumber: n | BytePositionInLine: m." to its messages; our span says that.</summary>
    private static string Reason(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        var reason = (cut >= 0 ? message[..cut] : message).Trim();
        return reason.TrimEnd('.');
    }

    /// <summary>Maps increasing byte offsets to char offsets in one pass over the bytes.</summary>
    private sealed class ByteToCharOffsets(byte[] bytes, int charBase)
    {
        private int _byte;
        private int _char = -1;

        public int CharAt(int byteOffset)
        {
            byteOffset = Math.Clamp(byteOffset, 0, bytes.Length);
            if (_char < 0) _char = charBase;
            if (byteOffset < _byte) return CharAtUnordered(byteOffset);
            _char += Encoding.UTF8.GetCharCount(bytes, _byte, byteOffset - _byte);
            _byte = byteOffset;
            return _char;
        }

        public int CharAtUnordered(int byteOffset)
        {
            byteOffset = Math.Clamp(byteOffset, 0, bytes.Length);
            return charBase + Encoding.UTF8.GetCharCount(bytes, 0, byteOffset);
        }
    }
}
