using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.SectionConfig;
using static PveLint.Parsers.Tests.ReaderTestKit;

namespace PveLint.Parsers.Tests.SectionConfig;

/// <summary>storage.cfg (reference/pve-formats.md §2.1): traps and every corpus file.</summary>
public class StorageReaderTests() : ReaderTests<List<StorageDef>>("etc/pve/storage.cfg", (f, c) => StorageReader.Read(f, c).ToList())
{
    private static StorageDef Get(List<StorageDef> storages, string id) => Assert.Single(storages, s => s.Id.Value == id);

    // ---- traps ----

    [Fact]
    public void Shared_flag_follows_the_storage_type_not_the_file()
    {
        var (storages, context) = Read("""
            nfs: nas
            	server 10.0.0.1
            	export /export
            	path /mnt/pve/nas

            dir: plain
            	path /srv/a

            dir: marked
            	path /srv/b
            	shared 1

            zfspool: tank
            	pool tank
            	shared 1

            lvmthin: thin
            	vgname pve
            	thinpool data

            lvm: vg
            	vgname vg0
            	shared 0
            """);

        Assert.True(Get(storages, "nas").Shared);
        Assert.False(Get(storages, "plain").Shared);
        Assert.True(Get(storages, "marked").Shared);
        Assert.False(Get(storages, "tank").Shared);
        Assert.False(Get(storages, "thin").Shared);
        Assert.False(Get(storages, "vg").Shared);
        // zfspool has no 'shared' option: PVE drops it.
        var d = context.Single(DiagnosticIds.UnknownKey);
        d.AssertAt(15, 2, 6);
        Assert.Contains("'shared' is not an option of zfspool storage 'tank' ('unexpected property')", d.Message);
    }

    [Fact]
    public void The_local_storage_always_exists()
    {
        var (storages, context) = Read("nfs: nas\n\tserver nas.example\n\texport /e\n\tpath /mnt/pve/nas\n");

        var local = storages[0];
        Assert.Equal(("local", "dir", false), (local.Id.Value, local.Type, local.Shared));
        Assert.Null(local.Section);
        Assert.Equal(["backup", "images", "iso", "rootdir", "snippets", "vztmpl"], local.Content.ToArray());
        Assert.Empty(context.Diagnostics);
        Assert.Equal(["local"], StorageReader.Read(null, Context()).Select(s => s.Id.Value));
    }

    [Fact]
    public void A_local_that_is_not_dir_on_var_lib_vz_is_replaced_and_nodes_on_local_are_deleted()
    {
        var (replaced, context) = Read("lvm: local\n\tvgname pve\n");
        Assert.Equal(("local", "dir"), (replaced[0].Id.Value, replaced[0].Type));
        Assert.DoesNotContain(replaced, s => s.Type == "lvm");
        var d = context.Single(DiagnosticIds.InvalidValue);
        d.AssertAt(1, 1);
        Assert.Contains("but this is a storage of type 'lvm': PVE replaces it with its built-in 'dir: local'", d.Message);

        var (kept, context2) = Read("dir: local\n\tpath /var/lib/vz\n\tnodes pve1\n\tcontent iso\n");
        Assert.Null(kept[0].Nodes);
        Assert.Equal(["iso"], kept[0].Content.ToArray());
        context2.Single(DiagnosticIds.UnknownKey).AssertAt(3, 2);
    }

    [Fact]
    public void Removed_maxfiles_and_version_gated_keys_are_unknown()
    {
        var (storages, context) = Read("dir: local\n\tpath /var/lib/vz\n\tmaxfiles 3\n\nlvm: vg\n\tvgname vg0\n\tsaferemove-stepsize 8\n", TargetRelease.Pve90);

        Assert.Collection(context.Diagnostics,
            d => { d.AssertAt(3, 2, 8); Assert.Contains("'maxfiles' in dir storage 'local' was removed in PVE 9.0", d.Message); },
            d => { d.AssertAt(7, 2); Assert.Contains("is only known from PVE 9.1 on; the cluster targets pve-9.0", d.Message); });
        Assert.All(context.Diagnostics, d => Assert.Equal(DiagnosticIds.UnknownKey, d.Id));
        Assert.Equal(2, storages.Count);

        var (_, on91) = Read("lvm: vg\n\tvgname vg0\n\tsaferemove-stepsize 8\n");
        Assert.Empty(on91.Diagnostics);
    }

