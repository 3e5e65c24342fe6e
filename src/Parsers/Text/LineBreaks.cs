namespace PveLint.Text;

/// <summary>
/// Where a file's lines end, by the program that reads it. PVE's section-config parser (<c>split /\n/</c> in
/// pve-common SectionConfig.pm) ends lines at '\n' only, so a lone '\r' is a character of its line and every later
/// line keeps PVE's number (issue 7, checked against PVE 9.1's parser). The other formats keep counting a lone '\r'
/// as a break until their own parsers are checked the same way (corosync and PVE's other parsers split on '\n' too;
/// YAML does break at '\r').
/// </summary>
public static class LineBreaks
{
    private static readonly string[] LineFeedOnlyFiles =
        ["ha/resources.cfg", "ha/groups.cfg", "ha/rules.cfg", "storage.cfg", "jobs.cfg", "replication.cfg"];

    /// <summary>Whether only '\n' ends a line of the file at <paramref name="path"/> (a logical path such as etc/pve/storage.cfg).</summary>
    public static bool LineFeedOnly(string path)
    {
        // Asked for every file of a scan: a loop, not a closure per call.
        foreach (var f in LineFeedOnlyFiles)
            if (path.EndsWith(f, StringComparison.Ordinal) && (path.Length == f.Length || path[^(f.Length + 1)] == '/')) return true;
        return false;
    }
}
