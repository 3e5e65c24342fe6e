using PveLint.Model;
using PveLint.Sources;

namespace PveLint.Binding;

/// <summary>
/// <c>ignore-paths</c> globs of .pvelint.yaml: <c>*</c> within a path segment, <c>**</c> across segments
/// (<c>**/</c> also matches nothing), <c>?</c> one character other than '/', everything else literal. A glob
/// matches the logical path or the path relative to etc/pve/.
/// </summary>
/// <remarks>
/// Hand-written on purpose. The glob used to become a backtracking regex, and <c>**a**a**a**a**a**b</c> against one
/// long name ran for minutes. Microsoft.Extensions.FileSystemGlobbing and DotNet.Glob match these in linear
/// time but read the same text differently (<c>[...]</c> classes, <c>**</c> only as a whole segment), which
/// would silently change which files existing configs skip, and either dll would have to ship beside the
/// analyzer. This matcher runs the glob as an NFA, one set of states per character: O(path × glob) time
/// whatever the input.
/// </remarks>
public static class IgnoreMatcher
{
    public static Func<string, bool> Create(IEnumerable<Located<string>> globs)
    {
        var patterns = globs.Select(g => Glob.Compile(g.Value)).ToList();
        if (patterns.Count == 0) return _ => false;
        return path =>
        {
            var inPve = path.StartsWith(ConfigTree.PvePrefix, StringComparison.Ordinal) ? path[ConfigTree.PvePrefix.Length..] : path;
            return patterns.Any(p => p.IsMatch(path) || p.IsMatch(inPve));
        };
    }

    /// <summary>True when <paramref name="glob"/> matches the whole of <paramref name="path"/>.</summary>
    public static bool IsMatch(string glob, string path) => Glob.Compile(glob).IsMatch(path);

    private enum Step
    {
        /// <summary>One given character.</summary>
        Literal,

        /// <summary><c>?</c>: one character other than '/'.</summary>
        One,

        /// <summary><c>*</c>: any run of characters other than '/'.</summary>
        Star,

        /// <summary><c>**</c>: any run of characters.</summary>
        DeepStar,

        /// <summary><c>**/</c>: nothing, or any run of characters that ends in '/'.</summary>
        DeepStarSlash,
    }

    private sealed class Glob(Step[] steps, string literals)
    {
        public static Glob Compile(string glob)
        {
            var g = ConfigTree.Normalize(glob);
            var steps = new List<Step>();
            var literals = new System.Text.StringBuilder();
            for (var i = 0; i < g.Length; i++)
            {
                var c = g[i];
                var step = Step.Literal;
                if (c == '*' && i + 1 < g.Length && g[i + 1] == '*')
                {
                    i++;
                    if (i + 1 < g.Length && g[i + 1] == '/') { i++; step = Step.DeepStarSlash; }
                    else step = Step.DeepStar;
                }
                else if (c == '*') step = Step.Star;
                else if (c == '?') step = Step.One;
                steps.Add(step);
                literals.Append(step == Step.Literal ? c : '\0');
            }
            return new Glob(steps.ToArray(), literals.ToString());
        }

        /// <summary>
        /// State i means "steps[..i] matched the text read so far"; state steps.Length is acceptance. The star steps
        /// may match nothing, so entering one also enters the state after it (the closure is stored, not recomputed).
        /// </summary>
        public bool IsMatch(string path)
        {
            var current = new bool[steps.Length + 1];
            var next = new bool[steps.Length + 1];
            Enter(current, 0);
            foreach (var c in path)
            {
                Array.Clear(next);
                var any = false;
                for (var i = 0; i < steps.Length; i++)
                {
                    if (!current[i]) continue;
                    switch (steps[i])
                    {
                        case Step.Literal when literals[i] == c:
                        case Step.One when c != '/':
                            any |= Enter(next, i + 1);
                            break;
                        case Step.Star when c != '/':
                        case Step.DeepStar:
                            any |= Enter(next, i);
                            break;
                        case Step.DeepStarSlash:
                            // Inside the group it cannot be skipped any more: only a '/' ends it.
                            any = next[i] = true;
                            if (c == '/') Enter(next, i + 1);
                            break;
                    }
                }
                if (!any) return false;
                (current, next) = (next, current);
            }
            return current[steps.Length];
        }

        /// <summary>Enters state <paramref name="i"/> and the states its optional steps lead to; true when any was entered.</summary>
        private bool Enter(bool[] states, int i)
        {
            states[i] = true;
            while (i < steps.Length && steps[i] is Step.Star or Step.DeepStar or Step.DeepStarSlash) states[++i] = true;
            return true;
        }
    }
}
