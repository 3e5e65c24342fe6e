using PveLint.Binding;
using PveLint.Diagnostics;
using PveLint.Sources;
using PveLint.Text;

namespace PveLint.Cli.Sources;

/// <summary>
/// Gathers the files of one scan, whatever they come from: checks the limits, skips secrets, decodes UTF-8
/// and turns every file it cannot take into a PVE0010 diagnostic instead of an exception. Keeps the display
/// path of every entry it refused, so reporters can name those too (a file read carries its own).
/// </summary>
public sealed class SourceCollector(SourceLimits limits, CancellationToken cancellation = default)
{
    // In the order added: ConfigTree keeps the last file of a logical path, so no map is grown here for tens of thousands of files.
    private readonly List<ConfigFile> _files = new();
    private readonly Dictionary<string, string> _displayPaths = new(StringComparer.Ordinal);
    private readonly List<Diagnostic> _diagnostics = new();
    private readonly InputFiles _inputs = new();
    private int _entries;
    private long _totalBytes;
    private bool _entryLimitReached;
    private bool _sizeLimitReached;

    public SourceLimits Limits => limits;

    public CancellationToken Cancellation => cancellation;

    /// <summary>How many more entries the entry limit allows.</summary>
    public int RemainingEntries => Math.Max(0, limits.MaxEntries - _entries);

    /// <summary>True once the entry-count or total-size limit stopped the collection.</summary>
    public bool Stopped => _entryLimitReached || _sizeLimitReached;

    /// <summary>
    /// Counts one more entry against <see cref="SourceLimits.MaxEntries"/>; false (once, with a PVE0010
    /// naming <paramref name="sourceDisplay"/>) when the limit is reached and the caller should stop listing.
    /// Entries counted before that are still added.
    /// </summary>
    /// <param name="directory">The logical path of the directory being listed, where the finding is shown; null for an archive or database (shown on the source itself).</param>
    public bool CountEntry(string sourceDisplay, string? directory = null)
    {
        cancellation.ThrowIfCancellationRequested();
        if (Stopped) return false;
        if (++_entries <= limits.MaxEntries) return true;
        _entryLimitReached = true;
        SourceSpan? span = null;
        if (directory is not null)
        {
            directory = ConfigTree.Normalize(directory).TrimEnd('/');
            _displayPaths[directory] = sourceDisplay;
            span = SourceSpan.WholeFile(directory);
        }
        _diagnostics.Add(new Diagnostic(DiagnosticIds.UnreadableInput, $"{sourceDisplay}: more than {limits.MaxEntries} entries; the rest was not read", span));
        return false;
    }

    /// <summary>Whether a file of this size may still be read; reports PVE0010 when it may not.</summary>
    public bool Admit(string logicalPath, string displayPath, long size)
    {
        if (_sizeLimitReached) return false;
        if (size > limits.MaxFileBytes)
        {
            Refuse(logicalPath, displayPath, $"the file is {SourceLimits.Describe(size)}, larger than the {SourceLimits.Describe(limits.MaxFileBytes)} limit, and was not read");
            return false;
        }
        if (_totalBytes + size > limits.MaxTotalBytes)
        {
            _displayPaths[logicalPath] = displayPath;
            ReportTotalExceeded(displayPath);
            return false;
        }
        return true;
    }

    /// <summary>Stops the collection: the file at <paramref name="displayPath"/> would take the total past <see cref="SourceLimits.MaxTotalBytes"/>.</summary>
    public void ReportTotalExceeded(string displayPath)
    {
        if (_sizeLimitReached) return;
        _sizeLimitReached = true;
        _diagnostics.Add(new Diagnostic(DiagnosticIds.UnreadableInput,
            $"{displayPath}: the files read so far exceed {SourceLimits.Describe(limits.MaxTotalBytes)} in total; this file and the rest were not read", null));
    }

    /// <summary>Adds a file from its bytes, read as PVE reads them (<see cref="TextDecoding.DecodeAsPveReads"/>). Secret paths are dropped unseen.</summary>
    public void AddBytes(string logicalPath, string displayPath, ReadOnlySpan<byte> bytes)
    {
        if (!AdmitBytes(ref logicalPath, displayPath, bytes.Length)) return;
        AddAdmitted(logicalPath, displayPath, TextDecoding.DecodeAsPveReads(bytes));
    }

