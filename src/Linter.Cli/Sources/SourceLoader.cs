using System.Collections.Immutable;

namespace PveLint.Cli.Sources;

/// <summary>
/// Turns one PATH argument into a <see cref="LoadedSource"/>: a directory, a tar archive (plain or gzip, found
/// by content) or a pmxcfs config.db (found by the SQLite header), plus the linter config (<c>--config</c>, else
/// <c>.pvelint.yaml</c> at the scan root or above it, up to the repository root). Unusable input is an
/// <see cref="InputException"/> with a one-line message.
/// </summary>
public static class SourceLoader
{
    private static readonly string[] ArchiveExtensions = [".tar", ".tar.gz", ".tgz"];

    public static LoadedSource Load(string path, string repoRoot, SourceLimits limits, string? configFile = null)
    {
        try
        {
            return LoadCore(path, repoRoot, limits, configFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Per-file problems are PVE0010 findings; this is the safety net for the scan root itself.
            throw new InputException($"{path}: cannot be read ({e.Message.TrimEnd('.')})", e);
        }
    }

    private static LoadedSource LoadCore(string path, string repoRoot, SourceLimits limits, string? configFile)
    {
        var fullPath = Path.GetFullPath(path);
        var display = RepoPaths.Relative(repoRoot, fullPath);
        var collector = new SourceCollector(limits);
        var notes = ImmutableArray.CreateBuilder<string>();
        SourceKind kind;

        if (Directory.Exists(fullPath))
        {
            if (!DirectorySource.LooksLikeScanRoot(fullPath) && configFile is null)
                throw new InputException($"{(display == "." ? fullPath : display)}: no Proxmox VE configuration here (expected etc/pve/, or corosync.conf, datacenter.cfg or ha/ of a copy of /etc/pve, or ceph/, hosts/ or .pvelint.yaml)");
            kind = SourceKind.Directory;
            DirectorySource.Collect(fullPath, display, collector);
        }
        else if (File.Exists(fullPath))
        {
            kind = Sniff(fullPath, display);
            if (kind == SourceKind.TarArchive) TarSource.Collect(fullPath, display, collector);
            else notes.AddRange(ConfigDbSource.Collect(fullPath, display, collector));
        }
        else
        {
            throw new InputException($"{display}: no such file or directory");
        }

        var config = configFile is not null ? Path.GetFullPath(configFile) : null;
        if (config is not null && !File.Exists(config))
            throw new InputException($"{RepoPaths.Relative(repoRoot, config)}: the configuration file given with --config does not exist");
        if (config is null && !collector.Contains(ScanRootLayout.LinterConfigName))
            config = LinterConfigLocator.Find(RepoPaths.DirectoryOf(fullPath), repoRoot);
        if (config is not null) ReadConfig(config, RepoPaths.Relative(repoRoot, config), collector);

        return new LoadedSource(kind, fullPath, display, collector.ToTree($"{Describe(kind)} {display}"), collector.DisplayPaths, notes.ToImmutable());
    }

    private static SourceKind Sniff(string fullPath, string display)
    {
        var head = new byte[512];
        int read;
        try
        {
            using var file = File.OpenRead(fullPath);
            read = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{display}: the file cannot be read ({e.Message.TrimEnd('.')})", e);
        }
        var bytes = head.AsSpan(0, read);
        if (ConfigDbSource.LooksLikeSqlite(bytes)) return SourceKind.ConfigDb;
        if (TarSource.LooksLikeGzip(bytes) || TarSource.LooksLikeTar(bytes)) return SourceKind.TarArchive;
        var archiveName = ArchiveExtensions.Any(e => fullPath.EndsWith(e, StringComparison.OrdinalIgnoreCase));
        // Old (v7) tar archives have no magic; trust the name only for plain .tar.
        if (fullPath.EndsWith(".tar", StringComparison.OrdinalIgnoreCase) && read > 0) return SourceKind.TarArchive;
        throw new InputException(archiveName
            ? $"{display}: not a tar or gzip archive (it starts with neither a gzip header nor a tar header)"
            : $"{display}: not a directory, a .tar/.tar.gz/.tgz archive or a pmxcfs config.db");
    }

    private static void ReadConfig(string fullPath, string display, SourceCollector collector)
    {
        try
        {
            var info = new FileInfo(fullPath);
            if (!collector.Admit(ScanRootLayout.LinterConfigName, display, info.Length)) return;
            collector.AddBytes(ScanRootLayout.LinterConfigName, display, File.ReadAllBytes(fullPath));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{display}: the linter configuration cannot be read ({e.Message.TrimEnd('.')})", e);
        }
    }

    private static string Describe(SourceKind kind) => kind switch
    {
        SourceKind.Directory => "directory",
        SourceKind.TarArchive => "archive",
        _ => "pmxcfs database",
    };
}
