using PveLint.Binding;
using PveLint.Corosync.Syntax;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Sources;
using PveLint.Tests;
using PveLint.Text;

namespace PveLint.Parsers.Tests.Corosync;

/// <summary>Every corosync.conf-format file of the shared PVE corpus: read cleanly, with concrete model facts for each.</summary>
public class CorosyncCorpusTests
{
    private static readonly string[] Expected =
    [
        "BartlomiejCibor-Home-Lab/corosync.conf",
        "proxmox-pve-cluster/corosync_configs/multiple-nodes.conf",
        "proxmox-pve-cluster/corosync_configs/old.conf",
        "proxmox-pve-cluster/corosync_configs/single-node.conf",
        "proxmox-pve-docs/pvecm-3node-2links/corosync.conf",
        "proxmox-pve-docs/pvecm-3node-hostnames/corosync.conf",
        "teleimagerie-proxmox/configs/corosync.conf",
    ];

    public static TheoryData<string> CorpusFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Discover()) data.Add(file);
        return data;
    }

    /// <summary>corosync.conf files anywhere, plus pve-cluster's corosync test fixtures.</summary>
    private static IEnumerable<string> Discover() =>
        Directory.EnumerateFiles(TestPaths.PveCorpus, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(TestPaths.PveCorpus, f).Replace('\\', '/'))
            .Where(f => f.EndsWith("/corosync.conf", StringComparison.Ordinal) || f.StartsWith("proxmox-pve-cluster/corosync_configs/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    private static CorosyncRead Read(string relative) => CorosyncRead.Of(File.ReadAllText(Path.Combine(TestPaths.PveCorpus, relative)));

    [SharedFact]
    public void The_corpus_holds_exactly_the_files_with_facts_below()
    {
        Assert.Equal(Expected, Discover());
    }

    [SharedTheory]
    [MemberData(nameof(CorpusFiles))]
    public void Corpus_file_reads_through_the_binder_without_syntax_errors_or_unreadable_input(string relative)
    {
        var text = File.ReadAllText(Path.Combine(TestPaths.PveCorpus, relative));
        var model = ClusterBinder.Bind(ConfigTree.FromTexts([new("etc/pve/corosync.conf", text)]));

        Assert.NotNull(model.Corosync);
        Assert.DoesNotContain(model.Diagnostics, d => d.Id is DiagnosticIds.SyntaxError or DiagnosticIds.UnreadableInput);
        Assert.NotEmpty(model.Corosync!.Nodes);

        // every span of the syntax tree lies inside the file and covers the text it claims
        var file = new SourceFile("etc/pve/corosync.conf", text);
        var document = CorosyncParser.Parse(file);
        foreach (var node in document.DescendantNodes())
        {
            SpanInvariants.AssertInside(file, node.Span);
            if (node is CorosyncItem item)
            {
                Assert.Equal(item.Key.Value, Slice(file, item.Key.Span));
                Assert.Equal(item.Value.Value, Slice(file, item.Value.Span));
            }
        }
    }

    private static string Slice(SourceFile file, SourceSpan span) => file.LineText(span.Line)[(span.Column - 1)..(span.EndColumn - 1)];

    [SharedFact]
    public void Teleimagerie_production_cluster_with_two_links()
    {
        var read = Read("teleimagerie-proxmox/configs/corosync.conf");
        Assert.Empty(read.Diagnostics);
        var m = read.Model;
        Assert.Equal(("tim-cluster", 3L, "on", "passive", 125), (m.Totem.ClusterName!.Value, m.Totem.ConfigVersion!.Value, m.Totem.Secauth!.Value, m.Totem.LinkMode!.Value, m.Totem.TokenCoefficient!.Value));
        Assert.Null(m.Totem.Transport);
        Assert.Equal([0, 1], m.Totem.Interfaces.Select(i => i.LinkNumber!.Value));
        Assert.Equal(["pve1", "pve2", "pve3"], m.Nodes.Select(n => n.Name.Value));
        Assert.Equal([1, 2, 3], m.Nodes.Select(n => n.NodeId!.Value));
        Assert.Equal(3, m.NodeVotes);
        Assert.Equal(["10.100.0.11", "10.100.0.12", "10.100.0.13"], m.Nodes.Select(n => n.Links[0].Address.Value));
        Assert.Equal(["91.134.84.222", "51.68.240.48", "51.68.240.191"], m.Nodes.Select(n => n.Links[1].Address.Value));
        Assert.Equal((14, 17), (m.Nodes[0].Links[1].Address.Span.Line, m.Nodes[0].Links[1].Address.Span.Column));
        Assert.Equal("corosync_votequorum", m.Quorum.Provider!.Value);
        Assert.Null(m.Quorum.Device);
        Assert.Equal((8, 1, 30, 2), (m.NodelistSpan!.Value.Line, m.NodelistSpan.Value.Column, m.NodelistSpan.Value.EndLine, m.NodelistSpan.Value.EndColumn));
        // the owner's two '#' header lines are comments
        var document = CorosyncParser.Parse(read.File);
        Assert.Equal(2, document.Children.OfType<CorosyncComment>().Count());
    }

    [SharedFact]
    public void Home_lab_two_nodes_with_a_qdevice()
    {
        var read = Read("BartlomiejCibor-Home-Lab/corosync.conf");
        Assert.Empty(read.Diagnostics);
        var m = read.Model;
        Assert.Equal(("Home-Lab", 11L), (m.Totem.ClusterName!.Value, m.Totem.ConfigVersion!.Value));
        Assert.Equal(["MT2ThinkCentre", "Serwer"], m.Nodes.Select(n => n.Name.Value));
        // "name: Serwer        ": corosync trims the trailing blanks, so the span covers the six letters only
        Assert.Equal((14, 11, 17), (m.Nodes[1].Name.Span.Line, m.Nodes[1].Name.Span.Column, m.Nodes[1].Name.Span.EndColumn));
        Assert.Equal([1, 2], m.Nodes.Select(n => n.NodeId!.Value));
        Assert.Equal(["10.0.10.11", "10.0.10.12"], m.Nodes.Select(n => n.Links.Single().Address.Value));
        var device = m.Quorum.Device!;
        Assert.Equal(("net", 1, "10.0.90.1", "ffsplit", "on"), (device.Model!.Value, device.Votes!.Value, device.Host!.Value, device.Algorithm!.Value, device.Tls!.Value));
        Assert.Equal((22, 3), (device.Span.Line, device.Span.Column));
        Assert.Equal([0], m.Totem.Interfaces.Select(i => i.LinkNumber!.Value));
        Assert.Null(m.Quorum.TwoNode);
    }

    [SharedFact]
    public void Pve_docs_three_nodes_by_hostname()
    {
        var read = Read("proxmox-pve-docs/pvecm-3node-hostnames/corosync.conf");
        Assert.Empty(read.Diagnostics);
        var m = read.Model;
        Assert.Equal(("testcluster", 3L, "on"), (m.Totem.ClusterName!.Value, m.Totem.ConfigVersion!.Value, m.Totem.Secauth!.Value));
        Assert.Equal(["due", "tre", "uno"], m.Nodes.Select(n => n.Name.Value));
        Assert.Equal([2, 3, 1], m.Nodes.Select(n => n.NodeId!.Value));
        Assert.Equal(["due", "tre", "uno"], m.Nodes.Select(n => n.Links.Single().Address.Value));
        Assert.Equal([0], m.Totem.Interfaces.Select(i => i.LinkNumber!.Value));
        Assert.Equal(3, m.NodeVotes);
    }

    [SharedFact]
    public void Pve_docs_three_nodes_with_two_links()
    {
        var read = Read("proxmox-pve-docs/pvecm-3node-2links/corosync.conf");
        Assert.Empty(read.Diagnostics);
        var m = read.Model;
        Assert.Equal(("testcluster", 4L), (m.Totem.ClusterName!.Value, m.Totem.ConfigVersion!.Value));
        Assert.Equal(["due", "tre", "uno"], m.Nodes.Select(n => n.Name.Value));
        Assert.Equal([2, 3, 1], m.Nodes.Select(n => n.NodeId!.Value));
        Assert.All(m.Nodes, n => Assert.Equal([0, 1], n.Links.Select(l => l.LinkNumber)));
        Assert.Equal(["10.10.10.2", "10.10.10.3", "10.10.10.1"], m.Nodes.Select(n => n.Links[0].Address.Value));
        Assert.Equal(["10.20.20.2", "10.20.20.3", "10.20.20.1"], m.Nodes.Select(n => n.Links[1].Address.Value));
        Assert.Equal([0, 1], m.Totem.Interfaces.Select(i => i.LinkNumber!.Value));
    }

    [SharedFact]
    public void Pve_cluster_fixture_four_nodes_with_legacy_ringnumber_interfaces()
    {
        var read = Read("proxmox-pve-cluster/corosync_configs/multiple-nodes.conf");
        Assert.Empty(read.Refusals);
        // corosync 3 ignores 'ringnumber', so both interface blocks are link 0 for it
        Assert.Equal([(DiagnosticIds.UnknownKey, 46, 5), (DiagnosticIds.DuplicateSection, 48, 3), (DiagnosticIds.UnknownKey, 50, 5)], read.Where());
        var m = read.Model;
        Assert.Equal(("cloud", 1L), (m.Totem.ClusterName!.Value, m.Totem.ConfigVersion!.Value));
        Assert.Equal(["prox1", "prox2", "prox3", "prox4"], m.Nodes.Select(n => n.Name.Value));
        Assert.All(m.Nodes, n => Assert.Equal(1, n.NodeId!.Value)); // the fixture's duplicate nodeids are a rule's business (PVE1007)
        Assert.Equal(["prox1-ring1", "prox2-ring1", "prox3-ring1", "prox4-ring1"], m.Nodes.Select(n => n.Links[1].Address.Value));
        // PVE's parser keys the interfaces by linknumber, falling back to ringnumber
        Assert.Equal([0, 1], m.Totem.Interfaces.Select(i => i.LinkNumber!.Value));
        Assert.Equal(["192.168.0.42", "192.168.1.42"], m.Totem.Interfaces.Select(i => i.Settings["bindnetaddr"].Value));
        Assert.Equal(4, m.NodeVotes);
    }

    [SharedFact]
    public void Pve_cluster_fixture_old_node_without_name_is_named_after_ring0_addr()
    {
        var read = Read("proxmox-pve-cluster/corosync_configs/old.conf");
        Assert.Empty(read.Refusals);
        Assert.Equal([(DiagnosticIds.UnknownKey, 23, 5)], read.Where());
        var m = read.Model;
        Assert.Equal(("sea", 1L), (m.Totem.ClusterName!.Value, m.Totem.ConfigVersion!.Value));
        var node = Assert.Single(m.Nodes);
        Assert.Equal(("prox1", 10, 17), (node.Name.Value, node.Name.Span.Line, node.Name.Span.Column));
        Assert.Equal(1, node.NodeId!.Value);
        Assert.Equal(0, Assert.Single(m.Totem.Interfaces).LinkNumber!.Value);
    }

    [SharedFact]
    public void Pve_cluster_fixture_single_node()
    {
        var read = Read("proxmox-pve-cluster/corosync_configs/single-node.conf");
        Assert.Empty(read.Refusals);
        Assert.Equal([(DiagnosticIds.UnknownKey, 24, 5)], read.Where());
        var m = read.Model;
        Assert.Equal(("cloud", 1L), (m.Totem.ClusterName!.Value, m.Totem.ConfigVersion!.Value));
        var node = Assert.Single(m.Nodes);
        Assert.Equal(("prox1", 1, "prox1"), (node.Name.Value, node.NodeId!.Value, node.Links.Single().Address.Value));
        Assert.Equal(1, m.NodeVotes);
        Assert.Equal("192.168.0.42", Assert.Single(m.Totem.Interfaces).Settings["bindnetaddr"].Value);
    }
}
