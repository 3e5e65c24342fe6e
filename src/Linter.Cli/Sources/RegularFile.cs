using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace PveLint.Cli.Sources;

/// <summary>A file that is not read, and why (one clause, e.g. "is a FIFO, not a regular file").</summary>
public sealed class UnreadableFileException(string reason, Exception? inner = null) : IOException(reason, inner)
{
    public string Reason { get; } = reason;
}

/// <summary>
/// The only way the sources open a file: regular files only, never blocking, never reading more than asked.
/// The type is checked before opening (a FIFO would block open(2), a device would never end), the open itself
/// is non-blocking on Linux, and the opened file is checked again with fstat so a file swapped in between
/// cannot slip through.
/// </summary>
public static class RegularFile
{
    // Linux (asm-generic, so x86-64 and arm64 alike): O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC.
    private const int LinuxOpenFlags = 0x100 | 0x800 | 0x80000;

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int OpenNative([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    /// <summary>Opens <paramref name="path"/> (following links) for reading; its status is that of the opened file.</summary>
    public static FileStream Open(string path, out FileStatus status) => new(OpenRegular(path, out status), FileAccess.Read, bufferSize: 0);

    /// <summary>The whole file, or an <see cref="UnreadableFileException"/> when it is larger than <paramref name="maxBytes"/> (also when it grows while read).</summary>
    public static byte[] ReadAll(string path, long maxBytes) => ReadAll(path, maxBytes, out _);

    public static byte[] ReadAll(string path, long maxBytes, out FileStatus status)
    {
        if (!FileProbe.Precise)
        {
            status = FileProbe.Stat(path, followLinks: true);
            if (status.Kind == FileKind.Regular && status.Size == 0) return [];
        }
        using var handle = OpenRegular(path, out status);
        if (status.Size > maxBytes) throw TooLarge(status.Size, maxBytes);
        return ReadToEnd(handle, maxBytes, status.Size);
    }

    /// <summary>
    /// Reads into one array of the size fstat reported (no copy, no chunk buffer: a scan reads thousands of small
    /// files), then one more read must see the end; a file that grew meanwhile is read on, up to the limit.
    /// </summary>
    private static byte[] ReadToEnd(SafeFileHandle handle, long maxBytes, long expected)
    {
        var buffer = expected == 0 ? [] : new byte[expected];
        var length = 0;
        Span<byte> probe = stackalloc byte[1];
        while (true)
        {
            if (length < buffer.Length)
            {
                var read = RandomAccess.Read(handle, buffer.AsSpan(length), length);
                if (read == 0) return buffer[..length]; // shrank while read
                length += read;
                continue;
            }
            if (RandomAccess.Read(handle, probe, length) == 0) return buffer;
            if (length + 1L > maxBytes) throw TooLarge(length + 1L, maxBytes, atLeast: true);
            Array.Resize(ref buffer, (int)Math.Min(Math.Min(maxBytes, Array.MaxLength), Math.Max(4096L, 2L * length)));
            buffer[length++] = probe[0];
        }
    }

    public static UnreadableFileException TooLarge(long size, long limit, bool atLeast = false) =>
        new($"is {(atLeast ? "more than " : "")}{SourceLimits.Describe(atLeast ? limit : size)}, larger than the {SourceLimits.Describe(limit)} limit");

    /// <summary>Opens a regular file: checked by path before the open, and by the opened handle after it.</summary>
    private static SafeFileHandle OpenRegular(string path, out FileStatus status)
    {
        var before = FileProbe.Stat(path, followLinks: true);
        if (before.Kind == FileKind.Missing) throw Missing(path, before);
        if (before.Kind != FileKind.Regular) throw new UnreadableFileException($"is {FileProbe.Describe(before.Kind)}, not a regular file");
        // Without statx a FIFO or device looks like an empty file: never open one (an empty file has nothing to read).
        if (!FileProbe.Precise && before.Size == 0) throw new UnreadableFileException("is empty or not a regular file");

        var handle = OpenHandle(path);
        try
        {
            status = FileProbe.Stat(handle, path);
            if (status.Kind != FileKind.Regular) throw new UnreadableFileException($"is {FileProbe.Describe(status.Kind)}, not a regular file");
            return handle;
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    private static SafeFileHandle OpenHandle(string path)
    {
        if (!OperatingSystem.IsLinux()) return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var fd = OpenNative(path, LinuxOpenFlags);
        if (fd < 0) throw Errno(path, Marshal.GetLastPInvokeError());
        return new SafeFileHandle(fd, ownsHandle: true);
    }

    private static UnreadableFileException Missing(string path, FileStatus status) =>
        status.Errno is 0 or 2 ? new UnreadableFileException("does not exist") : Errno(path, status.Errno);

    private static UnreadableFileException Errno(string path, int errno) => errno switch
    {
        2 => new UnreadableFileException("does not exist"),
        13 or 1 => new UnreadableFileException("cannot be read (permission denied)"),
        FileProbe.LoopErrno => new UnreadableFileException("is a symbolic link loop"),
        20 => new UnreadableFileException("does not exist (a part of its path is not a directory)"),
        _ => new UnreadableFileException($"cannot be read ({Marshal.GetPInvokeErrorMessage(errno)})"),
    };
}