    /// <summary>As <see cref="AddBytes"/>, for a file of <paramref name="byteCount"/> bytes already decoded (read ahead, <see cref="DirectoryPrefetch"/>).</summary>
    public void AddDecoded(string logicalPath, string displayPath, int byteCount, DecodedText decoded)
    {
        if (AdmitBytes(ref logicalPath, displayPath, byteCount)) AddAdmitted(logicalPath, displayPath, decoded);
    }

    /// <summary>How many more bytes the total limit admits.</summary>
    public long RemainingBytes => _sizeLimitReached ? 0 : Math.Max(0, limits.MaxTotalBytes - _totalBytes);

    private bool AdmitBytes(ref string logicalPath, string displayPath, int byteCount)
    {
        logicalPath = ConfigTree.Normalize(logicalPath);
        if (ClusterBinder.IsSecret(logicalPath) || !Admit(logicalPath, displayPath, byteCount)) return false;
        _totalBytes += byteCount;
        return true;
    }

    private void AddAdmitted(string logicalPath, string displayPath, DecodedText decoded)
    {
        if (decoded.Problem is not null)
            _diagnostics.Add(Diagnostic.At(DiagnosticIds.UnreadableInput,
                SourceSpan.OnLine(logicalPath, decoded.Line, decoded.Column, 1), $"{displayPath}: {decoded.Problem}"));
        Add(new ConfigFile(logicalPath, decoded.Text!, displayPath));
    }

    /// <summary>Adds a file whose text is already known (a later file with the same logical path replaces it).</summary>
    /// <remarks>Its display path is the file's own (<see cref="LoadedSource.DisplayPathOf"/> asks the tree first): only refused entries are kept in <see cref="DisplayPaths"/>.</remarks>
    public void Add(ConfigFile file)
    {
        var path = ConfigTree.Normalize(file.Path);
        _files.Add(file.Path == path ? file : file with { Path = path });
    }

    /// <summary>A file or entry that is not read: PVE0010 at the file (or with no position when it has no logical path).</summary>
    public void Refuse(string? logicalPath, string displayPath, string reason)
    {
        SourceSpan? span = null;
        if (logicalPath is not null)
        {
            logicalPath = ConfigTree.Normalize(logicalPath);
            _displayPaths[logicalPath] = displayPath;
            span = SourceSpan.WholeFile(logicalPath);
        }
        _diagnostics.Add(new Diagnostic(DiagnosticIds.UnreadableInput, $"{displayPath}: {reason}", span));
    }

    /// <summary>Remembers a file that was opened, so no output may replace it (<see cref="InputFiles"/>).</summary>
    public void RecordInput(string path, FileStatus status) => _inputs.Add(path, status);

    /// <summary>Reads a regular file within the per-file limit and remembers it as an input.</summary>
    /// <param name="seenRegular">The caller has just seen a regular file there (<see cref="RegularFile.ReadInto"/>).</param>
    /// <returns>The bytes, valid until the next read: they are decoded by <see cref="AddBytes"/>, never kept.</returns>
    public ReadOnlySpan<byte> ReadFile(string path, bool seenRegular = false)
    {
        var length = RegularFile.ReadInto(path, limits.MaxFileBytes, ref _readBuffer, out var status, seenRegular);
        _inputs.Add(path, status);
        return _readBuffer.AsSpan(0, length);
    }

    private byte[] _readBuffer = [];

    public InputFiles Inputs => _inputs;

    /// <remarks>A look through every file: asked once per scan, for the linter config.</remarks>
    public bool Contains(string logicalPath)
    {
        var path = ConfigTree.Normalize(logicalPath);
        return _files.Exists(f => f.Path == path);
    }

    public ConfigTree ToTree(string description) => new(_files, _diagnostics, description) { ReadCutShort = Stopped };

    public IReadOnlyDictionary<string, string> DisplayPaths => _displayPaths;
}
