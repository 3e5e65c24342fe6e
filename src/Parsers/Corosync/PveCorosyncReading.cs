using PveLint.Text;

namespace PveLint.Corosync;

/// <summary>A word of the file as PVE's parser splits it, with where it is.</summary>
internal sealed record PveWord(string Text, int Line, int Column);

/// <summary>A node or interface block PVE's parser read: the word that opened it, the key it files it under, and
/// the later block with the same key that replaces it (null: the block is kept).</summary>
internal sealed record PveBlock(PveWord Header, string Key, PveBlock? ReplacedBy);

/// <summary>
/// What <c>PVE::Corosync::parse_conf</c> (pve-cluster) makes of a corosync.conf, step by step as the Perl does it:
/// drop '#' to the end of each line, split the file into words at white space, then read <c>name {</c>, <c>}</c> and
/// <c>key: value</c> word by word. It dies on a repeated section other than node and interface ('section 'x' already
/// exists and not marked as array!'), on a '}' with nothing open, on a key without ':' or value, and when
/// <c>node</c> or <c>interface</c> was set as a key (Perl's strict refs: 'Can't use string ("x") as an ARRAY ref').
/// Afterwards it files the node blocks under <c>name // ring0_addr</c> and the interface blocks under
/// <c>linknumber // ringnumber</c>, so of two blocks with the same key only the later survives (issue 7 class 14).
/// </summary>
internal sealed class PveCorosyncReading
{
    private PveCorosyncReading(string? death, PveWord? deathAt, IReadOnlyList<PveBlock> nodes, IReadOnlyList<PveBlock> interfaces)
    {
        Death = death;
        DeathAt = deathAt;
        Nodes = nodes;
        Interfaces = interfaces;
    }

    /// <summary>The message PVE's parser dies with, or null.</summary>
    public string? Death { get; }

    /// <summary>The word it dies at (the key set as 'node: x' when it dies after reading).</summary>
    public PveWord? DeathAt { get; }

    public IReadOnlyList<PveBlock> Nodes { get; }

    public IReadOnlyList<PveBlock> Interfaces { get; }

    private static readonly string[] ArraySections = ["node", "interface"];

    /// <summary>A Perl hash of the parse: a value is a string (with the word of its key), a section, or a list of sections.</summary>
    private sealed class Section : Dictionary<string, object>
    {
        public Section(PveWord? header) : base(StringComparer.Ordinal) => Header = header;

        public PveWord? Header { get; }

        public Dictionary<string, PveWord> KeyWords { get; } = new(StringComparer.Ordinal);
    }

    public static PveCorosyncReading Of(SourceFile file)
    {
        if (file.Text is "" or "0") return new PveCorosyncReading(null, null, [], []); // 'return {} if !$raw'
        var words = Words(file);
        var main = new Section(null);
        var stack = new Stack<Section>();
        var section = main;
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            var next = i + 1 < words.Count ? words[i + 1] : null;
            if (next is { Text: "{" })
            {
                i++;
                var opened = new Section(word);
                if (ArraySections.Contains(word.Text))
                {
                    if (!section.TryGetValue(word.Text, out var list)) section[word.Text] = list = new List<Section>();
                    if (list is not List<Section> blocks) return Died($"Can't use string (\"{Perl(list)}\") as an ARRAY ref while \"strict refs\" in use", word);
                    blocks.Add(opened);
                }
                else if (!section.ContainsKey(word.Text)) section[word.Text] = opened;
                else return Died($"section '{word.Text}' already exists and not marked as array!", word);
                stack.Push(section);
                section = opened;
                continue;
            }
            if (word.Text == "}")
            {
                if (stack.Count == 0) return Died("parse error - uncexpected '}'", word);
                section = stack.Pop();
                continue;
            }
            if (!word.Text.EndsWith(':')) return Died($"missing ':' after key '{word.Text}'", word);
            var key = word.Text[..^1];
            if (next is null) return Died($"parse error - no value for '{key}'", word);
            i++;
            section[key] = next.Text;
            section.KeyWords[key] = word;
        }

        // 'make working with the config way easier': key the node and interface blocks.
        var nodes = new List<PveBlock>();
        var interfaces = new List<PveBlock>();
        foreach (var (name, list, keys, into) in new[] { ("nodelist", "node", new[] { "name", "ring0_addr" }, nodes), ("totem", "interface", ["linknumber", "ringnumber"], interfaces) })
        {
            if (!main.TryGetValue(name, out var parent)) continue;
            if (parent is not Section p) return Died($"Can't use string (\"{Perl(parent)}\") as a HASH ref while \"strict refs\" in use", main.KeyWords[name]);
            if (!p.TryGetValue(list, out var blocks)) continue;
            if (blocks is not List<Section> sections)
                return Died($"Can't use string (\"{Perl(blocks)}\") as an ARRAY ref while \"strict refs\" in use", p.KeyWords.GetValueOrDefault(list) ?? p.Header!);
            into.AddRange(Keyed(sections, keys));
        }
        return new PveCorosyncReading(null, null, nodes, interfaces);
    }

    /// <summary>Perl's <c>{ map { $_->{a} // $_->{b} => $_ } @blocks }</c>: the last block of each key wins.</summary>
    private static List<PveBlock> Keyed(List<Section> sections, string[] keys)
    {
        var blocks = new List<PveBlock>();
        for (var i = sections.Count - 1; i >= 0; i--)
        {
            var section = sections[i];
            var value = keys.Select(k => section.GetValueOrDefault(k)).FirstOrDefault(v => v is not null);
            // A section under that name stringifies as HASH(0x...), unique; undef is the empty key.
            var key = value switch { string s => s, null => "", _ => $"HASH({i})" };
            blocks.Insert(0, new PveBlock(section.Header!, key, blocks.FirstOrDefault(b => b.Key == key)));
        }
        return blocks;
    }

    private static PveCorosyncReading Died(string message, PveWord at) => new(message, at, [], []);

    /// <summary>What Perl prints for a value used as a reference (a hash: HASH(0x...)).</summary>
    private static string Perl(object value) => value is string s ? (s.Length > 32 ? s[..32] + "\"..." : s) : "HASH(0x...)";

    private static List<PveWord> Words(SourceFile file)
    {
        var words = new List<PveWord>();
        for (var line = 1; line <= file.LineCount; line++) words.AddRange(WordsOfLine(file.LineText(line), line));
        return words;
    }

    /// <summary>
    /// <c>s/#.*$//mg</c> then <c>split(/\s/)</c> after collapsing white space: the words of one line up to its first '#'.
    /// </summary>
    public static List<PveWord> WordsOfLine(string text, int line)
    {
        var words = new List<PveWord>();
        var hash = text.IndexOf('#');
        if (hash >= 0) text = text[..hash];
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var blank = i == text.Length || PerlText.IsSpace(text[i]);
            if (!blank && start < 0) start = i;
            else if (blank && start >= 0)
            {
                words.Add(new PveWord(text[start..i], line, start + 1));
                start = -1;
            }
        }
        return words;
    }
}
