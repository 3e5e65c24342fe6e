using PveLint.Binding;
using PveLint.Diagnostics;
using PveLint.Guests;
using PveLint.Model;
using PveLint.Tests;
using PveLint.Text;

namespace PveLint.Parsers.Tests.Guests;

/// <summary>Every qemu/lxc config of the corpus reads without syntax errors, with concrete facts checked for each.</summary>
public class GuestConfigCorpusTests
{
    internal static (Guest Guest, IReadOnlyList<Diagnostic> Diagnostics) Read(string corpusPath, GuestKind kind, int vmid)
    {
        var text = File.ReadAllText(Path.Combine(TestPaths.PveCorpus, corpusPath));
        var folder = kind == GuestKind.Qemu ? "qemu-server" : "lxc";
        var file = new SourceFile($"etc/pve/nodes/pve1/{folder}/{vmid}.conf", text);
        var context = new BindContext();
        var guest = GuestConfigReader.Read(file, kind, "pve1", vmid, context);
        return (guest, context.Diagnostics);
    }

    public static TheoryData<string, GuestKind, int> CorpusConfigs => new()
    {
        { "proxmox-qemu-server/cfg2cmd/q35-linux-hostpci.conf", GuestKind.Qemu, 100 },
        { "proxmox-qemu-server/cfg2cmd/q35-linux-hostpci-mapping.conf", GuestKind.Qemu, 100 },
        { "proxmox-qemu-server/parse-config-input/snapshots.conf", GuestKind.Qemu, 111 },
        { "proxmox-qemu-server/parse-config-input/sections.conf", GuestKind.Qemu, 120 },
        { "proxmox-qemu-server/restore-config-input/142.conf", GuestKind.Qemu, 142 },
        { "proxmox-pve-docs/qm-example/100.conf", GuestKind.Qemu, 100 },
        { "proxmox-pve-docs/pct-example/107.conf", GuestKind.Lxc, 107 },
        { "spongeyperson-pveserver-dotfiles/etc/pve/nodes/spongey-server/qemu-server/200.conf", GuestKind.Qemu, 200 },
        { "spongeyperson-pveserver-dotfiles/etc/pve/nodes/spongey-server/qemu-server/210.conf", GuestKind.Qemu, 210 },
        { "spongeyperson-pveserver-dotfiles/etc/pve/nodes/spongey-server/lxc/100.conf", GuestKind.Lxc, 100 },
        { "iroger-ASRock-TRX40-proxmox/etc/pve/qemu-server/100.conf", GuestKind.Qemu, 100 },
        { "Specimen67-proxmox-init/100.conf", GuestKind.Qemu, 100 },
        { "chugjuggy-Proxmox-TM-HJ/lxc/500.conf", GuestKind.Lxc, 500 },
    };

    [SharedTheory]
    [MemberData(nameof(CorpusConfigs))]
    public void Corpus_config_reads_without_any_diagnostic(string path, GuestKind kind, int vmid)
    {
        var (guest, diagnostics) = Read(path, kind, vmid);
        Assert.Empty(diagnostics);
        Assert.Equal(vmid, guest.VmId);
        Assert.NotEmpty(guest.Properties);
    }

    [SharedFact]
    public void Every_guest_config_of_the_corpus_is_covered()
    {
        var covered = CorpusConfigs.Select(row => (string)row[0]).ToHashSet();
        var found = Directory.EnumerateFiles(TestPaths.PveCorpus, "*.conf", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(TestPaths.PveCorpus, p).Replace('\\', '/'))
            .Where(p => !p.Contains("corosync", StringComparison.Ordinal) && !p.EndsWith("ceph.conf", StringComparison.Ordinal));
        Assert.All(found, p => Assert.Contains(p, covered));
    }

    [SharedFact]
    public void Raw_hostpci_passthrough_blocks_migration()
    {
        var (guest, _) = Read("proxmox-qemu-server/cfg2cmd/q35-linux-hostpci.conf", GuestKind.Qemu, 100);
        Assert.Equal(["hostpci0", "hostpci1", "hostpci2", "hostpci3", "hostpci4", "hostpci7"], guest.Devices.Select(d => d.Key.Value));
        Assert.All(guest.Devices, d => { Assert.Equal("hostpci", d.Kind); Assert.Null(d.Mapping); Assert.True(d.BlocksMigration); });
        Assert.Equal("d0:17.0,pcie=1,rombar=0", guest.Devices[4].Value.Value);
        var disk = Assert.Single(guest.Disks);
        Assert.Equal(("efidisk0", "local", "100/vm-100-disk-1.qcow2", DiskKind.Volume), (disk.Key.Value, disk.StorageId, disk.Volume, disk.Kind));
        Assert.Equal(" TEST: Config with q35, NUMA, hostpci passthrough, EFI & Linux", guest.Properties["description"].Value);
    }

