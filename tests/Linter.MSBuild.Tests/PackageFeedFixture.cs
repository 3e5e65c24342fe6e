using PveLint.Tests;

namespace Linter.MSBuild.Tests;

/// <summary>
/// Packs PveLint.MSBuild once per test run into a local feed, from a private copy of the sources so the working
/// tree's bin/obj are never touched: the real package (0.1.0), one without the Pidgin dll (0.1.0-nodeps) and one
/// built against a Roslyn newer than the SDK's compiler (0.1.0-roslyn512). Builds of the example repository then
/// restore only from that feed and the machine's package folder, into a private global-packages folder.
/// </summary>
public sealed class PackageFeedFixture : IDisposable
{
    public const string Version = "0.1.0";
    public const string NoDepsVersion = "0.1.0-nodeps";
    public const string NewRoslynVersion = "0.1.0-roslyn512";

    public PackageFeedFixture()
    {
        Root = Directory.CreateTempSubdirectory("pvelint-e2e-").FullName;
        Feed = Path.Combine(Root, "feed");
        Packages = Path.Combine(Root, "packages");
        var sources = Path.Combine(Root, "src-copy");
        CopyTree(TestPaths.RepoRoot, sources, top: true);

        Pack(sources, Version, "");
        Pack(sources, NoDepsVersion, "-p:PveLintOmitDependency=Pidgin");
        Pack(sources, NewRoslynVersion, "-p:PveLintRoslynVersion=5.12.0");
    }

    public string Root { get; }

    public string Feed { get; }

    public string Packages { get; }

    public IDictionary<string, string> Environment => new Dictionary<string, string> { ["NUGET_PACKAGES"] = Packages };

    private void Pack(string sources, string version, string extra)
    {
        var result = ProcessRunner.Run("dotnet", $"pack src/Linter.MSBuild/PveLint.MSBuild.csproj -c Release -o \"{Feed}\" -p:Version={version} {extra}", sources);
        if (result.ExitCode != 0) throw new InvalidOperationException($"dotnet pack {version} failed:\n{result.Output}");
    }

    /// <summary>Copies what a build of src/ needs (sources, props, rules-docs), without bin/ obj/ .git.</summary>
    private static void CopyTree(string from, string to, bool top)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var dir in Directory.EnumerateDirectories(from))
        {
            var name = Path.GetFileName(dir);
            if (name is "bin" or "obj" or ".git" or "TestResults") continue;
            if (top && name is not ("src" or "rules-docs")) continue;
            CopyTree(dir, Path.Combine(to, name), top: false);
        }
    }

    /// <summary>A fresh copy of examples/config-repo that references the given package version.</summary>
    public string CopyExample(string name, string version = Version)
    {
        var target = Path.Combine(Root, name);
        CopyTree(Path.Combine(TestPaths.RepoRoot, "examples", "config-repo"), target, top: false);
        var csproj = Path.Combine(target, "config-repo.csproj");
        File.WriteAllText(csproj, File.ReadAllText(csproj).Replace($"Version=\"{Version}\"", $"Version=\"{version}\""));
        var machine = Directory.Exists("/opt/nuget/packages") ? "<add key=\"machine\" value=\"/opt/nuget/packages\" />" : "";
        File.WriteAllText(Path.Combine(target, "nuget.config"),
            $"<configuration><packageSources><clear /><add key=\"local\" value=\"{Feed}\" />{machine}</packageSources></configuration>\n");
        return target;
    }

    public ProcessRunner.Result Build(string directory, string extra = "") =>
        ProcessRunner.Run("dotnet", $"build --no-incremental -p:EnableNETAnalyzers=false {extra}", directory, Environment);

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
