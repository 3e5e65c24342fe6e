using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace PveLint.Cli.Sources;

/// <summary>What a directory entry is, as lstat/fstat see it.</summary>
public enum FileKind
{
    Missing,
    Regular,
    Directory,
    SymbolicLink,
    Fifo,
    CharacterDevice,
    BlockDevice,
    Socket,
    Unknown,
}

/// <summary>Device and inode: two paths (or a path and an open file) with the same identity are the same file.</summary>
public readonly record struct FileIdentity(ulong Device, ulong Inode);

/// <summary>The type, size and identity of a file; <see cref="Identity"/> is null where the platform cannot tell.</summary>
public readonly record struct FileStatus(FileKind Kind, long Size, FileIdentity? Identity, int Errno = 0);

/// <summary>
/// lstat/stat/fstat for the sources. .NET exposes no file type (a FIFO and a character device look like empty
/// regular files), yet opening a FIFO blocks and a device never ends, so on Linux this asks the kernel through
/// statx(2), whose layout is the same on every architecture. Elsewhere it falls back to what FileSystemInfo
/// knows, which cannot tell a FIFO from an empty file (those are then never opened: see <see cref="RegularFile"/>).
/// </summary>
public static class FileProbe
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxBasicStats = 0x7ff;
    private const int StatxSize = 256;
    private const int ModeOffset = 28, InodeOffset = 32, SizeOffset = 40, DevMajorOffset = 136, DevMinorOffset = 140;

    private static bool _statxMissing = !OperatingSystem.IsLinux();

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int StatxPath(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, ref byte buffer);

    /// <summary>Whether the kernel answers (Linux); false means the managed fallback is in use.</summary>
    public static bool Precise => !_statxMissing;

    /// <summary>The status of <paramref name="path"/>; with <paramref name="followLinks"/> false a symlink is reported as itself.</summary>
    public static FileStatus Stat(string path, bool followLinks)
    {
        if (!_statxMissing)
        {
            try
            {
                Span<byte> buffer = stackalloc byte[StatxSize];
                return StatxPath(AtFdCwd, path, followLinks ? 0 : AtSymlinkNoFollow, StatxBasicStats, ref MemoryMarshal.GetReference(buffer)) == 0
                    ? Decode(buffer)
                    : new FileStatus(FileKind.Missing, 0, null, Marshal.GetLastPInvokeError());
            }
            catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
            {
                _statxMissing = true;
            }
        }
        return Managed(path, followLinks);
    }

    /// <summary>The status of an open file (fstat): what was actually opened, whatever the path pointed to before.</summary>
    public static FileStatus Stat(SafeFileHandle handle, string path)
    {
        if (!_statxMissing)
        {
            Span<byte> buffer = stackalloc byte[StatxSize];
            var added = false;
            try
            {
                handle.DangerousAddRef(ref added);
                if (StatxPath((int)handle.DangerousGetHandle(), "", AtEmptyPath, StatxBasicStats, ref MemoryMarshal.GetReference(buffer)) == 0) return Decode(buffer);
            }
            finally
            {
                if (added) handle.DangerousRelease();
            }
        }
        return Managed(path, followLinks: true) with { Size = RandomAccess.GetLength(handle) };
    }

    /// <summary>The errno of ELOOP ("too many levels of symbolic links") on Linux.</summary>
    public const int LoopErrno = 40;

    private static FileStatus Decode(ReadOnlySpan<byte> b)
    {
        var mode = BitConverter.ToUInt16(b[ModeOffset..]);
        var kind = (mode & 0xF000) switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0xA000 => FileKind.SymbolicLink,
            0x1000 => FileKind.Fifo,
            0x2000 => FileKind.CharacterDevice,
            0x6000 => FileKind.BlockDevice,
            0xC000 => FileKind.Socket,
            _ => FileKind.Unknown,
        };
        var device = ((ulong)BitConverter.ToUInt32(b[DevMajorOffset..]) << 32) | BitConverter.ToUInt32(b[DevMinorOffset..]);
        return new FileStatus(kind, (long)BitConverter.ToUInt64(b[SizeOffset..]), new FileIdentity(device, BitConverter.ToUInt64(b[InodeOffset..])));
    }

    private static FileStatus Managed(string path, bool followLinks)
    {
        FileSystemInfo info = Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path);
        if (!followLinks && info.LinkTarget is not null) return new FileStatus(FileKind.SymbolicLink, 0, null);
        if (!info.Exists) return new FileStatus(FileKind.Missing, 0, null);
        if (info is DirectoryInfo) return new FileStatus(FileKind.Directory, 0, null);
        return new FileStatus(FileKind.Regular, ((FileInfo)info).Length, null);
    }

    public static string Describe(FileKind kind) => kind switch
    {
        FileKind.Fifo => "a FIFO",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        FileKind.Socket => "a socket",
        FileKind.Directory => "a directory",
        FileKind.SymbolicLink => "a symbolic link",
        FileKind.Missing => "missing",
        _ => "not a regular file",
    };
}