    [SharedFact]
    public void Mapped_hostpci_devices_carry_the_mapping_and_do_not_block()
    {
        var (guest, _) = Read("proxmox-qemu-server/cfg2cmd/q35-linux-hostpci-mapping.conf", GuestKind.Qemu, 100);
        Assert.Equal([("hostpci0", "someNic"), ("hostpci1", "someGpu"), ("hostpci2", "someNic")], guest.Devices.Select(d => (d.Key.Value, d.Mapping!)));
        Assert.All(guest.Devices, d => Assert.False(d.BlocksMigration));
        Assert.Equal("q35", guest.Properties["machine"].Value);
    }

    [SharedFact]
    public void Snapshot_chain_and_snapshot_only_volumes()
    {
        var (guest, _) = Read("proxmox-qemu-server/parse-config-input/snapshots.conf", GuestKind.Qemu, 111);
        Assert.Equal(["machine_version_5_1", "machine_version_5_1_with_virtio", "ovmf_machine_version_5_1", "ovmf_machine_version_5_1_virtio",
            "static-network", "win19_5_2", "win19_5_2_plus_stuff"], guest.Snapshots.ToArray());
        Assert.Equal("win-machine-ver", guest.Name!.Value);
        Assert.Equal("win19_5_2_plus_stuff", guest.Properties["parent"].Value);

        var current = guest.Disks.Where(d => d.Section is null).Select(d => (d.Key.Value, d.StorageId, d.IsCdrom)).ToList();
        Assert.Equal([("ide0", "dir", false), ("ide1", "sani", true), ("ide2", "sani", true), ("scsi0", "dir", false),
            ("scsi1", "lvmthinbig", false), ("unused0", "rbd", false), ("virtio0", "dir", false)], current);
        // Only the Win2016 ISO is referenced by snapshots alone; rbd:vm-111-disk-0 is also unused0 of the current config.
        var snapshotOnly = Assert.Single(guest.Disks, d => d.Section is not null);
        Assert.Equal(("ide2", "machine_version_5_1", "sani", "iso/Win2016-1616-evaluation.ISO"), (snapshotOnly.Key.Value, snapshotOnly.Section, snapshotOnly.StorageId, snapshotOnly.Volume));
        Assert.Equal(31, snapshotOnly.Key.Span.Line);
    }

    [SharedFact]
    public void Pending_cloudinit_and_snapshot_sections()
    {
        var file = new SourceFile("etc/pve/nodes/pve1/qemu-server/120.conf",
            File.ReadAllText(Path.Combine(TestPaths.PveCorpus, "proxmox-qemu-server/parse-config-input/sections.conf")));
        var syntax = GuestConfigParser.Parse(file, GuestKind.Qemu, 120);
        Assert.Equal([GuestSectionKind.Main, GuestSectionKind.Pending, GuestSectionKind.CloudInit, GuestSectionKind.Snapshot], syntax.Sections.Select(s => s.Kind));
        Assert.Equal("bios", Assert.Single(syntax.Sections[1].Entries).Key.Value);
        Assert.Equal(["ipconfig0", "name"], syntax.Sections[2].Entries.Select(e => e.Key.Value));
        Assert.Equal(("foo", 27, 2), (syntax.Sections[3].Name!.Value, syntax.Sections[3].Name!.Span.Line, syntax.Sections[3].Name!.Span.Column));

        var (guest, _) = Read("proxmox-qemu-server/parse-config-input/sections.conf", GuestKind.Qemu, 120);
        Assert.Equal("deb1223", guest.Name!.Value);
        Assert.Equal(["foo"], guest.Snapshots.ToArray());
        Assert.Equal([("ide2", "lvm", "vm-120-cloudinit", true), ("scsi0", "nfs", "120/vm-120-disk-0.qcow2", false), ("unused0", "rbd", "vm-120-disk-0", false)],
            guest.Disks.Select(d => (d.Key.Value, d.StorageId!, d.Volume!, d.IsCdrom)));
        Assert.False(guest.Properties.ContainsKey("bios")); // pending only
    }

