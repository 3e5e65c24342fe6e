using System.Formats.Tar;
using System.Text;

namespace PveLint.Cli.Sources;

/// <summary>One header of a tar archive, with long names and PAX attributes already applied.</summary>
public sealed record TarStreamEntry(string Name, TarEntryType Type, long Size, string? LinkName);

/// <summary>
/// A forward-only reader of tar archives (v7, ustar, GNU, PAX: what GNU tar, bsdtar and TarWriter write) for
/// streams that cannot seek (a pipe, a gzip stream). It exists because System.Formats.Tar reads a GNU long
/// name or a PAX header whole into memory however large it claims to be: here metadata entries are capped at
/// <see cref="MaxMetadataBytes"/>, and file data is only read or skipped on request, a chunk at a time.
/// Damaged input is an <see cref="InvalidDataException"/>.
/// </summary>
public sealed class TarStreamReader(Stream stream)
{
    /// <summary>GNU long names, long link names and PAX headers above this are refused (PATH_MAX is 4 KiB).</summary>
    public const int MaxMetadataBytes = 64 * 1024;

    private const int Block = 512;
    private readonly byte[] _header = new byte[Block];
    private long _pendingData;
    private long _pendingPadding;
    private bool _ended;

    /// <summary>The next entry, or null at the end of the archive. Unread data of the previous entry is skipped.</summary>
    public TarStreamEntry? Next()
    {
        SkipData();
        string? longName = null, longLink = null;
        Dictionary<string, string>? pax = null;
        while (!_ended)
        {
            if (!ReadBlock(_header, atEntryStart: true)) return null;
            if (_header.All(b => b == 0))
            {
                _ended = true;
                return null;
            }
            VerifyChecksum();
            var type = (TarEntryType)_header[156];
            var size = ParseSize();
            switch (type)
            {
                case TarEntryType.LongPath:
                    longName = Text(ReadMetadata(size, "GNU long name"));
                    continue;
                case TarEntryType.LongLink:
                    longLink = Text(ReadMetadata(size, "GNU long link name"));
                    continue;
                case TarEntryType.ExtendedAttributes:
                    pax = ParsePax(ReadMetadata(size, "PAX header"));
                    continue;
                case TarEntryType.GlobalExtendedAttributes:
                    ReadMetadata(size, "PAX global header");
                    continue;
            }
            if (pax is not null && pax.TryGetValue("size", out var paxSize))
                size = long.TryParse(paxSize, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var s) ? s
                    : throw new InvalidDataException($"a PAX size '{paxSize}' is not a number");
            if (type is TarEntryType.HardLink or TarEntryType.SymbolicLink or TarEntryType.CharacterDevice or TarEntryType.BlockDevice or TarEntryType.Directory or TarEntryType.Fifo && size > 0)
                throw new InvalidDataException($"an entry of type {type} claims {size} bytes of data");

            var name = pax?.GetValueOrDefault("path") ?? longName ?? HeaderName();
            var link = pax?.GetValueOrDefault("linkpath") ?? longLink ?? Field(157, 100);
            _pendingData = size;
            _pendingPadding = (Block - size % Block) % Block;
            return new TarStreamEntry(name, type, size, link.Length == 0 ? null : link);
        }
        return null;
    }

    /// <summary>Reads the current entry's data into <paramref name="buffer"/> (its length must not exceed what is left).</summary>
    public void ReadData(Span<byte> buffer)
    {
        if (buffer.Length > _pendingData) throw new ArgumentOutOfRangeException(nameof(buffer));
        stream.ReadExactly(buffer);
        _pendingData -= buffer.Length;
    }

    /// <summary>Skips what is left of the current entry's data and its padding.</summary>
    public void SkipData()
    {
        Skip(_pendingData + _pendingPadding);
        _pendingData = _pendingPadding = 0;
    }

    /// <summary>Reads the input to its end (a gzip stream checks its CRC only there); at most <paramref name="limit"/> bytes may follow.</summary>
    public void DrainTo(long limit)
    {
        var buffer = new byte[8192];
        long total = 0;
        int n;
        while ((n = stream.Read(buffer)) > 0)
            if ((total += n) > limit) throw new InvalidDataException($"more than {SourceLimits.Describe(limit)} follow the end of the tar archive");
    }

