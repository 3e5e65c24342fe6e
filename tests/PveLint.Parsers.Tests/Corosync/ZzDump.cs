namespace PveLint.Parsers.Tests.Corosync;
public class ZzDump
{
    [Fact]
    public void Dump()
    {
        var sb = new System.Text.StringBuilder();
        var files = Directory.GetFiles(PveLint.Tests.TestPaths.PveCorpus, "*.conf", SearchOption.AllDirectories)
            .Where(f => File.ReadAllText(f).Contains("totem")).Concat(Directory.GetFiles("/tmp/corotest")).Order();
        foreach (var f in files)
        {
            var read = CorosyncRead.Of(File.ReadAllText(f));
            sb.AppendLine("=== " + f);
            foreach (var d in read.Diagnostics) sb.AppendLine($"  {d.Id} {d.Span} {d.Message}");
            var m = read.Model;
            sb.AppendLine($"  totem: {m.Totem.ClusterName} v{m.Totem.ConfigVersion} tr={m.Totem.Transport} sec={m.Totem.Secauth} ifaces=[{string.Join(";", m.Totem.Interfaces.Select(i => $"{i.LinkNumber}:{string.Join(",", i.Settings.Select(kv => kv.Key + "=" + kv.Value))}"))}]");
            foreach (var n in m.Nodes) sb.AppendLine($"  node {n.Name} id={n.NodeId} votes={n.Votes} links=[{string.Join(",", n.Links.Select(l => l.LinkNumber + "=" + l.Address))}] {n.Span}");
            sb.AppendLine($"  quorum: {m.Quorum.Provider} ev={m.Quorum.ExpectedVotes} dev={m.Quorum.Device?.Model} {m.Quorum.Device?.Host} {m.Quorum.Device?.Algorithm} {m.Quorum.Device?.Votes}");
        }
        File.WriteAllText("/tmp/coro-dump.txt", sb.ToString());
    }
}