    [SharedFact]
    public void Restored_vm_with_space_separated_tags_and_an_empty_cdrom()
    {
        var (guest, _) = Read("proxmox-qemu-server/restore-config-input/142.conf", GuestKind.Qemu, 142);
        Assert.Equal(["foo", "bar"], guest.Tags.Select(t => t.Value));
        Assert.Equal((15, 11), (guest.Tags[1].Span.Line, guest.Tags[1].Span.Column));
        Assert.Equal("apache", guest.Name!.Value);
        Assert.Equal([("ide2", DiskKind.None, (string?)null, true), ("scsi0", DiskKind.Volume, "mydir", false)],
            guest.Disks.Select(d => (d.Key.Value, d.Kind, d.StorageId, d.IsCdrom)));
        Assert.Equal(" plain VM\nqmdump#map:scsi0:drive-scsi0:mydir:qcow2:", guest.Properties["description"].Value);
    }

    [SharedFact]
    public void Docs_vm_example()
    {
        var (guest, _) = Read("proxmox-pve-docs/qm-example/100.conf", GuestKind.Qemu, 100);
        Assert.Equal("webmail", guest.Name!.Value);
        var disk = Assert.Single(guest.Disks);
        Assert.Equal(("virtio0", "local", "vm-100-disk-1", true, false), (disk.Key.Value, disk.StorageId, disk.Volume, disk.Replicate, disk.Shared));
        Assert.Equal((8, 10, 8, 38), (disk.Value.Span.Line, disk.Value.Span.Column, disk.Value.Span.EndLine, disk.Value.Span.EndColumn));
        Assert.Empty(guest.Devices);
        Assert.Equal("order=virtio0;net0", guest.Properties["boot"].Value);
    }

    [SharedFact]
    public void Docs_container_example()
    {
        var (guest, _) = Read("proxmox-pve-docs/pct-example/107.conf", GuestKind.Lxc, 107);
        Assert.Equal("ct:107", guest.Sid);
        Assert.Equal("www", guest.Name!.Value);
        var rootfs = Assert.Single(guest.Disks);
        Assert.Equal(("rootfs", "local", "107/vm-107-disk-1.raw", DiskKind.Volume), (rootfs.Key.Value, rootfs.StorageId, rootfs.Volume, rootfs.Kind));
        Assert.Equal("debian", guest.Properties["ostype"].Value);
    }

    [SharedFact]
    public void Router_vm_with_two_nic_passthroughs()
    {
        var (guest, _) = Read("spongeyperson-pveserver-dotfiles/etc/pve/nodes/spongey-server/qemu-server/200.conf", GuestKind.Qemu, 200);
        Assert.Equal("OPNSense", guest.Name!.Value);
        Assert.Equal([("hostpci0", "0000:0b:00,pcie=1", true), ("hostpci1", "0000:0d:00,pcie=1", true)],
            guest.Devices.Select(d => (d.Key.Value, d.Value.Value, d.BlocksMigration)));
        Assert.Equal([("efidisk0", "local-lvm", "vm-200-disk-0"), ("scsi0", "local-lvm", "vm-200-disk-1")], guest.Disks.Select(d => (d.Key.Value, d.StorageId!, d.Volume!)));
        Assert.StartsWith("# Spongey's OPNSense Router/Firewall\n\n\n### Todo List:\n", guest.Properties["description"].Value);
        Assert.Equal("order=1,up=60", guest.Properties["startup"].Value);
    }

    [SharedFact]
    public void Gpu_vm_with_mixed_storages_and_empty_sata_cdroms()
    {
        var (guest, _) = Read("spongeyperson-pveserver-dotfiles/etc/pve/nodes/spongey-server/qemu-server/210.conf", GuestKind.Qemu, 210);
        Assert.Equal(["passthrough"], guest.Tags.Select(t => t.Value));
        Assert.Equal([("efidisk0", DiskKind.Volume, "TrueNAS"), ("sata0", DiskKind.None, null), ("sata1", DiskKind.None, null),
            ("virtio0", DiskKind.Volume, "local-lvm"), ("virtio1", DiskKind.Volume, "local-lvm")],
            guest.Disks.Select(d => (d.Key.Value, d.Kind, d.StorageId)));
        Assert.Equal(["hostpci0", "hostpci1"], guest.Devices.Select(d => d.Key.Value));
        Assert.Equal("0000:49:00.3", guest.Devices[1].Value.Value);
        // The commented-out keys are description text, URI-decoded.
        Assert.Contains("tpmstate0: Storage:vm-210-disk-1,size=4M,version=v2.0", guest.Properties["description"].Value);
    }