    [Fact]
    public void Missing_required_keys_drop_the_storage()
    {
        var (storages, context) = Read("nfs: nas\n\tserver 10.0.0.1\n\tpath /mnt/pve/nas\n\ndir: d1\n\tcontent iso\n");

        Assert.Equal(["local"], storages.Select(s => s.Id.Value));
        Assert.Collection(context.Diagnostics,
            d => { Assert.Equal(DiagnosticIds.MissingRequiredKey, d.Id); d.AssertAt(1, 1); Assert.Contains("Nfs storage 'nas' has no 'export', which is required", d.Message); },
            d => { Assert.Equal(DiagnosticIds.MissingRequiredKey, d.Id); d.AssertAt(5, 1); Assert.Contains("'path'", d.Message); });
    }

    [Fact]
    public void Storage_ids_follow_parse_storage_id()
    {
        var (storages, context) = Read("dir: a\n\tpath /a\n\ndir: 9lives\n\tpath /b\n\ndir: ok-1.b\n\tpath /c\n");

        Assert.Contains(storages, s => s.Id.Value == "ok-1.b");
        Assert.Collection(context.Diagnostics,
            d => { Assert.Equal(DiagnosticIds.InvalidValue, d.Id); d.AssertAt(1, 6, 1); Assert.Contains("cannot be shorter than 2 characters", d.Message); },
            d => { Assert.Equal(DiagnosticIds.InvalidValue, d.Id); d.AssertAt(4, 6, 6); Assert.Contains("contains illegal characters", d.Message); });
    }

    [Fact]
    public void Nodes_content_and_disable_are_decoded_as_PVE_does()
    {
        var (storages, context) = Read("""
            lvmthin: thin
            	vgname pve
            	thinpool data
            	content images,iso;rootdir
            	nodes pve1, pve2;pve3
            	disable

            zfspool: zp
            	pool rpool/data
            	nodes node_1

            dir: dd
            	path /x
            	content none,images
            """);

        var thin = Get(storages, "thin");
        Assert.Equal(["images", "rootdir"], thin.Content.ToArray());
        Assert.Equal(["pve1", "pve2", "pve3"], thin.Nodes!.Value.ToArray());
        Assert.True(thin.Disabled);
        Assert.True(thin.AvailableOn("pve2"));
        Assert.False(thin.AvailableOn("pve4"));
        // A rejected 'nodes' value is dropped: the storage then counts as usable on every node.
        var z = Get(storages, "zp");
        Assert.Null(z.Nodes);
        Assert.Equal(["images", "rootdir"], z.Content.ToArray());
        Assert.DoesNotContain(storages, s => s.Id.Value == "dd");

        Assert.Collection(context.Diagnostics,
            d => { Assert.Equal(DiagnosticIds.InvalidValue, d.Id); d.AssertAt(4, 17, 3); Assert.Contains("does not support content type 'iso'", d.Message); },
            d => { Assert.Equal(DiagnosticIds.InvalidValue, d.Id); d.AssertAt(10, 8, 6); Assert.Contains("'node_1' does not look like a valid node name", d.Message); },
            d => { Assert.Equal(DiagnosticIds.InvalidValue, d.Id); d.AssertAt(14, 10); Assert.Contains("combines 'none'", d.Message); });
    }

    [Fact]
    public void Booleans_are_0_or_1_and_duplicates_keep_the_first_value()
    {
        var (storages, context) = Read("dir: d1\n\tpath /a\n\tshared yes\n\tpath /b\n");

        var d1 = Get(storages, "d1");
        Assert.False(d1.Shared);
        Assert.Equal("/a", d1.Section!.Get("path")!.Value);
        Assert.Collection(context.Diagnostics,
            d => { Assert.Equal(DiagnosticIds.InvalidValue, d.Id); d.AssertAt(3, 9, 3); Assert.Contains("accepts only 0 or 1", d.Message); },
            d => { Assert.Equal(DiagnosticIds.DuplicateKey, d.Id); d.AssertAt(4, 2, 4); Assert.Contains("keeps the first value '/a' from line 2", d.Message); });
    }

