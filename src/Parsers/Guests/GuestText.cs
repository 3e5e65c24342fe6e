using PveLint.Text;
using PveLint.Model;

namespace PveLint.Guests;

/// <summary>Small text helpers shared by the guest config parser and binder.</summary>
internal static class GuestText
{
    /// <summary>pve-common <c>decode_text</c>: URI-unescape (<c>%3A</c> → <c>:</c>) and read the bytes as UTF-8.</summary>
    public static string DecodeUri(string text)
    {
        if (!text.Contains('%')) return text;
        try
        {
            return Uri.UnescapeDataString(text);
        }
        catch (UriFormatException)
        {
            return text;
        }
    }

    /// <summary>"VM 100" or "container 101", for messages.</summary>
    public static string Describe(GuestKind kind, int vmid) => (kind == GuestKind.Qemu ? "VM " : "container ") + vmid;

    /// <summary>The parser that reads this kind of config, for messages.</summary>
    public static string Reader(GuestKind kind) => kind == GuestKind.Qemu ? "qemu-server" : "pve-container";

    /// <summary>A line or value shortened for a message.</summary>
    public static string Excerpt(string text, int max = 60) => text.Length <= max ? text : text[..max] + "...";

    /// <summary>PVE's boolean words (<c>parse_boolean</c>): 1|on|yes|true and 0|off|no|false, case-insensitive.</summary>
    public static bool? ParseBoolean(string value) => PerlText.Lc(value) switch
    {
        "1" or "on" or "yes" or "true" => true,
        "0" or "off" or "no" or "false" => false,
        _ => null,
    };
}
