using System.Text;
using PveLint.Model;
using PveLint.Simulation.Ceph;

namespace PveLint.Cli.Reporting.Simulation;

/// <summary>The scenario table for a job summary or a wiki: a Mermaid diagram of the sites, nodes, QDevice and latencies, then one row per scenario.</summary>
public static class SimulationMarkdownReporter
{
    public static void Write(SimulationReport report, TextWriter output)
    {
        var result = report.Result;
        output.WriteLine($"## pvelint simulate: {Cell(report.Path)}");
        output.WriteLine();
        output.WriteLine($"{result.Scenarios.Length} scenarios, up to {result.MaxFailures} simultaneous failures.");
        output.WriteLine();
        output.WriteLine("```mermaid");
        WriteTopology(report.Model, output);
        output.WriteLine("```");
        output.WriteLine();
        output.WriteLine("| scenario | partitions and their quorum | fenced nodes | HA services moved / stranded | Ceph monitors and pools |");
        output.WriteLine("|---|---|---|---|---|");
        foreach (var v in result.Scenarios)
            output.WriteLine($"| {Cell(v.Scenario.Title)} | {Cell(SimulationReport.Partitions(v))} | {Cell(SimulationReport.Fenced(v))} | {Cell(SimulationReport.Services(v))} | {Cell(SimulationReport.Ceph(v))} |");
        if (!result.Notes.IsEmpty)
        {
            output.WriteLine();
            foreach (var note in result.Notes) output.WriteLine($"- {Cell(note)}");
        }
    }

    /// <summary>
    /// Sites as subgraphs of their nodes (those running a Ceph monitor say so), the QDevice host, monitors on no node,
    /// and the declared latencies as labelled links.
    /// </summary>
    public static void WriteTopology(ClusterModel model, TextWriter output)
    {
        output.WriteLine("graph LR");
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        string Id(string key) => ids.TryGetValue(key, out var id) ? id : ids[key] = "n" + ids.Count;
        var monitors = CephHome.Monitors(model);
        var monitorNodes = monitors.Where(m => m.Home.Node is not null).Select(m => m.Home.Node!).ToHashSet(StringComparer.Ordinal);
        string NodeLabel(string node) => Label(node) + (monitorNodes.Contains(node) ? " · mon" : "");
        void OffNodeMonitors(string? site, string indent)
        {
            foreach (var (monitor, _) in monitors.Where(m => m.Home.Node is null && m.Home.Site == site))
                output.WriteLine($"{indent}{Id("mon:" + monitor.Name)}{{{{\"mon.{Label(monitor.Name)}{(monitor.IsTiebreaker ? " (tiebreaker)" : "")}\"}}}}");
        }
        foreach (var site in model.Sites)
        {
            output.WriteLine($"  subgraph {Id("site:" + site.Name)}[\"{Label(site.Name)}{(site.IsData ? "" : " (witness)")}\"]");
            foreach (var node in site.Nodes) output.WriteLine($"    {Id("node:" + node)}[\"{NodeLabel(node)}\"]");
            if (site.HasQDevice) output.WriteLine($"    {Id("qdevice")}((\"QDevice\"))");
            OffNodeMonitors(site.Name, "    ");
            output.WriteLine("  end");
        }
        var placed = model.Sites.SelectMany(s => s.Nodes).ToHashSet(StringComparer.Ordinal);
        foreach (var node in model.Nodes.Where(n => !placed.Contains(n.Name)))
            output.WriteLine($"  {Id("node:" + node.Name)}[\"{NodeLabel(node.Name)}\"]");
        foreach (var site in monitors.Where(m => m.Home.Node is null).Select(m => m.Home.Site).Distinct().Where(s => s is null || model.SiteNamed(s) is null))
            OffNodeMonitors(site, "  ");
        if (model.Corosync?.Quorum.Device is { } device && !ids.ContainsKey("qdevice"))
            output.WriteLine($"  {Id("qdevice")}((\"QDevice {Label(device.Host?.Value ?? "")}\"))");
        foreach (var latency in model.Latencies)
            if (ids.TryGetValue("site:" + latency.SiteA, out var a) && ids.TryGetValue("site:" + latency.SiteB, out var b))
                output.WriteLine($"  {a} ---|\"{latency.Milliseconds:0.##} ms\"| {b}");
    }

    /// <summary>Mermaid labels are quoted: quotes and markup characters become entities.</summary>
    private static string Label(string text) => Escape(text, c => c is '"' or '<' or '>' or '&' or '#' or '`' ? $"#{(int)c};" : null);

    /// <summary>A table cell: pipes, Markdown syntax and line breaks from names and values are escaped.</summary>
    private static string Cell(string text) => Escape(text, c => c switch
    {
        '|' or '\\' or '*' or '_' or '[' or ']' or '(' or ')' or '!' or '<' or '>' or '`' or '#' or '~' => "\\" + c,
        _ when char.IsControl(c) => " ",
        _ => null,
    });

    private static string Escape(string text, Func<char, string?> replace)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text) sb.Append(replace(c) ?? c.ToString());
        return sb.ToString();
    }
}
