namespace PveLint.Model;

/// <summary>The Proxmox VE release a cluster runs (<c>target:</c> in .pvelint.yaml); decides which keys exist.</summary>
public enum TargetRelease
{
    Pve90 = 900,
    Pve91 = 910,
    Pve92 = 920,
}

public static class TargetReleases
{
    public const TargetRelease Default = TargetRelease.Pve91;

    public static string Name(TargetRelease t) => t switch
    {
        TargetRelease.Pve90 => "pve-9.0",
        TargetRelease.Pve91 => "pve-9.1",
        TargetRelease.Pve92 => "pve-9.2",
        _ => t.ToString(),
    };

    public static bool TryParse(string? text, out TargetRelease target)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "pve-9.0": target = TargetRelease.Pve90; return true;
            case "pve-9.1": target = TargetRelease.Pve91; return true;
            case "pve-9.2": target = TargetRelease.Pve92; return true;
            default: target = Default; return false;
        }
    }
}