    [SharedFact]
    public void Alpine_container_on_nfs_with_a_mount_point()
    {
        var (guest, _) = Read("spongeyperson-pveserver-dotfiles/etc/pve/nodes/spongey-server/lxc/100.conf", GuestKind.Lxc, 100);
        Assert.Equal("webserv-docker-alpine", guest.Name!.Value);
        Assert.Equal([("mp2", "TrueNAS", "100/vm-100-disk-3.raw"), ("rootfs", "TrueNAS", "100/vm-100-disk-2.raw")], guest.Disks.Select(d => (d.Key.Value, d.StorageId!, d.Volume!)));
        Assert.Equal("# Docker Web Services\n\n> An Alpine Docker LXC Container containing Web Services", guest.Properties["description"].Value);
        Assert.Equal("fuse=1,mknod=1,nesting=1", guest.Properties["features"].Value);
    }

    [SharedFact]
    public void Macos_vm_without_space_after_colon_and_usb_passthrough()
    {
        var (guest, _) = Read("iroger-ASRock-TRX40-proxmox/etc/pve/qemu-server/100.conf", GuestKind.Qemu, 100);
        Assert.Equal("0", guest.Properties["hotplug"].Value);
        Assert.Equal((14, 9), (guest.Properties["hotplug"].Span.Line, guest.Properties["hotplug"].Span.Column));
        Assert.Equal("0", guest.Properties["tablet"].Value);
        Assert.Equal("-smbios type=2 -cpu host,vendor=GenuineIntel,+invtsc -machine q35", guest.Properties["args"].Value);
        Assert.Equal("local:snippets/reset-gpu.pl", guest.Properties["hookscript"].Value);
        Assert.Equal(7, guest.Devices.Count(d => d.Kind == "hostpci"));
        Assert.Equal([("usb0", "host=1-1"), ("usb1", "host=1-2"), ("usb2", "host=2-1"), ("usb3", "host=2-2")],
            guest.Devices.Where(d => d.Kind == "usb").Select(d => (d.Key.Value, d.Value.Value)));
        Assert.All(guest.Devices, d => Assert.True(d.BlocksMigration));
        Assert.Equal([("efidisk0", "local-lvm", false), ("ide2", "local", false)], guest.Disks.Select(d => (d.Key.Value, d.StorageId!, d.IsCdrom)));
        Assert.Equal("2deeefd1-de50-48d4-970e-000000000000", guest.Properties["vmgenid"].Value); // last line, no newline
    }

    [SharedFact]
    public void Template_with_trailing_spaces_after_a_value()
    {
        var (guest, _) = Read("Specimen67-proxmox-init/100.conf", GuestKind.Qemu, 100);
        Assert.Equal("order=scsi0;ide2", guest.Properties["boot"].Value);
        Assert.Equal(23, guest.Properties["boot"].Span.EndColumn);
        Assert.Equal("1", guest.Properties["template"].Value);
        Assert.Equal("Template", guest.Name!.Value);
        var iso = Assert.Single(guest.Disks);
        Assert.Equal(("ide2", "ISO", "iso/proxmox-ve_8.4-1.iso", true), (iso.Key.Value, iso.StorageId, iso.Volume, iso.IsCdrom));
    }

    [SharedFact]
    public void Community_script_container_with_devices_and_raw_lxc_keys()
    {
        var (guest, _) = Read("chugjuggy-Proxmox-TM-HJ/lxc/500.conf", GuestKind.Lxc, 500);
        Assert.Equal("immich", guest.Name!.Value);
        Assert.Equal(["community-script", "photos"], guest.Tags.Select(t => t.Value));
        Assert.Equal([("dev0", "/dev/dri/renderD128,gid=992"), ("dev1", "/dev/dri/card1,gid=44")], guest.Devices.Select(d => (d.Key.Value, d.Value.Value)));
        Assert.All(guest.Devices, d => { Assert.Equal("dev", d.Kind); Assert.False(d.BlocksMigration); });
        var rootfs = Assert.Single(guest.Disks);
        Assert.Equal(("bigSSD", "vm-500-disk-0"), (rootfs.StorageId, rootfs.Volume));
        Assert.Contains("<h2 style='font-size: 24px; margin: 20px 0;'>immich LXC</h2>", guest.Properties["description"].Value);

        var file = new SourceFile("etc/pve/lxc/500.conf", File.ReadAllText(Path.Combine(TestPaths.PveCorpus, "chugjuggy-Proxmox-TM-HJ/lxc/500.conf")));
        var raw = GuestConfigParser.Parse(file, GuestKind.Lxc, 500).Main.Entries.Where(e => e.Kind == GuestEntryKind.RawLxc).ToList();
        Assert.Equal([("lxc.cgroup2.devices.allow", "c 10:200 rwm"), ("lxc.mount.entry", "/dev/net/tun dev/net/tun none bind,create=file")],
            raw.Select(e => (e.Key.Value, e.Value.Value)));
        Assert.False(guest.Properties.ContainsKey("lxc.mount.entry"));
    }
}
