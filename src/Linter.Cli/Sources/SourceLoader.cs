using PveLint.Sources;
using System.Collections.Immutable;

namespace PveLint.Cli.Sources;

/// <summary>
/// Turns one PATH argument into a <see cref="LoadedSource"/>: a directory, a tar archive (plain or gzip, found
/// by content) or a pmxcfs config.db (found by the SQLite header), plus the linter config (<c>--config</c>, else
/// <c>.pvelint.yaml</c> at the scan root or above it, up to the repository root). A file PATH is opened once
/// and read forward only, so a pipe works as well as a file. Unusable input is an <see cref="InputException"/>
/// with a one-line message.
/// </summary>
public static class SourceLoader
{
    private static readonly string[] ArchiveExtensions = [".tar", ".tar.gz", ".tgz"];
    private const int SniffBytes = 512;

    public static LoadedSource Load(string path, string repoRoot, SourceLimits limits, string? configFile = null, CancellationToken cancellation = default)
    {
        try
        {
            return LoadCore(path, repoRoot, limits, configFile, cancellation);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Per-file problems are PVE0010 findings; this is the safety net for the scan root itself.
            throw new InputException($"{path}: cannot be read ({e.Message.TrimEnd('.')})", e);
        }
    }

    private static LoadedSource LoadCore(string path, string repoRoot, SourceLimits limits, string? configFile, CancellationToken cancellation)
    {
        var fullPath = Path.GetFullPath(path);
        var display = PathContainment.Relative(repoRoot, fullPath);
        var collector = new SourceCollector(limits, cancellation);
        var notes = ImmutableArray.CreateBuilder<string>();
        SourceKind kind;

        if (Directory.Exists(fullPath))
        {
            if (!DirectorySource.LooksLikeScanRoot(fullPath) && configFile is null)
                throw new InputException($"{(display == "." ? fullPath : display)}: no Proxmox VE configuration here (expected etc/pve/, or corosync.conf, datacenter.cfg or ha/ of a copy of /etc/pve, or ceph/, hosts/ or .pvelint.yaml)");
            kind = SourceKind.Directory;
            DirectorySource.Collect(fullPath, display, collector);
        }
        else
        {
            kind = LoadFile(path, fullPath, display, collector, notes);
        }

        if (configFile is not null)
        {
            var config = Path.GetFullPath(configFile);
            var configDisplay = PathContainment.Relative(repoRoot, config);
            if (!Path.Exists(config) && new FileInfo(config).LinkTarget is null)
                throw new InputException($"{configDisplay}: the configuration file given with --config does not exist");
            var bytes = ExplicitFile.Read(config, repoRoot, configDisplay, "configuration file given with --config", limits.MaxFileBytes, collector.Inputs);
            collector.AddBytes(ScanRootLayout.LinterConfigName, configDisplay, bytes);
        }
        else if (!collector.Contains(ScanRootLayout.LinterConfigName))
        {
            ReadFoundConfig(RepoPaths.DirectoryOf(fullPath), repoRoot, collector);
        }

        return new LoadedSource(kind, fullPath, display, collector.ToTree($"{Describe(kind)} {display}"), collector.DisplayPaths, notes.ToImmutable())
        {
            Inputs = collector.Inputs,
        };
    }

    /// <summary>A file PATH (<paramref name="typed"/> as the user wrote it): opened once (a regular file or a pipe), sniffed, and handed on as a forward-only stream.</summary>
    private static SourceKind LoadFile(string typed, string fullPath, string display, SourceCollector collector, ImmutableArray<string>.Builder notes)
    {
        var status = FileProbe.Stat(fullPath, followLinks: true);
        if (status.Kind == FileKind.Missing)
            // Named as typed: relative to a repository root that does not contain it, "/x/y/dir" would read "dir".
            throw new InputException(status.Errno == FileProbe.LoopErrno ? $"{typed}: is a symbolic link loop" : $"{typed}: no such file or directory");
        Stream file;
        try
        {
            // A pipe (scan /dev/stdin, scan <(gzip -c a.tar)) is opened as it is: waiting for its writer is what was asked for.
            file = status.Kind == FileKind.Fifo
                ? new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0)
                : RegularFile.Open(fullPath, out status);
            collector.RecordInput(fullPath, status);
        }
        catch (UnreadableFileException e)
        {
            throw new InputException($"{display}: {e.Reason}; it is not a directory, an archive or a config.db", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{display}: the file cannot be read ({e.Message.TrimEnd('.')})", e);
        }

        using (file)
        {
            var head = new byte[SniffBytes];
            var read = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            var bytes = head.AsMemory(0, read);
            var stream = new PrefixedStream(bytes, file);
            if (ConfigDbSource.LooksLikeSqlite(bytes.Span))
            {
                notes.AddRange(ConfigDbSource.Collect(stream, bytes.Span, status.Kind == FileKind.Fifo ? null : fullPath, display, collector));
                return SourceKind.ConfigDb;
            }
            var gzip = TarSource.LooksLikeGzip(bytes.Span);
            // Old (v7) tar archives have no magic; trust the name only for plain .tar.
            if (gzip || TarSource.LooksLikeTar(bytes.Span) || (fullPath.EndsWith(".tar", StringComparison.OrdinalIgnoreCase) && read > 0))
            {
                TarSource.Collect(stream, gzip, display, collector);
                return SourceKind.TarArchive;
            }
        }
        throw new InputException(ArchiveExtensions.Any(e => fullPath.EndsWith(e, StringComparison.OrdinalIgnoreCase))
            ? $"{display}: not a tar or gzip archive (it starts with neither a gzip header nor a tar header)"
            : $"{display}: not a directory, a .tar/.tar.gz/.tgz archive or a pmxcfs config.db");
    }

    /// <summary>
    /// The <c>.pvelint.yaml</c> found at or above the scan root: read only when its final target stays inside
    /// the directories searched (the repository, else the scan root's directory) and is not a secret; a link
    /// leading elsewhere is PVE0010.
    /// </summary>
    private static void ReadFoundConfig(string startDirectory, string repoRoot, SourceCollector collector)
    {
        if (LinterConfigLocator.Find(startDirectory, repoRoot) is not { } config) return;
        var display = PathContainment.Relative(repoRoot, config);
        var boundary = ScanBoundary.Of(PathContainment.IsUnder(repoRoot, startDirectory) ? repoRoot : startDirectory);
        if (boundary.Check(config, out var target) is { } problem)
        {
            collector.Refuse(ScanRootLayout.LinterConfigName, display, problem);
            return;
        }
        try
        {
            collector.AddBytes(ScanRootLayout.LinterConfigName, display, collector.ReadFile(target));
        }
        catch (UnreadableFileException e)
        {
            collector.Refuse(ScanRootLayout.LinterConfigName, display, $"the linter configuration {e.Reason}; it was not read");
        }
    }

    private static string Describe(SourceKind kind) => kind switch
    {
        SourceKind.Directory => "directory",
        SourceKind.TarArchive => "archive",
        _ => "pmxcfs database",
    };
}
