namespace PveLint.Diagnostics;

/// <summary>How serious a finding is. Ordered: Info &lt; Warning &lt; Error.</summary>
public enum Severity
{
    Info = 0,
    Warning = 1,
    Error = 2,
}