    private void Skip(long count)
    {
        var buffer = new byte[(int)Math.Min(count, 81920)];
        while (count > 0)
        {
            var n = stream.Read(buffer, 0, (int)Math.Min(count, buffer.Length));
            if (n == 0) throw new EndOfStreamException();
            count -= n;
        }
    }

    private bool ReadBlock(byte[] block, bool atEntryStart)
    {
        var n = stream.ReadAtLeast(block, Block, throwOnEndOfStream: false);
        if (n == 0 && atEntryStart)
        {
            // No end-of-archive blocks at all: GNU tar accepts that (with a warning); so do we.
            _ended = true;
            return false;
        }
        if (n < Block) throw new EndOfStreamException();
        return true;
    }

    private byte[] ReadMetadata(long size, string what)
    {
        if (size > MaxMetadataBytes) throw new InvalidDataException($"a {what} of {SourceLimits.Describe(size)} is larger than the {SourceLimits.Describe(MaxMetadataBytes)} pvelint reads");
        var data = new byte[size];
        stream.ReadExactly(data);
        Skip((Block - size % Block) % Block);
        return data;
    }

    private static string Text(byte[] data) => Encoding.UTF8.GetString(data).TrimEnd('\0');

    /// <summary>PAX records: "&lt;length&gt; &lt;key&gt;=&lt;value&gt;\n", the length counting the whole record.</summary>
    private static Dictionary<string, string> ParsePax(byte[] bytes)
    {
        var records = new Dictionary<string, string>(StringComparer.Ordinal);
        var position = 0;
        while (position < bytes.Length)
        {
            var space = Array.IndexOf(bytes, (byte)' ', position);
            if (space < 0 || !int.TryParse(Encoding.ASCII.GetString(bytes, position, space - position), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var length)
                || length <= space - position || position + length > bytes.Length || bytes[position + length - 1] != '\n')
                throw new InvalidDataException("a PAX header record is malformed");
            var record = Encoding.UTF8.GetString(bytes, space + 1, position + length - space - 2);
            var equals = record.IndexOf('=');
            if (equals <= 0) throw new InvalidDataException("a PAX header record has no key");
            records[record[..equals]] = record[(equals + 1)..];
            position += length;
        }
        return records;
    }

    private void VerifyChecksum()
    {
        long unsigned = 0, signed = 0;
        for (var i = 0; i < Block; i++)
        {
            var b = i is >= 148 and < 156 ? (byte)' ' : _header[i];
            unsigned += b;
            signed += (sbyte)b;
        }
        var stored = ParseOctal(_header.AsSpan(148, 8), "checksum");
        if (stored != unsigned && stored != signed) throw new InvalidDataException("a header checksum does not match; the archive is damaged");
    }

    /// <summary>Octal digits, or GNU base-256 when the first byte has its high bit set.</summary>
    private long ParseSize()
    {
        var field = _header.AsSpan(124, 12);
        if ((field[0] & 0x80) == 0) return ParseOctal(field, "size");
        if (field[0] != 0x80) throw new InvalidDataException("an entry size is negative");
        long value = 0;
        foreach (var b in field[1..])
        {
            if (value > (long.MaxValue >> 8)) throw new InvalidDataException("an entry size is out of range");
            value = (value << 8) | b;
        }
        return value;
    }

    private static long ParseOctal(ReadOnlySpan<byte> field, string what)
    {
        long value = 0;
        var i = 0;
        while (i < field.Length && field[i] == ' ') i++;
        for (; i < field.Length && field[i] is >= (byte)'0' and <= (byte)'7'; i++)
        {
            if (value > (long.MaxValue >> 3)) throw new InvalidDataException($"the {what} field is out of range");
            value = (value << 3) | (uint)(field[i] - '0');
        }
        for (; i < field.Length; i++)
            if (field[i] is not (0 or (byte)' ')) throw new InvalidDataException($"the {what} field of a header is not an octal number");
        return value;
    }

    /// <summary>name, with the ustar prefix (POSIX magic "ustar\0" only: GNU uses those bytes for times).</summary>
    private string HeaderName()
    {
        var name = Field(0, 100);
        var posix = _header.AsSpan(257, 6).SequenceEqual("ustar\0"u8);
        var prefix = posix ? Field(345, 155) : "";
        return prefix.Length > 0 ? prefix + "/" + name : name;
    }

    private string Field(int offset, int length)
    {
        var span = _header.AsSpan(offset, length);
        var end = span.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? span : span[..end]);
    }
}
