using System.Collections.Immutable;
using PveLint.Text;

namespace PveLint.Model;

/// <summary>One node's entry of a cluster resource mapping (a <c>map node=...,path=...,id=...</c> line).</summary>
public sealed record MappingEntry(Located<string> Node, Located<string> Text);

/// <summary>
/// A cluster resource mapping of <c>mapping/pci.cfg</c> or <c>mapping/usb.cfg</c>: the logical device a guest names
/// with <c>hostpciN: mapping=ID</c> or <c>usbN: mapping=ID</c>, and the nodes that have it (one or more <c>map</c>
/// lines per node).
/// </summary>
public sealed record ResourceMapping(string Kind, Located<string> Id, ImmutableArray<MappingEntry> Entries, bool LiveMigrationCapable, SourceSpan HeaderSpan)
{
    /// <summary>The nodes with at least one <c>map</c> entry (the device exists there).</summary>
    public IEnumerable<string> Nodes => Entries.Select(e => e.Node.Value).Distinct(StringComparer.Ordinal);
}

/// <summary>The cluster resource mappings, and which mapping files the scan held (no file: nothing is known).</summary>
public sealed record ResourceMappings(ImmutableArray<ResourceMapping> Pci, ImmutableArray<ResourceMapping> Usb, bool PciFileRead, bool UsbFileRead)
{
    public static ResourceMappings Empty { get; } = new([], [], false, false);

    /// <summary>The mapping a <c>hostpci</c> (kind "pci") or <c>usb</c> (kind "usb") device names, if the file defines it.</summary>
    public ResourceMapping? Find(string kind, string id) =>
        (kind == "pci" ? Pci : Usb).FirstOrDefault(m => m.Id.Value == id);

    /// <summary>True when the mapping file of that kind was scanned, so a missing mapping is really missing.</summary>
    public bool Knows(string kind) => kind == "pci" ? PciFileRead : UsbFileRead;
}
