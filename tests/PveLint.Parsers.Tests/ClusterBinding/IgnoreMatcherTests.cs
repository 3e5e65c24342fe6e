using System.Text;
using System.Text.RegularExpressions;
using CsCheck;
using PveLint.Binding;
using PveLint.Model;
using PveLint.Text;

namespace PveLint.Parsers.Tests.ClusterBinding;

public class IgnoreMatcherTests
{
    private static Func<string, bool> Matcher(params string[] globs) =>
        IgnoreMatcher.Create(globs.Select(g => new Located<string>(g, SourceSpan.WholeFile(".pvelint.yaml"))));

    [Theory]
    [InlineData("nodes/lab-*/**", "etc/pve/nodes/lab-1/qemu-server/100.conf", true)]
    [InlineData("nodes/lab-*/**", "etc/pve/nodes/prod-1/qemu-server/100.conf", false)]
    [InlineData("nodes/*/lxc/*.conf", "etc/pve/nodes/pve1/lxc/200.conf", true)]
    [InlineData("nodes/*.conf", "etc/pve/nodes/pve1/lxc/200.conf", false)] // '*' stays inside a segment
    [InlineData("**/200.conf", "etc/pve/nodes/pve1/lxc/200.conf", true)]
    [InlineData("**/storage.cfg", "etc/pve/storage.cfg", true)] // '**/' may match nothing
    [InlineData("ceph/crush.tx?", "ceph/crush.txt", true)]
    [InlineData("ceph?crush.txt", "ceph/crush.txt", false)] // '?' is not '/'
    [InlineData("[ab].cfg", "etc/pve/[ab].cfg", true)] // brackets are literal
    public void Globs_match_the_logical_path_or_the_path_below_etc_pve(string glob, string path, bool expected) =>
        Assert.Equal(expected, Matcher(glob)(path));

    [Fact]
    public void A_glob_with_many_double_stars_against_a_long_name_answers_at_once()
    {
        // A backtracking regex ran for minutes on this (issue 6); the NFA reads the name once.
        var ignored = Matcher("**a**a**a**a**a**a**a**a**a**b");
        Assert.False(ignored("etc/pve/" + new string('a', 100_000) + ".cfg"));
        Assert.True(ignored("etc/pve/" + new string('a', 100_000) + "b"));
    }

    /// <summary>The glob semantics as the old translation to a regex had them: the oracle for small inputs.</summary>
    private static bool RegexMatch(string glob, string path)
    {
        glob = PveLint.Sources.ConfigTree.Normalize(glob);
        var sb = new StringBuilder("^");
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            if (c == '*' && i + 1 < glob.Length && glob[i + 1] == '*')
            {
                i++;
                if (i + 1 < glob.Length && glob[i + 1] == '/') { i++; sb.Append("(?:.*/)?"); }
                else sb.Append(".*");
            }
            else if (c == '*') sb.Append("[^/]*");
            else if (c == '?') sb.Append("[^/]");
            else sb.Append(Regex.Escape(c.ToString()));
        }
        return Regex.IsMatch(path, sb.Append('$').ToString(), RegexOptions.CultureInvariant);
    }

    [Fact]
    public void Matches_exactly_what_the_regex_translation_matched()
    {
        var glob = Gen.String[Gen.Char["ab/*?."], 0, 10];
        var path = Gen.String[Gen.Char["ab/."], 0, 12];
        Gen.Select(glob, path).Sample((g, p) => IgnoreMatcher.IsMatch(g, p) == RegexMatch(g, p), iter: 20_000);
    }
}