    [Fact]
    public void Duplicate_storage_ids_keep_the_later_section()
    {
        var (storages, context) = Read("dir: data\n\tpath /first\n\ndir: data\n\tpath /second\n");

        Assert.Equal("/second", Get(storages, "data").Section!.Get("path")!.Value);
        var d = context.Single(DiagnosticIds.DuplicateSection);
        d.AssertAt(4, 1);
        Assert.Contains("replaces the earlier dir storage 'data' with this one", d.Message);
    }

    [Fact]
    public void Unknown_types_are_skipped_but_third_party_storages_stay_resolvable()
    {
        var (storages, context) = Read("glusterfs: gv\n\tserver 10.0.0.1\n\tvolume gv0\n\ndrbd: linstor\n\tresourcegroup rg\n\tnodes a1\n");

        Assert.DoesNotContain(storages, s => s.Id.Value == "gv");
        var drbd = Get(storages, "linstor");
        Assert.True(drbd.Shared);
        Assert.Equal(["a1"], drbd.Nodes!.Value.ToArray());
        Assert.Collection(context.Diagnostics,
            d => { Assert.Equal(DiagnosticIds.UnknownKey, d.Id); d.AssertAt(1, 1, 9); Assert.Contains("was removed in PVE 9.0", d.Message); },
            d => { Assert.Equal(DiagnosticIds.UnknownKey, d.Id); d.AssertAt(5, 1, 4); Assert.Contains("third-party storage plugin", d.Message); });
    }

    [Fact]
    public void Content_defaults_per_type_and_property_string_values_are_checked()
    {
        var (storages, context) = Read("cephfs: cfs\n\tpath /mnt/pve/cfs\n\nnfs: n1\n\tserver n.example\n\texport /e\n\tpath /mnt/n1\n\tprune-backups keep-all=1,keep-last=3\n");

        Assert.Equal(["backup"], Get(storages, "cfs").Content.ToArray());
        Assert.Equal(["images"], Get(storages, "n1").Content.ToArray());
        var d = context.Single(DiagnosticIds.InvalidValue);
        d.AssertAt(8, 16);
        Assert.Contains("keep-all cannot be set together with other options", d.Message);
    }

    // ---- corpus: every storage.cfg ----

    [SharedFact]
    public void Corpus_pvesm_default()
    {
        var (s, context) = ReadCorpus("proxmox-pve-docs", "pvesm-default", "storage.cfg");
        Assert.Empty(context.Diagnostics);
        Assert.Equal(["local", "local-lvm", "local-zfs"], s.Select(x => x.Id.Value));
        Assert.Equal(["dir", "lvmthin", "zfspool"], s.Select(x => x.Type));
        Assert.All(s, x => Assert.False(x.Shared));
        Assert.Equal(["iso", "vztmpl", "backup"], s[0].Content.ToArray());
        Assert.Equal(["rootdir", "images"], s[1].Content.ToArray());
        Assert.True(s[2].Section!.Properties["sparse"].IsBareFlag);
        Assert.Equal("1", s[2].Section!.Get("sparse")!.Value);
        Assert.Equal("rpool/data", s[2].Section!.Get("pool")!.Value);
    }

