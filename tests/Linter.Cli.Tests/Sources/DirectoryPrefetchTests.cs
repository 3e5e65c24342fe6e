using System.Text;
using Linter.Cli.Tests.Support;
using PveLint.Cli.Sources;
using PveLint.Diagnostics;

namespace Linter.Cli.Tests.Sources;

/// <summary>
/// A directory of at least <see cref="DirectoryPrefetch.Threshold"/> entries is read ahead on every core; what the
/// scan sees must be exactly what reading the files in turn gives: order, refusals, limits, secrets and links.
/// </summary>
public sealed class DirectoryPrefetchTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private const string Guests = "etc/pve/nodes/pve1/qemu-server";

    private static string Config(int id) => $"name: vm{id}\nmemory: 2048\n";

    private LoadedSource Load(SourceLimits limits) => Fifo.WithinSeconds(30, () => SourceLoader.Load(_tree.Root, _tree.Root, limits));

    [Fact]
    public void A_large_directory_is_read_in_listing_order_with_every_refusal_where_reading_in_turn_puts_it()
    {
        for (var id = 100; id < 140; id++) _tree.Write($"{Guests}/{id}.conf", Config(id));
        _tree.Write($"{Guests}/140.conf", new string('#', 3000));                     // over the per-file limit
        Fifo.Create(_tree.PathOf($"{Guests}/141.conf"));                              // never opened for reading
        File.CreateSymbolicLink(_tree.PathOf($"{Guests}/142.conf"), "100.conf");     // followed inside the root
        _tree.WriteBytes($"{Guests}/143.conf", [.. Encoding.UTF8.GetBytes("name: caf"), 0xE9, (byte)'\n']); // Latin-1
        _tree.Write($"{Guests}/144.key", "secret\n");

        var source = Load(SourceLimits.Default with { MaxFileBytes = 2048 });

        var guests = source.Tree.Files.Select(f => f.Path).Where(p => p.StartsWith("etc/pve/nodes/", StringComparison.Ordinal)).ToList();
        Assert.Equal([.. Enumerable.Range(100, 40).Select(id => $"{Guests}/{id}.conf"), $"{Guests}/142.conf", $"{Guests}/143.conf"], guests);
        Assert.Equal(Config(117), source.Tree.Get($"{Guests}/117.conf")!.Text);
        Assert.Equal(Config(100), source.Tree.Get($"{Guests}/142.conf")!.Text);
        Assert.Equal("name: café\n", source.Tree.Get($"{Guests}/143.conf")!.Text);
        var messages = source.Tree.SourceDiagnostics.Select(d => d.Message).ToList();
        Assert.Equal(3, messages.Count);
        Assert.Contains($"{Guests}/140.conf: the file is 2.9 KiB, larger than the 2 KiB limit, and was not read", messages[0]);
        Assert.Contains($"{Guests}/141.conf: the file is a FIFO, not a regular file, and was not read", messages[1]);
        Assert.StartsWith($"{Guests}/143.conf: the file is not valid UTF-8 text (0xE9 at line 1, column 10)", messages[2]);
        Assert.DoesNotContain(source.Tree.Files, f => f.Path.EndsWith(".key", StringComparison.Ordinal));
    }

    [Fact]
    public void The_total_limit_stops_at_the_same_file_as_reading_in_turn()
    {
        for (var id = 100; id < 160; id++) _tree.Write($"{Guests}/{id}.conf", Config(id));
        var perFile = Encoding.UTF8.GetByteCount(Config(100));

        // Room for exactly 25 files: the 26th is the one that goes over.
        var source = Load(SourceLimits.Default with { MaxTotalBytes = 25 * perFile });

        var read = source.Tree.Files.Select(f => f.Path).ToList();
        Assert.Equal([.. Enumerable.Range(100, 25).Select(id => $"{Guests}/{id}.conf")], read);
        var stop = Assert.Single(source.Tree.SourceDiagnostics, d => d.Id == DiagnosticIds.UnreadableInput);
        Assert.StartsWith($"{Guests}/125.conf: the files read so far exceed", stop.Message);
    }
}
