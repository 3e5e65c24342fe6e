using PveLint.Tests;

namespace PveLint.Parsers.Tests.SectionConfig;

/// <summary>
/// The corpus files of the section-config formats and datacenter.cfg, each with its own facts test elsewhere in
/// this folder and in HighAvailability/ and Datacenter/. A new corpus file of these formats fails this test until it
/// gets one.
/// </summary>
public class CorpusInventoryTests
{
    public static readonly string[] SectionConfigAndDatacenterFiles =
    [
        "BartlomiejCibor-Home-Lab/storage.cfg",
        "Specimen67-proxmox-init/storage.cfg",
        "kilrainebc-proxmox-cfg/etc/pve/storage.cfg",
        "proxmox-pve-docs/ha-manager-crs/datacenter.cfg",
        "proxmox-pve-docs/ha-manager-groups/groups.cfg",
        "proxmox-pve-docs/ha-manager-node-affinity/rules.cfg",
        "proxmox-pve-docs/ha-manager-resource-affinity/rules.cfg",
        "proxmox-pve-docs/ha-manager-resources/resources.cfg",
        "proxmox-pve-docs/pve-storage-cephfs/storage.cfg",
        "proxmox-pve-docs/pve-storage-nfs/storage.cfg",
        "proxmox-pve-docs/pve-storage-pbs/storage.cfg",
        "proxmox-pve-docs/pve-storage-rbd/storage.cfg",
        "proxmox-pve-docs/pve-storage-zfspool/storage.cfg",
        "proxmox-pve-docs/pvesm-default/storage.cfg",
        "proxmox-pve-ha-manager/rules_cfgs/defaults-for-node-affinity-rules.cfg",
        "proxmox-pve-ha-manager/rules_cfgs/multi-priority-node-affinity-with-resource-affinity-rules.cfg",
        "proxmox-pve-ha-manager/test-basic5/rules_config",
        "proxmox-pve-ha-manager/test-group-migrate1/groups",
        "spongeyperson-pveserver-dotfiles/etc/pve/datacenter.cfg",
        "spongeyperson-pveserver-dotfiles/etc/pve/storage.cfg",
        "teleimagerie-proxmox/configs/datacenter.cfg",
        "teleimagerie-proxmox/configs/ha-resources.cfg",
        "teleimagerie-proxmox/configs/storage.cfg",
        "west17m-hetzner-proxmox/etc/pve/storage.cfg",
    ];

    [SharedFact]
    public void Every_corpus_file_of_these_formats_is_covered()
    {
        static bool IsOurFormat(string relative)
        {
            var name = Path.GetFileName(relative);
            return name is "storage.cfg" or "datacenter.cfg" or "resources.cfg" or "ha-resources.cfg" or "groups.cfg" or "groups"
                       or "rules.cfg" or "rules_config" or "replication.cfg"
                   || relative.Contains("/rules_cfgs/", StringComparison.Ordinal);
        }

        var found = Directory.EnumerateFiles(TestPaths.PveCorpus, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(TestPaths.PveCorpus, f).Replace('\\', '/'))
            .Where(IsOurFormat)
            .Order(StringComparer.Ordinal)
            .ToArray();

        Assert.Equal(SectionConfigAndDatacenterFiles.Order(StringComparer.Ordinal), found);
    }
}
