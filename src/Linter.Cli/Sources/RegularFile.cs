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
        byte[] buffer = [];
        var length = ReadInto(path, maxBytes, ref buffer, out status);
        return length == buffer.Length ? buffer : buffer[..length];
    }

    /// <summary>
    /// Reads the whole file into <paramref name="buffer"/>, which is grown when too small and may be reused for the
    /// next file (a scan reads thousands of small files; their bytes are only decoded): the number of bytes read.
    /// </summary>
    /// <param name="seenRegular">The caller has just seen a regular file at <paramref name="path"/> (lstat of a
    /// directory entry), so the check before the open is not repeated; the opened file is still checked.</param>
    public static int ReadInto(string path, long maxBytes, ref byte[] buffer, out FileStatus status, bool seenRegular = false)
    {
        if (!FileProbe.Precise)
        {
            status = FileProbe.Stat(path, followLinks: true);
            if (status.Kind == FileKind.Regular && status.Size == 0) return 0;
        }
        using var handle = OpenRegular(path, out status, seenRegular);
        if (status.Size > maxBytes) throw TooLarge(status.Size, maxBytes);
        return ReadToEnd(handle, maxBytes, status.Size, ref buffer);
    }

    /// <summary>
    /// Asks for one byte more than fstat reported: a short read of a regular file is its end, so an unchanged file
    /// takes one read; a file that grew meanwhile is read on, up to the limit.
    /// </summary>
    private static int ReadToEnd(SafeFileHandle handle, long maxBytes, long expected, ref byte[] buffer)
    {
        var want = (int)Math.Min(expected + 1, Math.Min(maxBytes + 1, Array.MaxLength));
        if (buffer.Length < want) buffer = new byte[want];
        var length = 0;
        while (true)
        {
            var asked = buffer.Length - length;
            var read = ReadAt(handle, buffer.AsSpan(length), length);
            length += read;
            if (length > maxBytes) throw TooLarge(length, maxBytes, atLeast: true);
            if (read < asked) return length;
            Array.Resize(ref buffer, (int)Math.Min(Math.Min(maxBytes + 1, Array.MaxLength), Math.Max(4096L, 2L * length)));
        }
    }

    [DllImport("libc", EntryPoint = "pread", SetLastError = true)]
    private static extern nint PreadNative(int fd, ref byte buffer, nint count, long offset);

    /// <summary>pread(2) straight on Linux (RandomAccess first asks lseek whether the handle can seek, once per file).</summary>
    private static int ReadAt(SafeFileHandle handle, Span<byte> into, long offset)
    {
        if (!OperatingSystem.IsLinux() || into.IsEmpty) return RandomAccess.Read(handle, into, offset);
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            while (true)
            {
                var read = PreadNative((int)handle.DangerousGetHandle(), ref MemoryMarshal.GetReference(into), into.Length, offset);
                if (read >= 0) return (int)read;
                var errno = Marshal.GetLastPInvokeError();
                // The bare reason, as RandomAccess.Read would throw it: the walk words the refusal ("could not be read (...)").
                if (errno != EintrErrno) throw new IOException(Marshal.GetPInvokeErrorMessage(errno));
            }
        }
        finally
        {
            if (added) handle.DangerousRelease();
        }
    }

    private const int EintrErrno = 4;

    public static UnreadableFileException TooLarge(long size, long limit, bool atLeast = false) =>
        new($"is {(atLeast ? "more than " : "")}{SourceLimits.Describe(atLeast ? limit : size)}, larger than the {SourceLimits.Describe(limit)} limit");

    /// <summary>Opens a regular file: checked by path before the open, and by the opened handle after it.</summary>
    private static SafeFileHandle OpenRegular(string path, out FileStatus status, bool seenRegular = false)
    {
        if (!seenRegular || !FileProbe.Precise)
        {
            var before = FileProbe.Stat(path, followLinks: true);
            if (before.Kind == FileKind.Missing) throw Missing(path, before);
            if (before.Kind != FileKind.Regular) throw new UnreadableFileException($"is {FileProbe.Describe(before.Kind)}, not a regular file");
            // Without statx a FIFO or device looks like an empty file: never open one (an empty file has nothing to read).
            if (!FileProbe.Precise && before.Size == 0) throw new UnreadableFileException("is empty or not a regular file");
        }

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
