namespace PveLint.Ceph.Monitors;

/// <summary>
/// Election strategy numbers of the monitor map: 1 classic, 2 disallow, 3 connectivity. Verified: the lab dumps show
/// 1 for the default (scenario d) and 3 after <c>ceph mon set election_strategy connectivity</c> (scenario a);
/// 2 follows the MonMap election_strategy enum (CLASSIC=1, DISALLOW=2, CONNECTIVITY=3) and reference §1c.
/// </summary>
public static class ElectionStrategies
{
    public static string? FromNumber(long? number) => number switch
    {
        null => null,
        1 => "classic",
        2 => "disallow",
        3 => "connectivity",
        _ => number.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
