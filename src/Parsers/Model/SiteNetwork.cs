using System.Net;
using System.Net.Sockets;

namespace PveLint.Model;

/// <summary>
/// An IP network of a site (<c>10.1.0.0/24</c>, or a bare address for one host). Host bits below the prefix are
/// ignored, as a routing table would.
/// </summary>
public readonly record struct SiteNetwork(IPAddress Network, int PrefixLength)
{
    public static bool TryParse(string? text, out SiteNetwork network)
    {
        network = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var slash = text.IndexOf('/');
        var addressText = slash < 0 ? text.Trim() : text[..slash].Trim();
        if (!IPAddress.TryParse(addressText, out var address) || addressText.Contains('%')) return false;
        // IPAddress also takes shorthands such as "10.1" (10.0.0.1): only a full dotted quad is an IPv4 address here.
        if (address.AddressFamily == AddressFamily.InterNetwork && !IsDottedQuad(addressText)) return false;
        var bits = address.AddressFamily == AddressFamily.InterNetworkV6 ? 128 : 32;
        var prefix = bits;
        if (slash >= 0 && (!int.TryParse(text[(slash + 1)..].Trim(), System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out prefix) || prefix > bits))
            return false;
        network = new SiteNetwork(Mask(address, prefix), prefix);
        return true;
    }

    private static bool IsDottedQuad(string text)
    {
        var parts = text.Split('.');
        return parts.Length == 4 && parts.All(p => p.Length is > 0 and <= 3 && p.All(char.IsAsciiDigit));
    }

    public bool Contains(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        return address.AddressFamily == Network.AddressFamily && Mask(address, PrefixLength).Equals(Network);
    }

    public override string ToString() => $"{Network}/{PrefixLength}";

    private static IPAddress Mask(IPAddress address, int prefix)
    {
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var keep = Math.Clamp(prefix - i * 8, 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - keep));
        }
        return new IPAddress(bytes);
    }
}
