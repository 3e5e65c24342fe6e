namespace Linter.Cli.Tests.Support;

/// <summary>
/// A scan root whose findings under <see cref="CliRunner.Pinned"/> are fixed whatever the parsers learn:
/// they come from suppression comments in a file no reader parses (user.cfg) and from a binary file.
/// </summary>
internal static class PinnedCluster
{
    public const string UserCfg =
        "# pvelint-disable-next-line PVE9999 -- checking an id that does not exist\n" +
        "user:root@pam:1:0:::root@example.com:::\n" +
        "# pvelint-disable-next-line PVE0001\n" +
        "user:alice@pve:1:0:::::\n";

    /// <summary>The text report of <see cref="Write"/>, line by line (also pinned by golden/pinned.txt).</summary>
    public static readonly string[] TextReport =
    [
        "etc/pve/notes.bin(2,4): error PVE0010: etc/pve/notes.bin: the file is not valid UTF-8 text (0xFF at line 2, column 4); it is checked as PVE and corosync read it, byte by byte, with each byte that is not UTF-8 taken as its Latin-1 character [unreadable-input]",
        "etc/pve/user.cfg(1,29): warning PVE9002: 'PVE9999' in a suppression comment is not a pvelint rule id or name [unknown-rule-id]",
        "etc/pve/user.cfg(3,3): warning PVE9004: suppression of PVE0001 gives no reason; add ' -- <why>' [suppression-without-reason]",
        "etc/pve/user.cfg(3,29): warning PVE9001: suppression of PVE0001 matches no finding on line 4 [unused-suppression]",
        "    1  PVE0010  unreadable-input",
        "    1  PVE9001  unused-suppression",
        "    1  PVE9002  unknown-rule-id",
        "    1  PVE9004  suppression-without-reason",
        "pvelint: 1 error, 3 warnings, 0 info in 1 cluster (3 files).",
    ];

    public static string Write(TempTree tree, string under = "")
    {
        var root = under.Length == 0 ? tree.Root : tree.CreateDirectory(under);
        tree.Write(Path.Combine(under, "etc/pve/corosync.conf"), "totem {\n  cluster_name: pinned\n}\n");
        tree.Write(Path.Combine(under, "etc/pve/user.cfg"), UserCfg);
        tree.WriteBytes(Path.Combine(under, "etc/pve/notes.bin"), [.. "ok\nabc"u8, 0xFF, .. "\n"u8]);
        return root;
    }
}
