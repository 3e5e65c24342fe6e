using System.Collections.Immutable;

namespace PveLint.Ceph.Crush;

/// <summary>The CRUSH tunables that a map can set, and the legacy values a text map starts from.</summary>
public static class CrushTunables
{
    /// <summary>
    /// CrushCompiler::compile starts from <c>set_tunables_legacy()</c> "so that the compiled result of a given crush
    /// file is fixed for all time", and the decompiler prints only tunables that differ from these values. So a text
    /// map without a tunable line has the legacy value. (allowed_bucket_algs legacy = uniform|list|straw = 22.)
    /// </summary>
    public static readonly ImmutableSortedDictionary<string, long> Legacy = new Dictionary<string, long>
    {
        ["choose_local_tries"] = 2,
        ["choose_local_fallback_tries"] = 5,
        ["choose_total_tries"] = 19,
        ["chooseleaf_descend_once"] = 0,
        ["chooseleaf_vary_r"] = 0,
        ["chooseleaf_stable"] = 0,
        ["straw_calc_version"] = 0,
        ["allowed_bucket_algs"] = 22,
    }.ToImmutableSortedDictionary(StringComparer.Ordinal);

    /// <summary>Tunables without a legacy default: the MSR rule tunables of Squid (PR #55332).</summary>
    public static readonly ImmutableHashSet<string> Newer = ImmutableHashSet.Create(StringComparer.Ordinal, "msr_descents", "msr_collision_tries");

    public static bool IsKnown(string name) => Legacy.ContainsKey(name) || Newer.Contains(name);
}
