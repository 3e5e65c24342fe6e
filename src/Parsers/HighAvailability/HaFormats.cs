using PveLint.Text;
using PveLint.SectionConfig;
using PveLint.SectionConfig.Schema;
using PveLint.SectionConfig.Syntax;

namespace PveLint.HighAvailability;

/// <summary>The formats pve-ha-manager registers (Tools.pm), with its own tests.</summary>
public static class HaFormats
{
    /// <summary><c>pve-ha-node</c>: <c>node[:priority]</c>.</summary>
    public static readonly ValueFormat Node = ValueFormat.Of("pve-ha-node", entry =>
        NodeListParser.TryParseEntry(entry, out _, out _) ? null
        : $"'{MessageText.Short(entry)}' does not look like a valid HA node ('<node>[:<priority>]', with a host name and a priority of digits only)");

    public static readonly ValueFormat NodeList = ValueFormat.ListOf(Node);

    /// <summary><c>pve-ha-resource-id</c>: <c>^[a-z]+:\S+$</c>, so a bare VMID or an upper-case type is rejected.</summary>
    public static readonly ValueFormat ResourceId = ValueFormat.Of("pve-ha-resource-id", sid =>
        IsResourceId(sid) ? null
        : sid.Length > 0 && PerlText.AllDigits(sid) ? $"'{MessageText.Short(sid)}' is a bare VMID, but a rule needs a resource id such as 'vm:{MessageText.Short(sid)}' or 'ct:{MessageText.Short(sid)}'"
        : $"'{MessageText.Short(sid)}' does not look like a valid HA resource id ('<type>:<name>' with a lower-case type, e.g. vm:100)");

    public static readonly ValueFormat ResourceIdList = ValueFormat.ListOf(ResourceId);

    public static bool IsResourceId(string sid)
    {
        var colon = sid.IndexOf(':');
        if (colon <= 0 || colon == sid.Length - 1) return false;
        for (var i = 0; i < colon; i++)
            if (sid[i] is < 'a' or > 'z') return false;
        for (var i = colon + 1; i < sid.Length; i++)
            if (PerlText.IsSpace(sid[i])) return false;
        return true;
    }

    /// <summary>The guest-id rule of the vm and ct resource plugins (<c>verify_name</c>): <c>^[1-9][0-9]+$</c>.</summary>
    public static string? VmidProblem(string name) =>
        name.Length >= 2 && name[0] is >= '1' and <= '9' && PerlText.AllDigits(name) ? null
        : $"invalid VMID '{MessageText.Short(name)}': it must be a number of at least two digits without a leading zero";
}
