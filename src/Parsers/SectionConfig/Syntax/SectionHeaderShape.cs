using PveLint.Text;
namespace PveLint.SectionConfig.Syntax;

/// <summary>
/// Which lines a format's <c>parse_section_header</c> takes as a section header. Every PVE plugin uses
/// <c>^(\S+):\s*(ID)\s*$</c>, where ID is <c>\S+</c> (storage, HA) or <c>\d+-\d+</c> (replication.cfg,
/// pve-guest-common ReplicationConfig.pm). A line that does not match is no header at all, so it is ignored,
/// not a section with a bad id.
/// </summary>
public sealed class SectionHeaderShape
{
    private delegate bool IdRule(ReadOnlySpan<char> id);

    private readonly IdRule _idMatches;

    private SectionHeaderShape(string description, IdRule idMatches)
    {
        Description = description;
        _idMatches = idMatches;
    }

    /// <summary><c>^(\S+):\s*(\S+)\s*$</c> — SectionConfig.pm and the storage and HA plugins.</summary>
    public static SectionHeaderShape AnyId { get; } = new("<type>: <id>", _ => true);

    /// <summary><c>^(\S+):\s*(\d+)-(\d+)\s*$</c> — replication.cfg.</summary>
    public static SectionHeaderShape JobId { get; } = new("<type>: <guest>-<jobnum>", IsJobId);

    public string Description { get; }

    /// <summary>
    /// Matches one line (without its '\n'). The type is the text before the colon, the id the last run of
    /// non-spaces. With no space at all (<c>vm:100</c>) Perl's greedy <c>(\S+):</c> splits at the last colon that
    /// leaves a non-empty id, which is what this does too.
    /// </summary>
    public bool TryMatch(ReadOnlySpan<char> line, out (int Start, int Length) type, out (int Start, int Length) id)
    {
        type = id = default;
        if (line.Length == 0 || PerlText.IsSpace(line[0])) return false;
        var end = PerlText.TrimEnd(line, 0, line.Length);

        var firstSpace = -1;
        for (var i = 0; i < end; i++)
            if (PerlText.IsSpace(line[i])) { firstSpace = i; break; }

        if (firstSpace < 0)
        {
            // "type:id" without spaces: the last colon that has at least one character on both sides.
            for (var c = end - 2; c >= 1; c--)
            {
                if (line[c] != ':') continue;
                if (!_idMatches(line[(c + 1)..end])) return false;
                type = (0, c);
                id = (c + 1, end - c - 1);
                return true;
            }
            return false;
        }

        // "type: id": one token ending in ':', spaces, one more token, nothing else.
        if (firstSpace < 2 || line[firstSpace - 1] != ':') return false;
        var idStart = PerlText.SkipSpaces(line, firstSpace, end);
        for (var i = idStart; i < end; i++)
            if (PerlText.IsSpace(line[i])) return false;
        if (!_idMatches(line[idStart..end])) return false;
        type = (0, firstSpace - 1);
        id = (idStart, end - idStart);
        return true;
    }

    private static bool IsJobId(ReadOnlySpan<char> id)
    {
        var dash = id.IndexOf('-');
        if (dash <= 0 || dash == id.Length - 1) return false;
        for (var i = 0; i < id.Length; i++)
            if (i != dash && !PerlText.IsDigit(id[i])) return false;
        return true;
    }
}
