namespace PveLint.Rules.Engine;

/// <summary>The order findings are reported in: by file, line, column, rule id, message (findings without a place first).</summary>
public sealed class ReportOrder : IComparer<Finding>
{
    public static ReportOrder Instance { get; } = new();

    public int Compare(Finding? x, Finding? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        var c = string.CompareOrdinal(x.Span?.Path ?? "", y.Span?.Path ?? "");
        if (c == 0) c = (x.Span?.Line ?? 0).CompareTo(y.Span?.Line ?? 0);
        if (c == 0) c = (x.Span?.Column ?? 0).CompareTo(y.Span?.Column ?? 0);
        if (c == 0) c = string.CompareOrdinal(x.RuleId, y.RuleId);
        if (c == 0) c = string.CompareOrdinal(x.Message, y.Message);
        return c;
    }
}
