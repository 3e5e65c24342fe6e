using PveLint.Binding;
using PveLint.Diagnostics;
using PveLint.Guests;
using PveLint.Model;
using PveLint.Text;

namespace PveLint.Parsers.Tests.Guests;

/// <summary>Exact diagnostics (id, line, column) and model facts for the traps of guest configs.</summary>
public class GuestConfigTrapTests
{
    private static (Guest Guest, IReadOnlyList<Diagnostic> Diagnostics) Read(string text, GuestKind kind = GuestKind.Qemu, int vmid = 100)
    {
        var folder = kind == GuestKind.Qemu ? "qemu-server" : "lxc";
        var context = new BindContext();
        var guest = GuestConfigReader.Read(new SourceFile($"etc/pve/nodes/pve1/{folder}/{vmid}.conf", text), kind, "pve1", vmid, context);
        return (guest, context.Diagnostics);
    }

    private static GuestConfigSyntax Parse(string text, GuestKind kind = GuestKind.Qemu) =>
        GuestConfigParser.Parse(new SourceFile("etc/pve/qemu-server/100.conf", text), kind, 100);

    private static (string Id, int Line, int Column, int Length) Where(Diagnostic d) => (d.Id, d.Span!.Value.Line, d.Span.Value.Column, d.Span.Value.Length);

    [Fact]
    public void Indented_or_upper_case_keys_and_empty_values_are_syntax_errors_and_reading_goes_on()
    {
        var (guest, diagnostics) = Read("  memory: 512\nName: web\ncores:\n # note\nsockets: 2\n");
        Assert.Equal([("PVE0001", 1, 1, 13), ("PVE0001", 2, 1, 9), ("PVE0001", 3, 1, 6), ("PVE0001", 4, 1, 7)], diagnostics.Select(Where));
        Assert.Equal("Line '  memory: 512' of VM 100 is not a 'key: value' line (keys are lower case and start in column 1), so qemu-server ignores it.", diagnostics[0].Message);
        Assert.Equal(["sockets"], guest.Properties.Keys);
    }

    [Fact]
    public void No_space_is_needed_after_the_colon_and_trailing_blanks_and_cr_are_dropped()
    {
        var syntax = Parse("hotplug:0\r\nboot: order=scsi0   \r\nagent:   \n");
        Assert.Empty(syntax.Diagnostics);
        var entries = syntax.Main.Entries;
        Assert.Equal([("hotplug", "0", 9), ("boot", "order=scsi0", 7), ("agent", " ", 9)], entries.Select(e => (e.Key.Value, e.Value.Value, e.Value.Span.Column)));
    }

    [Fact]
    public void Repeated_key_reports_the_overridden_line_and_the_last_value_wins()
    {
        var (guest, diagnostics) = Read("memory: 512\ncores: 2\nmemory: 2048\n");
        var d = Assert.Single(diagnostics);
        Assert.Equal(("PVE0004", 1, 1, 6), Where(d));
        Assert.Equal("Key 'memory' is set twice in the current config of VM 100; qemu-server keeps the later value '2048' (line 3).", d.Message);
        Assert.Equal(3, d.RelatedSpans.Single().Span.Line);
        Assert.Equal("2048", guest.Properties["memory"].Value);
    }

    [Fact]
    public void Legacy_cdrom_key_is_ide2()
    {
        var (guest, diagnostics) = Read("cdrom: local:iso/a.iso\nide2: local:iso/b.iso,media=cdrom\n");
        Assert.Equal([("PVE0004", 1, 1, 5)], diagnostics.Select(Where));
        var disk = Assert.Single(guest.Disks);
        Assert.Equal(("ide2", "iso/b.iso"), (disk.Key.Value, disk.Volume));
    }

    [Fact]
    public void Unknown_section_is_reported_and_its_body_skipped()
    {
        var (guest, diagnostics) = Read("memory: 512\n\n[my snapshot]\nmemory: 1024\n  junk line\n\n[a]\ncores: 4\n[ok-2]\ncores: 8\n");
        Assert.Equal([("PVE0001", 3, 1, 13), ("PVE0001", 7, 1, 3)], diagnostics.Select(Where));
        Assert.StartsWith("Section '[my snapshot]' in VM 100 is neither a snapshot name", diagnostics[0].Message);
        Assert.Equal("512", guest.Properties["memory"].Value);
        Assert.False(guest.Properties.ContainsKey("cores"));
        Assert.Equal(["ok-2"], guest.Snapshots.ToArray());
    }

    [Fact]
    public void Pending_and_special_sections_match_case_insensitively()
    {
        var syntax = Parse("[pending]\nmemory: 1\n[Special:CloudInit]\nname: x\n[special:fleecing]\nfleecing-images: local:vm-100-fleece-0\n");
        Assert.Empty(syntax.Diagnostics);
        Assert.Equal([GuestSectionKind.Main, GuestSectionKind.Pending, GuestSectionKind.CloudInit, GuestSectionKind.Fleecing], syntax.Sections.Select(s => s.Kind));
        Assert.Equal("fleecing-images", syntax.Sections[3].Entries.Single().Key.Value);
    }

