using Microsoft.CodeAnalysis;

namespace Linter.MSBuild.Tests;

/// <summary>
/// MSBuild's globs follow symbolic links, so the analyzer itself checks each AdditionalFile's final target: a link to
/// a secret or out of the repository is reported as PVE0010 on the link, and nothing of the target reaches the log.
/// </summary>
public sealed class AnalyzerLinkTests : IDisposable
{
    private const string Secret = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7";

    private readonly string _root = Directory.CreateTempSubdirectory("pvelint-analyzer-links-").FullName;
    private readonly string _outside = Directory.CreateTempSubdirectory("pvelint-analyzer-outside-").FullName;

    public void Dispose()
    {
        Directory.Delete(_root, recursive: true);
        Directory.Delete(_outside, recursive: true);
    }

    [Fact]
    public async Task Links_to_secrets_and_to_files_outside_the_repository_are_refused_without_their_text()
    {
        var pve = Directory.CreateDirectory(Path.Combine(_root, "etc/pve")).FullName;
        Directory.CreateDirectory(Path.Combine(pve, "priv"));
        Directory.CreateDirectory(Path.Combine(pve, "qemu-server"));
        File.WriteAllText(Path.Combine(pve, "priv/authkey.key"), Secret + "\n");
        File.WriteAllText(Path.Combine(_outside, "shadow"), Secret + "\n");
        File.CreateSymbolicLink(Path.Combine(pve, "qemu-server/150.conf"), "../priv/authkey.key");
        File.CreateSymbolicLink(Path.Combine(pve, "qemu-server/151.conf"), Path.Combine(_outside, "shadow"));
        Directory.CreateSymbolicLink(Path.Combine(pve, "lxc"), _outside);
        File.WriteAllText(Path.Combine(pve, "datacenter.cfg"), "keyboard: de\n");

        // What GetText would return if the analyzer read them: the targets' content.
        var files = new Dictionary<string, string>
        {
            ["etc/pve/qemu-server/150.conf"] = Secret + "\n",
            ["etc/pve/qemu-server/151.conf"] = Secret + "\n",
            ["etc/pve/lxc/shadow"] = Secret + "\n",
            ["etc/pve/datacenter.cfg"] = "keyboard: de\n",
        };
        var diagnostics = await AnalyzerHarness.RunAsync(files, root: _root);

        Assert.DoesNotContain(diagnostics, d => d.GetMessage().Contains("MIIE", StringComparison.Ordinal));
        var refused = diagnostics.Where(d => d.Id == "PVE0010").ToDictionary(d => Path.GetRelativePath(_root, d.Location.GetLineSpan().Path), d => d.GetMessage());
        Assert.Contains("which pvelint never reads", refused["etc/pve/qemu-server/150.conf"]);
        Assert.Contains("outside the scanned directory", refused["etc/pve/qemu-server/151.conf"]);
        Assert.Contains("outside the scanned directory", refused["etc/pve/lxc/shadow"]);
        Assert.Equal(3, refused.Count);
    }

    [Fact]
    public async Task A_link_inside_the_repository_to_a_configuration_file_is_read()
    {
        var pve = Directory.CreateDirectory(Path.Combine(_root, "etc/pve")).FullName;
        File.WriteAllText(Path.Combine(_root, "datacenter.cfg.shared"), "keyboard: de\n");
        File.CreateSymbolicLink(Path.Combine(pve, "datacenter.cfg"), "../../datacenter.cfg.shared");

        var diagnostics = await AnalyzerHarness.RunAsync(new Dictionary<string, string> { ["etc/pve/datacenter.cfg"] = "keyboard: de\n" }, root: _root);

        Assert.DoesNotContain(diagnostics, d => d.Id is "PVE0010" or "PVE9000" or "AD0001");
    }
}
