using System.Formats.Tar;
using System.IO.Compression;

namespace Linter.Cli.Tests.Support;

/// <summary>Builds tar and tar.gz archives for tests, including entries no honest tool would write.</summary>
internal static class Archives
{
    /// <summary>An archive of every file below <paramref name="directory"/>, each named <paramref name="prefix"/> + relative path.</summary>
    public static void FromDirectory(string directory, string archivePath, string prefix = "", bool gzip = true) =>
        Write(archivePath, gzip, writer =>
        {
            foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                writer.WriteEntry(File(prefix + Path.GetRelativePath(directory, file).Replace('\\', '/'), System.IO.File.ReadAllBytes(file)));
        });

    public static void Write(string archivePath, bool gzip, Action<TarWriter> build)
    {
        using var file = System.IO.File.Create(archivePath);
        using Stream stream = gzip ? new GZipStream(file, CompressionLevel.Fastest) : file;
        using var writer = new TarWriter(stream, TarEntryFormat.Pax, leaveOpen: true);
        build(writer);
    }

    public static PaxTarEntry File(string name, byte[] data) => new(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(data) };

    public static PaxTarEntry File(string name, string text) => File(name, System.Text.Encoding.UTF8.GetBytes(text));

    public static PaxTarEntry Entry(TarEntryType type, string name, string? linkName = null)
    {
        var entry = new PaxTarEntry(type, name);
        if (linkName is not null) entry.LinkName = linkName;
        return entry;
    }

    /// <summary>
    /// A stream of <paramref name="length"/> zero bytes that never holds them in memory (for bomb-like entries);
    /// seekable because TarWriter needs the length up front when it writes into a gzip stream.
    /// </summary>
    public sealed class Zeros(long length) : Stream
    {
        private long _position;

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            Array.Clear(buffer, offset, n);
            _position += n;
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => _position; set => _position = value; }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => _position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => length + offset,
        };
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