    [Fact]
    public void Duplicate_snapshot_section_is_reported_and_the_later_one_is_used()
    {
        var (guest, diagnostics) = Read("scsi0: local-lvm:vm-100-disk-0\n\n[snap1]\nscsi1: a:vm-100-disk-1\n\n[snap1]\nscsi1: b:vm-100-disk-2\n");
        var d = Assert.Single(diagnostics);
        Assert.Equal(("PVE0005", 6, 1, 7), Where(d));
        Assert.Equal(3, d.RelatedSpans.Single().Span.Line);
        Assert.Equal(["snap1"], guest.Snapshots.ToArray());
        Assert.Equal([(null, "local-lvm"), ("snap1", "b")], guest.Disks.Select(x => (x.Section, x.StorageId!)));
    }

    [Fact]
    public void Delete_outside_pending_is_dropped()
    {
        var (_, diagnostics) = Read("delete: net1\n\n[PENDING]\ndelete: net0\n");
        Assert.Equal([("PVE0002", 1, 1, 6)], diagnostics.Select(Where));
        Assert.Equal("Property 'delete' in VM 100 is only allowed in the [PENDING] section, so qemu-server drops it.", diagnostics[0].Message);
        Assert.Equal(GuestEntryKind.Delete, Parse("[PENDING]\ndelete: net0\n").Sections[1].Entries.Single().Kind);
    }

    [Fact]
    public void Snapstate_matches_anywhere_on_the_line_like_the_real_parser()
    {
        var entry = Parse("parent: x snapstate: delete\n").Main.Entries.Single();
        Assert.Equal((GuestEntryKind.SnapState, "snapstate", 11, "delete", 22), (entry.Kind, entry.Key.Value, entry.Key.Span.Column, entry.Value.Value, entry.Value.Span.Column));
    }

    [Fact]
    public void Unknown_keys_are_not_reported_but_keys_outside_a_disk_range_are_not_disks()
    {
        var (guest, diagnostics) = Read("foo-bar: 1\nide4: local:vm-100-disk-9\nscsi31: local:vm-100-disk-8\nide01: local:x\n");
        Assert.Empty(diagnostics);
        Assert.Empty(guest.Disks);
        Assert.Equal("1", guest.Properties["foo-bar"].Value);
    }

    [Fact]
    public void Drive_values_are_classified_as_qemu_server_does()
    {
        var (guest, diagnostics) = Read(
            "scsi0: /mnt/disk.img\n" +
            "scsi1: disk.qcow2,size=1G\n" +
            "ide2: foo.iso,media=cdrom\n" +
            "scsi2: /dev/disk/by-id/ata-X\n" +
            "scsi3: local-lvm:vm-100-disk-0,shared=1,replicate=0\n" +
            "ide3: cdrom,media=cdrom\n" +
            "scsi4: size=32G\n" +
            "unused0: rbd:vm-100-disk-5\n" +
            "efidisk0: /var/lib/vz/efi.raw\n");
        Assert.Equal([("PVE0003", 1, 8, 13), ("PVE0003", 7, 8, 8)], diagnostics.Select(Where));
        Assert.Equal("'scsi0' of VM 100 uses '/mnt/disk.img', which is neither 'storage:volume' nor a /dev/ path, so qemu-server drops the drive.", diagnostics[0].Message);
        Assert.Equal("'scsi4' of VM 100 names no volume, so qemu-server drops it.", diagnostics[1].Message);
        Assert.Equal([
            ("scsi1", DiskKind.Volume, "local", "100/disk.qcow2", false, false, true),
            ("ide2", DiskKind.Volume, "local", "iso/foo.iso", true, false, true),
            ("scsi2", DiskKind.Device, null, "/dev/disk/by-id/ata-X", false, false, true),
            ("scsi3", DiskKind.Volume, "local-lvm", "vm-100-disk-0", false, true, false),
            ("ide3", DiskKind.HostCdrom, null, null, true, false, true),
            ("unused0", DiskKind.Volume, "rbd", "vm-100-disk-5", false, false, true),
            ("efidisk0", DiskKind.Device, null, "/var/lib/vz/efi.raw", false, false, true),
        ], guest.Disks.Select(d => (d.Key.Value, d.Kind, d.StorageId, d.Volume, d.IsCdrom, d.Shared, d.Replicate)));
    }