    [SharedFact]
    public void Corpus_pve_docs_single_storage_examples()
    {
        var (pbs, pbsContext) = ReadCorpus("proxmox-pve-docs", "pve-storage-pbs", "storage.cfg");
        Assert.Equal(["local", "backup"], pbs.Select(x => x.Id.Value));
        Assert.Null(pbs[0].Section);
        Assert.Equal(("pbs", true), (pbs[1].Type, pbs[1].Shared));
        Assert.Equal("enya.proxmox.com", pbs[1].Section!.Get("server")!.Value);
        Assert.Equal("main", pbs[1].Section!.Get("datastore")!.Value);
        // The docs shorten the fingerprint with "..snip..", which fails PVE's fingerprint pattern.
        var fingerprint = pbsContext.Single(DiagnosticIds.InvalidValue);
        fingerprint.AssertAt(5, 21);
        Assert.Single(pbsContext.Diagnostics);

        var (rbd, rbdContext) = ReadCorpus("proxmox-pve-docs", "pve-storage-rbd", "storage.cfg");
        Assert.Empty(rbdContext.Diagnostics);
        var ceph = Get(rbd, "ceph-external");
        Assert.Equal(("rbd", true, "10.1.1.20 10.1.1.21 10.1.1.22"), (ceph.Type, ceph.Shared, ceph.Section!.Get("monhost")!.Value));
        Assert.Equal(["images"], ceph.Content.ToArray());

        var (cephfs, cephfsContext) = ReadCorpus("proxmox-pve-docs", "pve-storage-cephfs", "storage.cfg");
        Assert.Empty(cephfsContext.Diagnostics);
        var cfs = Get(cephfs, "cephfs-external");
        Assert.Equal(("cephfs", true, "cephfs"), (cfs.Type, cfs.Shared, cfs.Section!.Get("fs-name")!.Value));
        Assert.Equal(["backup"], cfs.Content.ToArray());

        var (nfs, nfsContext) = ReadCorpus("proxmox-pve-docs", "pve-storage-nfs", "storage.cfg");
        Assert.Empty(nfsContext.Diagnostics);
        var iso = Get(nfs, "iso-templates");
        Assert.Equal(("nfs", true, "10.0.0.10", "vers=3,soft"), (iso.Type, iso.Shared, iso.Section!.Get("server")!.Value, iso.Section!.Get("options")!.Value));
        Assert.Equal(["iso", "vztmpl"], iso.Content.ToArray());

        var (zfs, zfsContext) = ReadCorpus("proxmox-pve-docs", "pve-storage-zfspool", "storage.cfg");
        Assert.Empty(zfsContext.Diagnostics);
        var vmdata = Get(zfs, "vmdata");
        Assert.Equal(("zfspool", false, "tank/vmdata"), (vmdata.Type, vmdata.Shared, vmdata.Section!.Get("pool")!.Value));
        Assert.True(vmdata.Section!.Properties["sparse"].IsBareFlag);
    }

    [SharedFact]
    public void Corpus_spongeyperson_homelab()
    {
        var (s, context) = ReadCorpus("spongeyperson-pveserver-dotfiles", "etc", "pve", "storage.cfg");
        Assert.Empty(context.Diagnostics);
        Assert.Equal(["local", "local-lvm", "savior", "Backups-SMB", "TrueNAS"], s.Select(x => x.Id.Value));
        Assert.Equal([false, false, true, true, true], s.Select(x => x.Shared));
        Assert.Null(Get(s, "savior").Nodes);
        Assert.Equal(["spongey-server"], Get(s, "Backups-SMB").Nodes!.Value.ToArray());
        var truenas = Get(s, "TrueNAS");
        Assert.Equal(("nfs", "192.168.0.201"), (truenas.Type, truenas.Section!.Get("server")!.Value));
        Assert.Equal(["snippets", "vztmpl", "rootdir", "iso", "images"], truenas.Content.ToArray());
        Assert.Equal(["images", "iso", "rootdir", "backup", "vztmpl", "snippets"], Get(s, "savior").Content.ToArray());
    }

    [SharedFact]
    public void Corpus_teleimagerie_production()
    {
        var (s, context) = ReadCorpus("teleimagerie-proxmox", "configs", "storage.cfg");
        Assert.Empty(context.Diagnostics);
        Assert.Equal(["vm-storage", "local", "nas-pbs", "nas-vm", "pbs"], s.Select(x => x.Id.Value));
        Assert.Equal(["rbd", "dir", "nfs", "nfs", "pbs"], s.Select(x => x.Type));
        Assert.Equal([true, false, true, true, true], s.Select(x => x.Shared));
        var rbd = Get(s, "vm-storage");
        Assert.Equal(("0", "vm-storage"), (rbd.Section!.Get("krbd")!.Value, rbd.Section!.Get("pool")!.Value));
        Assert.Null(rbd.Section!.Get("monhost"));
        Assert.Equal(["images", "vztmpl", "rootdir", "iso", "backup", "snippets"], Get(s, "local").Content.ToArray());
        Assert.Equal("10.201.13.43", Get(s, "nas-vm").Section!.Get("server")!.Value);
        var pbs = Get(s, "pbs");
        Assert.Equal(("tim", "10.30.0.20", "backup@pbs!pve"), (pbs.Section!.Get("datastore")!.Value, pbs.Section!.Get("server")!.Value, pbs.Section!.Get("username")!.Value));
    }

