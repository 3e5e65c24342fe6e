namespace PveLint.Model;

public sealed partial record ClusterModel
{
    /// <summary>The cluster resource mappings (<c>/etc/pve/mapping/pci.cfg</c>, <c>usb.cfg</c>).</summary>
    public ResourceMappings Mappings { get; init; } = ResourceMappings.Empty;
}