    [Fact]
    public void Container_mount_points_are_volumes_binds_or_devices()
    {
        var (guest, diagnostics) = Read("rootfs: local-zfs:subvol-101-disk-0,size=8G\nmp0: /mnt/data,mp=/data\nmp1: /dev/sdb1,mp=/x,shared=1\nmp2: nas:101/vm-101-disk-1.raw,mp=/y,replicate=no\n", GuestKind.Lxc, 101);
        Assert.Empty(diagnostics);
        Assert.Equal([
            ("rootfs", DiskKind.Volume, "local-zfs", false, true),
            ("mp0", DiskKind.Bind, null, false, true),
            ("mp1", DiskKind.Device, null, true, true),
            ("mp2", DiskKind.Volume, "nas", false, false),
        ], guest.Disks.Select(d => (d.Key.Value, d.Kind, d.StorageId, d.Shared, d.Replicate)));
    }

    [Fact]
    public void Migration_blockers_follow_check_local_resources()
    {
        var (guest, _) = Read(
            "usb0: spice\nusb1: host=SPICE,usb3=1\nusb2: mapping=ukey\nusb3: host=046d:c52b\n" +
            "serial0: socket\nserial1: /dev/ttyS0\nparallel0: /dev/parport0\nivshmem: size=32\n" +
            "virtiofs0: share1,cache=always\nhostpci0: mapping=gpu,pcie=1\nhostpci1: 01:00.0\n");
        Assert.Equal([
            ("usb0", "usb", null, false), ("usb1", "usb", null, false), ("usb2", "usb", "ukey", true), ("usb3", "usb", null, true),
            ("serial0", "serial", null, false), ("serial1", "serial", null, true), ("parallel0", "parallel", null, true),
            ("ivshmem", "ivshmem", null, true), ("virtiofs0", "virtiofs", "share1", true),
            ("hostpci0", "hostpci", "gpu", false), ("hostpci1", "hostpci", null, true),
        ], guest.Devices.Select(d => (d.Key.Value, d.Kind, d.Mapping, d.BlocksMigration)));
    }

    [Fact]
    public void Invalid_tag_is_reported_and_qemu_drops_all_tags_while_lxc_keeps_them()
    {
        var (vm, vmDiagnostics) = Read("tags: good;b@d, ok\n");
        Assert.Equal([("PVE0003", 1, 12, 3)], vmDiagnostics.Select(Where));
        Assert.EndsWith("so qemu-server drops the whole 'tags' line.", vmDiagnostics[0].Message);
        Assert.Empty(vm.Tags);

        var (ct, ctDiagnostics) = Read("tags: good;b@d, ok\n", GuestKind.Lxc);
        Assert.Equal([("PVE0003", 1, 12, 3)], ctDiagnostics.Select(Where));
        Assert.Equal(["good", "b@d", "ok"], ct.Tags.Select(t => t.Value));
    }

    [Fact]
    public void Container_grammar_differs_pending_header_no_dash_in_keys_and_raw_lxc_keys()
    {
        var (guest, diagnostics) = Read(
            "[special:cloudinit]\nfoo-bar: 1\nlxc.rootfs.path: /x\nlxc.foo.bar = 1\nlxc.cgroup2.devices.allow = c 10:200 rwm\nlxc.aa_profile: unconfined\nlxc.cgroup.devices.allow: a\nlxc.idmap:\nhostname: ct1\n\n[pve:pending]\nmemory: 1\n",
            GuestKind.Lxc, 101);
        Assert.Equal([("PVE0001", 1, 1, 19), ("PVE0001", 2, 1, 10), ("PVE0002", 3, 1, 15), ("PVE0002", 4, 1, 11), ("PVE0002", 6, 1, 14), ("PVE0002", 7, 1, 24)],
            diagnostics.Select(Where));
        Assert.Equal("In container 101, pve-container refuses 'lxc.rootfs.path' (lxc.rootfs.path is auto generated from rootfs) and drops it.", diagnostics[2].Message);
        Assert.Equal("In container 101, pve-container does not know the raw LXC key 'lxc.foo.bar' and drops the line.", diagnostics[3].Message);
        Assert.Equal("ct1", guest.Name!.Value);
        Assert.False(guest.Properties.ContainsKey("memory"));
    }

    [Fact]
    public void Description_lines_must_start_in_column_one_and_are_uri_decoded()
    {
        var (guest, _) = Read("#Line%3A one\n#\nmemory: 1\ndescription: more%20text\n");
        Assert.Equal("Line: one\n\nmore text", guest.Properties["description"].Value);
        Assert.Equal((1, 4), (guest.Properties["description"].Span.Line, guest.Properties["description"].Span.EndLine));
    }

    [Fact]
    public void Volumes_only_a_snapshot_or_pending_references_are_kept_once()
    {
        var (guest, _) = Read("scsi0: a:vm-100-disk-0\n\n[PENDING]\nscsi1: b:vm-100-disk-1\n\n[s1]\nscsi0: a:vm-100-disk-0\nvmstate: c:vm-100-state-s1\nscsi1: b:vm-100-disk-1\nide2: none,media=cdrom\n");
        Assert.Equal([(null, "scsi0", "a"), ("pending", "scsi1", "b"), ("s1", "vmstate", "c")], guest.Disks.Select(d => (d.Section, d.Key.Value, d.StorageId!)));
    }
}
