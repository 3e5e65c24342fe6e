using PveLint.Text;

namespace PveLint.Cli.Sources;

/// <summary>
/// The files of one directory listing, stat'ed (without following links), read and decoded on every core before
/// the walk takes them one by one in listing order, so the scan is the same as reading them in turn: the walk still
/// counts entries, follows links, admits bytes against the limits and reports failures itself, in order. Reading
/// ahead keeps to the byte budget that is left (a file that does not fit is left to the walk, which then reads or
/// refuses it as before), so no more is held than the limits allow. Only regular files are opened, with the same
/// checks as <see cref="RegularFile"/>.
/// </summary>
internal static class DirectoryPrefetch
{
    /// <summary>Below this many entries a directory is read in turn: worker threads cost more than they save.</summary>
    public const int Threshold = 32;

    /// <summary>What the walk needs of one entry: its status, and for a regular file read ahead its text or why it failed.</summary>
    public sealed record Entry(FileStatus Status, bool Read, FileStatus Opened = default, int ByteCount = 0, DecodedText Text = default, Exception? Failure = null);

    /// <param name="wanted">Entries to look at (by name: secrets and skipped names are never opened); the others stay null.</param>
    /// <param name="byteBudget">How many bytes the collection may still admit.</param>
    public static Entry?[] Of(IReadOnlyList<DirectorySource.DirectoryEntry> entries, Func<int, bool> wanted, long byteBudget, int maxFileBytes, CancellationToken cancellation)
    {
        var ahead = new Entry?[entries.Count];
        var reserved = 0L;
        Parallel.For(0, entries.Count, new ParallelOptions { CancellationToken = cancellation }, () => Array.Empty<byte>(), (i, _, buffer) =>
        {
            if (!wanted(i)) return buffer;
            var path = entries[i].FullName;
            var status = FileProbe.Stat(path, followLinks: false);
            if (status.Kind != FileKind.Regular || Interlocked.Add(ref reserved, status.Size) > byteBudget)
            {
                ahead[i] = new Entry(status, Read: false);
                return buffer;
            }
            try
            {
                var length = RegularFile.ReadInto(path, maxFileBytes, ref buffer, out var opened, seenRegular: true);
                ahead[i] = new Entry(status, Read: true, opened, length, TextDecoding.DecodeAsPveReads(buffer.AsSpan(0, length)));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                ahead[i] = new Entry(status, Read: true, Failure: e);
            }
            return buffer;
        }, _ => { });
        return ahead;
    }
}