    [SharedFact]
    public void Corpus_west17m_still_has_maxfiles()
    {
        var (s, context) = ReadCorpus("west17m-hetzner-proxmox", "etc", "pve", "storage.cfg");
        var d = Assert.Single(context.Diagnostics);
        Assert.Equal(DiagnosticIds.UnknownKey, d.Id);
        d.AssertAt(9, 2, 8);
        Assert.Contains("'maxfiles' in dir storage 'local' was removed in PVE 9.0", d.Message);
        Assert.Equal(["lvm", "local", "backup"], s.Select(x => x.Id.Value));
        Assert.Equal(("lvm", false, "vg0"), (s[0].Type, s[0].Shared, s[0].Section!.Get("vgname")!.Value));
        Assert.Equal(["snippets", "vztmpl", "rootdir", "images", "iso"], Get(s, "local").Content.ToArray());
        Assert.Equal(("/backup", false), (Get(s, "backup").Section!.Get("path")!.Value, Get(s, "backup").Shared));
    }

    [SharedFact]
    public void Corpus_kilrainebc_trailing_space_and_mixed_indentation()
    {
        var (s, context) = ReadCorpus("kilrainebc-proxmox-cfg", "etc", "pve", "storage.cfg");
        Assert.Empty(context.Diagnostics);
        Assert.Equal(["local", "ssd", "nvme", "hdd", "backup", "assets"], s.Select(x => x.Id.Value));
        Assert.Equal((5, 10), (Get(s, "ssd").Id.Span.Line, Get(s, "ssd").Id.Span.Column));
        Assert.Equal(["pve", "nvme", "hdd"], s.Where(x => x.Type == "lvmthin").Select(x => x.Section!.Get("vgname")!.Value));
        Assert.All(s, x => Assert.False(x.Shared));
        Assert.Equal(["backup"], Get(s, "backup").Content.ToArray());
    }

    [SharedFact]
    public void Corpus_specimen67_eight_space_indentation()
    {
        var (s, context) = ReadCorpus("Specimen67-proxmox-init", "storage.cfg");
        Assert.Empty(context.Diagnostics);
        Assert.Equal(["local", "local-lvm", "ISO", "stockage-vm"], s.Select(x => x.Id.Value));
        var iso = Get(s, "ISO");
        Assert.Equal(("nfs", true, "192.168.67.181", "/mnt/ISO"), (iso.Type, iso.Shared, iso.Section!.Get("server")!.Value, iso.Section!.Get("export")!.Value));
        var lvm = Get(s, "stockage-vm");
        Assert.Equal(("lvm", false, "0"), (lvm.Type, lvm.Shared, lvm.Section!.Get("saferemove")!.Value));
    }

    [SharedFact]
    public void Corpus_bartlomiejcibor_dir_marked_shared()
    {
        var (s, context) = ReadCorpus("BartlomiejCibor-Home-Lab", "storage.cfg");
        Assert.Empty(context.Diagnostics);
        Assert.Equal(["local", "local-lvm", "data-storage", "HDD-Backups"], s.Select(x => x.Id.Value));
        Assert.Equal(["vztmpl", "iso", "import", "backup"], Get(s, "local").Content.ToArray());
        var zfs = Get(s, "data-storage");
        Assert.Equal(("zfspool", false, "0"), (zfs.Type, zfs.Shared, zfs.Section!.Get("sparse")!.Value));
        Assert.Equal(["Serwer"], zfs.Nodes!.Value.ToArray());
        var backups = Get(s, "HDD-Backups");
        Assert.True(backups.Shared);
        Assert.Equal(["Serwer", "MT2ThinkCentre"], backups.Nodes!.Value.ToArray());
        Assert.Equal(["iso", "backup"], backups.Content.ToArray());
    }
}
