using System.Collections.Immutable;

namespace PveLint.Analysis.HighAvailability.Rules;

/// <summary>
/// Guesses redundant instances of one service from guest names: names that are equal but for one part, where that
/// part is a small instance number (<c>dc01</c>/<c>dc02</c>, <c>web-1</c>/<c>web-2</c>, <c>k8s-cp-1</c>/<c>k8s-cp-2</c>),
/// a one-letter instance (<c>lb-a</c>/<c>lb-b</c>) or a replication or failover role
/// (<c>db-primary</c>/<c>db-replica</c>, <c>pg-master</c>/<c>pg-standby</c>, <c>fw-active</c>/<c>fw-passive</c>).
/// To keep false positives down it ignores version-like numbers (four digits and more: <c>ubuntu2204</c>,
/// <c>srv2019</c>), names whose stem is an operating system, a test/lab/template word or a generic guest word
/// (<c>win10</c>/<c>win11</c>, <c>debian11</c>/<c>debian12</c>, <c>test1</c>/<c>test2</c>, <c>vm1</c>/<c>vm2</c>), and stems
/// with fewer than two letters.
/// </summary>
public static class RedundantNames
{
    private static readonly char[] Separators = ['-', '_', '.'];

    /// <summary>Role words that name the members of a replicated or failover pair; a pair takes two of one family.</summary>
    private static readonly ImmutableArray<ImmutableHashSet<string>> RoleFamilies =
    [
        ["primary", "secondary", "tertiary", "replica", "standby", "master", "slave", "leader", "follower"],
        ["active", "passive", "standby"],
    ];

    /// <summary>Stems whose numbers are versions, test copies or plain counters rather than redundant instances.</summary>
    private static readonly ImmutableHashSet<string> IgnoredStems = ImmutableHashSet.Create(StringComparer.Ordinal,
        "win", "windows", "winsrv", "winserver", "w", "server", "debian", "deb", "ubuntu", "centos", "rhel", "rocky", "alma",
        "almalinux", "fedora", "suse", "opensuse", "sles", "alpine", "arch", "freebsd", "openbsd", "netbsd", "macos", "osx",
        "test", "tst", "testing", "dev", "devel", "lab", "demo", "temp", "tmp", "tpl", "template", "clone", "copy", "old",
        "new", "backup", "bak", "vm", "ct", "lxc", "guest", "student", "user", "client", "desktop", "vdi", "ws",
        "workstation", "pc", "sandbox", "scratch", "playground", "php", "python", "node", "java", "sql", "mssql", "oracle",
        "customer", "tenant", "kunde", "project", "proj", "class", "course", "exam", "team", "win10", "win11");

    /// <summary>Why two names were taken as one service: what differs between them.</summary>
    public enum Difference
    {
        InstanceNumber,
        InstanceLetter,
        Role,
    }

    /// <summary>The part that tells the instances apart, and the name with that part blanked out (the service).</summary>
    public sealed record NameKey(string Service, string Instance, Difference Difference);

