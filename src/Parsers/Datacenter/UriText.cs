using System.Text;

namespace PveLint.Datacenter;

/// <summary>
/// pve-common <c>decode_text</c>: URI-unescape (<c>%XX</c> → byte) and read the bytes as UTF-8. The encoder escapes
/// control and high-bit characters, ':' and '%', so notes written by the web UI round-trip.
/// </summary>
public static class UriText
{
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
