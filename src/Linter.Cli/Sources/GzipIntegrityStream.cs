using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace PveLint.Cli.Sources;

/// <summary>
/// Decompresses a gzip stream and checks its trailer (CRC-32 and length of the data, RFC 1952) once the data is
/// read to its end, which GZipStream does not do for a missing or truncated trailer: corrupt bytes must be an
/// error, not linted. One gzip member only (what gzip, pigz and tar -z write); concatenated members fail the
/// check and are reported as damaged.
/// </summary>
public sealed class GzipIntegrityStream : ReadOnlyStream
{
    private readonly TailStream _compressed;
    private readonly Crc32 _crc = new();
    private long _length;

    public GzipIntegrityStream(Stream compressed) : this(new TailStream(compressed)) { }

    private GzipIntegrityStream(TailStream compressed) : base(new GZipStream(compressed, CompressionMode.Decompress)) => _compressed = compressed;

    public override int Read(Span<byte> buffer)
    {
        int n;
        try
        {
            n = Inner.Read(buffer);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"the gzip data is damaged ({e.Message.TrimEnd('.')})", e);
        }
        _crc.Append(buffer[..n]);
        _length += n;
        if (n == 0 && buffer.Length > 0) Verify();
        return n;
    }

    private void Verify()
    {
        var tail = _compressed.Tail;
        if (tail.Length < 8
            || BinaryPrimitives.ReadUInt32LittleEndian(tail) != _crc.GetCurrentHashAsUInt32()
            || BinaryPrimitives.ReadUInt32LittleEndian(tail[4..]) != (uint)_length)
            throw new InvalidDataException("the gzip trailer does not match the data (CRC-32 or length); the archive is truncated or damaged");
    }

    /// <summary>Passes reads through and remembers the last 8 bytes: the gzip trailer, once the input has ended.</summary>
    private sealed class TailStream(Stream inner) : ReadOnlyStream(inner)
    {
        private readonly byte[] _tail = new byte[8];
        private int _filled;

        public ReadOnlySpan<byte> Tail => _tail.AsSpan(0, _filled);

        public override int Read(Span<byte> buffer)
        {
            var n = Inner.Read(buffer);
            var read = buffer[..n];
            if (n >= 8)
            {
                read[^8..].CopyTo(_tail);
                _filled = 8;
            }
            else if (n > 0)
            {
                var keep = Math.Min(_filled, 8 - n);
                _tail.AsSpan(_filled - keep, keep).CopyTo(_tail);
                read.CopyTo(_tail.AsSpan(keep));
                _filled = keep + n;
            }
            return n;
        }
    }
}
