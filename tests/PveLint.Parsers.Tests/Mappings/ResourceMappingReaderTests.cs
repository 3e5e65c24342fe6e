using CsCheck;
using PveLint.Binding;
using PveLint.Diagnostics;
using PveLint.Mappings;
using PveLint.Sources;
using static PveLint.Parsers.Tests.ReaderTestKit;

namespace PveLint.Parsers.Tests.Mappings;

/// <summary>mapping/pci.cfg and usb.cfg (pve-guest-common PVE::Mapping::PCI/USB): ids, the nodes of their map entries.</summary>
public class ResourceMappingReaderTests
{
    private const string Pci = """
        # GPUs of the render nodes
        gpu
        	description Render GPU
        	live-migration-capable 1
        	map node=pve1,path=0000:01:00.0,id=10de:1db6,iommugroup=5
        	map node=pve2,path=0000:01:00.0;0000:02:00.0,id=10de:1db6,iommugroup=7
        	map node=pve2,path=0000:03:00.0,id=10de:1db6,iommugroup=9

        nic
        	map id=8086:1521,node=pve3,path=0000:05:00.0
        	mdev 0

        """;

    [Fact]
    public void Mappings_keep_their_nodes_and_the_live_migration_flag()
    {
        var context = Context();
        var mappings = ResourceMappingReader.Read(Inline("etc/pve/mapping/pci.cfg", Pci.Replace("\r\n", "\n")), "pci", context);

        Assert.Empty(context.Diagnostics);
        Assert.Collection(mappings,
            gpu =>
            {
                Assert.Equal(("gpu", 2), (gpu.Id.Value, gpu.HeaderSpan.Line));
                Assert.True(gpu.LiveMigrationCapable);
                Assert.Equal(["pve1", "pve2"], gpu.Nodes);
                Assert.Equal(3, gpu.Entries.Length);
                Assert.Equal((5, 11), (gpu.Entries[0].Node.Span.Line, gpu.Entries[0].Node.Span.Column));
            },
            nic =>
            {
                Assert.False(nic.LiveMigrationCapable);
                Assert.Equal(["pve3"], nic.Nodes);
            });
    }

    [Fact]
    public void A_line_outside_a_section_and_a_map_without_node_are_reported()
    {
        var context = Context();
        var mappings = ResourceMappingReader.Read(Inline("etc/pve/mapping/usb.cfg", "dongle\n\tmap id=0529:0001,path=1-2\n\n\tmap node=pve1\nstray words\n"), "usb", context);

        Assert.Equal(["dongle"], mappings.Select(m => m.Id.Value));
        Assert.Empty(mappings[0].Nodes);
        Assert.Equal([(DiagnosticIds.InvalidValue, 2, 6), (DiagnosticIds.SyntaxError, 4, 1), (DiagnosticIds.SyntaxError, 5, 1)], context.Positions());
    }

    [Fact]
    public void The_binder_puts_the_mappings_into_the_model_and_knows_which_files_it_read()
    {
        var model = ClusterBinder.Bind(new ConfigTree([new ConfigFile("etc/pve/mapping/pci.cfg", Pci, "etc/pve/mapping/pci.cfg")]));

        Assert.True(model.Mappings.Knows("pci"));
        Assert.False(model.Mappings.Knows("usb"));
        Assert.Equal(["pve1", "pve2"], model.Mappings.Find("pci", "gpu")!.Nodes);
        Assert.Null(model.Mappings.Find("pci", "nope"));
    }

    [Fact]
    public void Any_text_reads_without_an_exception() =>
        Gen.String[Gen.Char["gpu map\t node=,pve1#\n "], 0, 200].Sample(text =>
        {
            var context = Context();
            var mappings = ResourceMappingReader.Read(Inline("etc/pve/mapping/pci.cfg", text), "pci", context);
            Assert.All(mappings, m => Assert.DoesNotContain(m.Entries, e => e.Node.Value.Length == 0));
        });
}