    /// <summary>The ways this name can be one instance of a service (usually none or one).</summary>
    /// <remarks>Asked for every guest of every scan: the name's other tokens are joined only when a check needs them.</remarks>
    public static IReadOnlyList<NameKey> Keys(string name)
    {
        var lower = name.Trim().ToLowerInvariant();
        if (lower.Length == 0) return [];
        var tokens = Tokenize(lower);
        List<NameKey>? keys = null;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            // Separators do not tell services apart: etcd-1, etcd-2 and etcd03 are one.
            string? rest = null; // the other tokens, joined

            for (var f = 0; f < RoleFamilies.Length; f++)
                if (RoleFamilies[f].Contains(token) && LettersIn(rest ??= Joined(tokens, i, null)) >= 2)
                    (keys ??= []).Add(new NameKey(Joined(tokens, i, $"<role{f}>"), token, Difference.Role));

            if (token.Length == 1 && char.IsAsciiLetterLower(token[0]) && tokens.Count > 1 && LettersIn(rest ??= Joined(tokens, i, null)) >= 2 && !IgnoredStems.Contains(rest))
                (keys ??= []).Add(new NameKey(Joined(tokens, i, "<letter>"), token, Difference.InstanceLetter));

            var digits = 0;
            while (digits < token.Length && char.IsAsciiDigit(token[^(digits + 1)])) digits++;
            if (digits is 0 or > 3) continue;
            var stem = token[..^digits];
            if (stem.Length > 0 && !char.IsAsciiLetter(stem[^1])) continue; // "k8s" is a name, "x1y2" is not an instance
            rest ??= Joined(tokens, i, null);
            var service = rest + stem;
            if (LettersIn(service) < 2 || IgnoredStems.Contains(stem.Length > 0 ? stem : rest) || IgnoredStems.Contains(service)) continue;
            (keys ??= []).Add(new NameKey(Joined(tokens, i, stem + "<n>"), token[^digits..].TrimStart('0'), Difference.InstanceNumber));
        }
        return keys is null ? [] : keys;
    }

    /// <summary>Sets of two or more names that are instances of one service (each name in at most one set, first key wins).</summary>
    /// <remarks>Every guest name of a scan passes through here: loops, and a list only for a service some name is an instance of.</remarks>
    /// <param name="distinct">The names are already distinct ignoring case (the keys of a case-insensitive map): no set is made to tell them apart.</param>
    public static ImmutableArray<(NameKey Key, ImmutableArray<string> Names)> Group(IEnumerable<string> names, bool distinct = false)
    {
        // Candidate sets by service, in the order each service was first seen; one member per instance (the first).
        var seenNames = distinct ? null : new HashSet<string>(names is ICollection<string> known ? known.Count : 0, StringComparer.OrdinalIgnoreCase);
        var byService = new Dictionary<(string Service, Difference Difference), List<(string Name, NameKey Key)>>();
        var sets = new List<List<(string Name, NameKey Key)>>();
        foreach (var name in names)
        {
            if (string.IsNullOrWhiteSpace(name) || seenNames?.Add(name) == false) continue;
            foreach (var key in Keys(name))
            {
                if (!byService.TryGetValue((key.Service, key.Difference), out var set))
                {
                    byService[(key.Service, key.Difference)] = set = [];
                    sets.Add(set);
                }
                if (!set.Exists(m => m.Key.Instance == key.Instance)) set.Add((name, key));
            }
        }

        // Largest sets first, then by service; equal ones keep the order they were first seen in (a stable sort).
        var candidates = new List<(List<(string Name, NameKey Key)> Set, int Seen)>();
        for (var i = 0; i < sets.Count; i++)
            if (sets[i].Count >= 2) candidates.Add((sets[i], i));
        candidates.Sort(static (a, b) =>
            b.Set.Count != a.Set.Count ? b.Set.Count.CompareTo(a.Set.Count)
            : string.CompareOrdinal(a.Set[0].Key.Service, b.Set[0].Key.Service) is var byName and not 0 ? byName
            : a.Seen.CompareTo(b.Seen));

        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var result = ImmutableArray.CreateBuilder<(NameKey, ImmutableArray<string>)>();
        foreach (var (set, _) in candidates)
        {
            var members = set.FindAll(m => !taken.Contains(m.Name));
            if (members.Count < 2) continue;
            var memberNames = ImmutableArray.CreateBuilder<string>(members.Count);
            foreach (var m in members)
            {
                taken.Add(m.Name);
                memberNames.Add(m.Name);
            }
            result.Add((members[0].Key, memberNames.MoveToImmutable()));
        }
        return result.ToImmutable();
    }

    /// <summary>The list <see cref="Tokenize"/> fills: every guest name of a scan is split, and the parts never outlive <see cref="Keys"/>.</summary>
    [ThreadStatic] private static List<string>? t_tokens;

    /// <summary>The name's parts between separators (the separators themselves do not matter), in this thread's list.</summary>
    private static List<string> Tokenize(string name)
    {
        var tokens = t_tokens ??= [];
        tokens.Clear();
        var start = 0;
        for (var i = 0; i <= name.Length; i++)
        {
            if (i < name.Length && Array.IndexOf(Separators, name[i]) < 0) continue;
            tokens.Add(start == 0 && i == name.Length ? name : name[start..i]); // most names are one token
            start = i + 1;
        }
        return tokens;
    }

    /// <summary>The tokens joined, with token <paramref name="at"/> replaced by <paramref name="placeholder"/> (left out when null).</summary>
    private static string Joined(List<string> tokens, int at, string? placeholder)
    {
        if (tokens.Count == 1) return placeholder ?? "";
        var joined = new System.Text.StringBuilder();
        for (var j = 0; j < tokens.Count; j++) joined.Append(j == at ? placeholder : tokens[j]);
        return joined.ToString();
    }

    private static int LettersIn(string text)
    {
        var letters = 0;
        foreach (var c in text)
            if (char.IsAsciiLetter(c)) letters++;
        return letters;
    }
}
