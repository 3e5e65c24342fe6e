using System.Reflection;
using Linter.Cli.Tests.Support;

namespace Linter.Cli.Tests.Commands;

/// <summary>The install story of the README: pvelint packed as a .NET tool, installed with dotnet tool install, run.</summary>
public sealed class ToolInstallTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [ToolPackagingFact]
    public void The_packed_tool_installs_from_a_local_feed_and_runs()
    {
        var feed = _tree.CreateDirectory("feed");
        var configuration = typeof(ToolInstallTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var project = Path.Combine(ToolPackagingFactAttribute.CliProjectDirectory, "Linter.Cli.csproj");
        // Only the feed folder is a source, and packages land in a scratch folder: no server, no stale cached copy.
        var nugetConfig = _tree.Write("nuget.config",
            $"""<?xml version="1.0" encoding="utf-8"?><configuration><packageSources><clear /><add key="local" value="{feed}" /></packageSources></configuration>""");
        var environment = new Dictionary<string, string>
        {
            ["NUGET_PACKAGES"] = _tree.CreateDirectory("packages"),
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
        };
        var dotnet = PvelintProcess.Quote(PvelintProcess.DotnetHost);

        var pack = PvelintProcess.Shell(
            $"{dotnet} pack {PvelintProcess.Quote(project)} --no-build -c {configuration} -o {PvelintProcess.Quote(feed)} " +
            $"-p:PublishDir={PvelintProcess.Quote(_tree.PathOf("publish") + "/")} -p:NuspecOutputPath={PvelintProcess.Quote(_tree.PathOf("nuspec") + "/")}",
            environment, TimeSpan.FromMinutes(5));
        Assert.True(pack.ExitCode == 0, pack.ToString());
        var package = Assert.Single(Directory.GetFiles(feed, "*.nupkg"));
        Assert.Equal("PveLint.Cli.", Path.GetFileName(package)[..12]);
        using (var zip = System.IO.Compression.ZipFile.OpenRead(package))
        {
            var entries = zip.Entries.Select(e => e.FullName).ToList();
            Assert.Contains("README.md", entries); // the package page shows the README
            Assert.Contains(entries, e => e.StartsWith("tools/", StringComparison.Ordinal) && e.EndsWith("/pvelint.dll", StringComparison.Ordinal));
            Assert.Contains(entries, e => e.EndsWith("/Sarif.dll", StringComparison.Ordinal)); // referenced by path, not by package
        }

        var tools = _tree.PathOf("tools");
        var install = PvelintProcess.Shell(
            $"{dotnet} tool install PveLint.Cli --tool-path {PvelintProcess.Quote(tools)} --configfile {PvelintProcess.Quote(nugetConfig)}",
            environment, TimeSpan.FromMinutes(3));
        Assert.True(install.ExitCode == 0, install.ToString());
        Assert.Contains("was successfully installed", install.Output);

        var version = PvelintProcess.Shell($"{PvelintProcess.Quote(Path.Combine(tools, "pvelint"))} --version", environment);
        Assert.Equal((0, global::PveLint.Cli.Commands.CliEnvironment.AssemblyVersion()), (version.ExitCode, version.Output.Trim()));

        _tree.Write("cluster/etc/pve/corosync.conf", "totem {\n  cluster_name: c\n}\n");
        var scan = PvelintProcess.Shell($"{PvelintProcess.Quote(Path.Combine(tools, "pvelint"))} scan --select PVE9 {PvelintProcess.Quote(_tree.PathOf("cluster"))}", environment);
        Assert.Equal((0, "pvelint: no findings in 1 cluster (1 file).\n"), (scan.ExitCode, scan.Output));
    }
}
