using System.Text;

namespace PveLint.Datacenter;

/// <summary>
/// pve-common <c>decode_text</c>: URI-unescape (<c>%XX</c> → byte) and read the bytes as UTF-8. The encoder
/// (<c>encode_text</c>) escapes control and high-bit characters, ':' and '%', so notes written by the web UI
/// round-trip.
/// </summary>
public static class UriText
{
    /// <summary>
    /// pve-common <c>encode_text</c> (<c>uri_escape(encode("utf8", $text), "^\x20-\x24\x26-\x39\x3b-\x7e")</c>):
    /// the text's UTF-8 bytes, each outside printable ASCII or one of '%' and ':' written as <c>%XX</c>.
    /// </summary>
    public static string Encode(string text) => EscapeBytes(Encoding.UTF8.GetBytes(text));

    /// <summary>
    /// <c>encode_text</c> of a Perl byte string: each byte counts as one character, so the UTF-8 bytes of the text
    /// are encoded to UTF-8 a second time before they are escaped (what PVE does with text it never decoded).
    /// </summary>
    public static string EncodeBytesAsLatin1(string text) =>
        EscapeBytes(Encoding.UTF8.GetBytes(Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(text))));

    private static string EscapeBytes(byte[] bytes)
    {
        var sb = new StringBuilder(bytes.Length);
        foreach (var b in bytes)
        {
            if (b is >= 0x20 and <= 0x7e and not (byte)'%' and not (byte)':') sb.Append((char)b);
            else sb.Append('%').Append(b.ToString("X2"));
        }
        return sb.ToString();
    }

    public static string Decode(string text)
    {
        if (!text.Contains('%')) return text;
        var bytes = new List<byte>(text.Length);
        var runStart = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '%' || i + 2 >= text.Length || !Uri.IsHexDigit(text[i + 1]) || !Uri.IsHexDigit(text[i + 2])) continue;
            bytes.AddRange(Encoding.UTF8.GetBytes(text[runStart..i]));
            bytes.Add(Convert.ToByte(text.Substring(i + 1, 2), 16));
            i += 2;
            runStart = i + 1;
        }
        bytes.AddRange(Encoding.UTF8.GetBytes(text[runStart..]));
        return Encoding.UTF8.GetString(bytes.ToArray());
    }
}
