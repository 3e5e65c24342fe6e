using PveLint.Binding;
using PveLint.Sources;

namespace PveLint.Parsers.Tests.ClusterBinding;

public class SecretPathsTests
{
    [Theory]
    [InlineData("etc/pve/priv/authkey.pub", true)]
    [InlineData("etc/pve/pve-www.key", true)]
    [InlineData("etc/pve/nodes/pve1/priv/token", true)]
    [InlineData("ceph/priv", true)]
    [InlineData(".git/config", true)]
    [InlineData("repo\\.git\\config", true)]
    [InlineData("hosts/pve1/etc/ssl/host.key", true)]
    [InlineData("etc/pve/private/x.cfg", false)]
    [InlineData("etc/pve/nodes/pve1/qemu-server/100.conf", false)]
    [InlineData("etc/pve/.gitignore", false)]
    [InlineData("etc/pve/keys.cfg", false)]
    public void Names_priv_and_git_segments_and_key_files(string path, bool secret) => Assert.Equal(secret, SecretPaths.IsSecret(path));

    [Fact]
    public void Agrees_with_splitting_the_path_on_generated_paths()
    {
        // The rule as it was written before it walked spans: Replace('\\', '/'), the binder's secrets, '.key', then Split('/').
        static bool BySplit(string relative)
        {
            var path = relative.Replace('\\', '/');
            if (ClusterBinder.IsSecret(path) || path.EndsWith(".key", StringComparison.Ordinal)) return true;
            return path.Split('/').Any(segment => segment is "priv" or ".git");
        }

        string[] parts = ["etc", "pve", "priv", ".git", "nodes", "pve1", "x.key", "key", ".key", "privy", "", "a.cfg", "git", "/", "\\"];
        var random = new Random(14);
        for (var i = 0; i < 20_000; i++)
        {
            var path = string.Concat(Enumerable.Range(0, random.Next(1, 7)).Select(_ => parts[random.Next(parts.Length)] + (random.Next(3) == 0 ? "\\" : "/")))
                       + parts[random.Next(parts.Length)];
            Assert.True(BySplit(path) == SecretPaths.IsSecret(path), path);
        }
    }
}
