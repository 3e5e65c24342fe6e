using PveLint.Text;
using System.Net;
using System.Text.RegularExpressions;
using PveLint.SectionConfig.Syntax;

namespace PveLint.SectionConfig.Schema;

/// <summary>
/// The named formats PVE registers with <c>register_format</c> that our schemas use, each with PVE's own test
/// (pve-common JSONSchema.pm, pve-storage Plugin.pm, pve-ha-manager Tools.pm, pve-guest-common
/// ReplicationConfig.pm). Each returns PVE's complaint or null.
/// </summary>
public static partial class PveFormats
{
    // ASCII classes, not IgnoreCase: .NET case folding lets U+212A KELVIN SIGN match "k", Perl's byte regexes do not.
    [GeneratedRegex(@"^[a-zA-Z][a-zA-Z0-9_-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex ConfigIdRegex();

    [GeneratedRegex(@"^[a-zA-Z][a-zA-Z0-9\-_.]*[a-zA-Z0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex StorageIdRegex();

    [GeneratedRegex(@"^[a-zA-Z0-9]([a-zA-Z0-9\-]*[a-zA-Z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex NodeNameRegex();

    [GeneratedRegex(@"^([a-zA-Z0-9]([a-zA-Z0-9\-]*[a-zA-Z0-9])?\.)*[a-zA-Z0-9]([a-zA-Z0-9\-]*[a-zA-Z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex DnsNameRegex();

    [GeneratedRegex(@"^(?:(?:25[0-5]|(?:2[0-4]|1[0-9]|[1-9])?[0-9])\.){3}(?:25[0-5]|(?:2[0-4]|1[0-9]|[1-9])?[0-9])$", RegexOptions.CultureInvariant)]
    private static partial Regex Ipv4Regex();

    [GeneratedRegex(@"^[a-zA-Z0-9][a-zA-Z0-9\-_.]*[a-zA-Z0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex LvmNameRegex();

    [GeneratedRegex(@"^[A-Za-z0-9_+\-~]+(\.[A-Za-z0-9_+\-~]+)*@[a-zA-Z0-9\-]+(\.[a-zA-Z0-9\-]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailRegex();

    /// <summary><c>pve-configid</c>: <c>^[a-z][a-z0-9_-]+$</c>i, so at least two characters.</summary>
    public static readonly ValueFormat ConfigId = ValueFormat.Of("pve-configid", id =>
        ConfigIdRegex().IsMatch(id) ? null : $"invalid configuration ID '{MessageText.Short(id)}': it must start with a letter, hold only letters, digits, '-' and '_', and be at least 2 characters long");

    /// <summary><c>pve-storage-id</c> (<c>parse_id</c>): at least 2 characters, <c>^[a-z][a-z0-9\-_.]*[a-z0-9]$</c>i.</summary>
    public static readonly ValueFormat StorageId = ValueFormat.Of("pve-storage-id", id =>
        id.Length < 2 ? $"storage ID '{MessageText.Short(id)}' cannot be shorter than 2 characters"
        : StorageIdRegex().IsMatch(id) ? null
        : $"storage ID '{MessageText.Short(id)}' contains illegal characters: it must start with a letter, end with a letter or digit, and hold only letters, digits, '-', '_' and '.'");

    /// <summary><c>pve-node</c>: a host name label.</summary>
    public static readonly ValueFormat Node = ValueFormat.Of("pve-node", node =>
        NodeNameRegex().IsMatch(node) ? null : $"'{MessageText.Short(node)}' does not look like a valid node name");

    public static readonly ValueFormat NodeList = ValueFormat.ListOf(Node);

    /// <summary><c>dns-name</c>.</summary>
    public static bool IsDnsName(string name) => DnsNameRegex().IsMatch(name);

    public static bool IsIpv4(string ip) => Ipv4Regex().IsMatch(ip);

    /// <summary>An IPv6 address as PVE's <c>$IPV6RE</c> accepts it: hex groups and '::', an embedded IPv4 at the end, no zone.</summary>
    public static bool IsIpv6(string ip) =>
        ip.Contains(':') && !ip.Contains('%') && !ip.Contains('[') && ip.All(c => Uri.IsHexDigit(c) || c is ':' or '.') &&
        IPAddress.TryParse(ip, out var parsed) && parsed.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;

    public static bool IsIp(string ip) => IsIpv4(ip) || IsIpv6(ip);

    /// <summary><c>CIDR</c>: IPv4 with a prefix 8..32, or IPv6 with a prefix 1..128 (JSONSchema.pm <c>pve_verify_cidr</c>).</summary>
    public static readonly ValueFormat Cidr = ValueFormat.Of("CIDR", cidr =>
    {
        var slash = cidr.IndexOf('/');
        if (slash > 0 && int.TryParse(cidr[(slash + 1)..], System.Globalization.NumberStyles.None, null, out var prefix))
        {
            var address = cidr[..slash];
            if (IsIpv4(address) && prefix > 7 && prefix <= 32) return null;
            if (IsIpv6(address) && prefix > 0 && prefix <= 128) return null;
        }
        return $"'{MessageText.Short(cidr)}' does not look like a valid CIDR network (e.g. 10.1.2.0/24)";
    });

    /// <summary><c>pve-storage-path</c>: an absolute path; PVE only checks <c>^/[^;()]+</c> at the start.</summary>
    public static readonly ValueFormat StoragePath = ValueFormat.Of("pve-storage-path", path =>
        path.Length >= 2 && path[0] == '/' && path[1] is not (';' or '(' or ')') ? null : $"'{MessageText.Short(path)}' does not look like a valid absolute path");

    /// <summary><c>pve-storage-server</c>: an IP address or a DNS name.</summary>
    public static readonly ValueFormat StorageServer = ValueFormat.Of("pve-storage-server", server =>
        IsIp(server) || IsDnsName(server) ? null : $"'{MessageText.Short(server)}' does not look like a valid server name or IP address");

    /// <summary><c>pve-storage-portal-dns</c> (<c>parse_host_and_port</c>): host or IPv4 with ':port', [anything]:port, IPv6 with '.port'.</summary>
    public static readonly ValueFormat PortalDns = ValueFormat.Of("pve-storage-portal-dns", portal =>
        IsHostAndPort(portal) ? null : $"'{MessageText.Short(portal)}' does not look like a valid portal address");

    public static readonly ValueFormat PortalDnsList = ValueFormat.ListOf(PortalDns);

    /// <summary><c>pve-storage-vgname</c>: an LVM name.</summary>
    public static readonly ValueFormat LvmName = ValueFormat.Of("pve-storage-vgname", name =>
        LvmNameRegex().IsMatch(name) ? null : $"lvm name '{MessageText.Short(name)}' contains illegal characters");

    /// <summary><c>pve-storage-options</c>: mount options without whitespace.</summary>
    public static readonly ValueFormat MountOptions = ValueFormat.Of("pve-storage-options", options =>
        options.Length > 0 && !options.Any(PerlText.IsSpace) ? null : $"invalid options '{MessageText.Short(options)}'");

    /// <summary><c>pve-volume-id</c>: <c>storage:volume</c>.</summary>
    public static readonly ValueFormat VolumeId = ValueFormat.Of("pve-volume-id", volid =>
    {
        var colon = volid.IndexOf(':');
        return colon >= 2 && colon < volid.Length - 1 && StorageIdRegex().IsMatch(volid[..colon]) ? null : $"unable to parse volume ID '{MessageText.Short(volid)}'";
    });

    /// <summary><c>pve-storage-zfs-blocksize</c>: a power of two (bytes) with an optional k or m suffix.</summary>
    public static readonly ValueFormat ZfsBlockSize = ValueFormat.Of("pve-storage-zfs-blocksize", size =>
    {
        if (size.Length == 0) return null;
        var unit = size[^1] is 'k' or 'K' or 'm' or 'M' ? char.ToLowerInvariant(size[^1]) : '\0';
        var digits = unit == '\0' ? size : size[..^1];
        if (digits.Length == 0 || digits[0] == '0' || !digits.All(PerlText.IsDigit) || !ulong.TryParse(digits, out var n))
            return $"invalid blocksize '{MessageText.Short(size)}' - must be a power of 2 with optional k or m suffix";
        var bytes = unit switch { 'k' => n * 1024, 'm' => n * 1024 * 1024, _ => n };
        return bytes != 0 && (bytes & (bytes - 1)) == 0 ? null : $"invalid blocksize '{MessageText.Short(size)}' - must be a power of 2";
    });

    /// <summary><c>pve-storage-content</c>: a word that a dir storage knows, or <c>import</c>.</summary>
    public static readonly ValueFormat StorageContent = ValueFormat.Of("pve-storage-content", content =>
        content is "images" or "rootdir" or "vztmpl" or "iso" or "backup" or "snippets" or "none" or "import" ? null : $"invalid content type '{MessageText.Short(content)}'");

    public static readonly ValueFormat StorageContentList = ValueFormat.ListOf(StorageContent);

    /// <summary><c>pve-dir-override</c>: <c>content=relative/path</c>.</summary>
    public static readonly ValueFormat DirOverride = ValueFormat.Of("pve-dir-override", value =>
    {
        var eq = value.IndexOf('=');
        if (eq > 0 && value[..eq].All(c => c is >= 'a' and <= 'z') && StorageContent.Check(value[..eq], default) is null)
        {
            var path = value[(eq + 1)..];
            if (path.Length > 0 && path[0] != '.' && !path.Contains("..") && !path.EndsWith('.') && path.Length < 1023 && path.Split('/').All(p => p.Length < 255))
                return null;
        }
        return $"invalid override '{MessageText.Short(value)}'";
    });

    public static readonly ValueFormat DirOverrideList = ValueFormat.ListOf(DirOverride);

    [GeneratedRegex(@"^[1-9][0-9]{2,8}$", RegexOptions.CultureInvariant)]
    private static partial Regex VmIdRegex();

    [GeneratedRegex(@"^[\w+\-~]+(\.[\w+\-~]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailUserRegex();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9.\-_]+$", RegexOptions.CultureInvariant)]
    private static partial Regex RealmRegex();

    /// <summary><c>pve-vmid</c>: 100 .. 999999999 written without leading zeros.</summary>
    public static readonly ValueFormat VmId = ValueFormat.Of("pve-vmid", vmid =>
        VmIdRegex().IsMatch(vmid) ? null : $"'{MessageText.Short(vmid)}' does not look like a valid VM ID");

    public static readonly ValueFormat VmIdList = ValueFormat.ListOf(VmId);

    /// <summary><c>email-or-username</c> (JSONSchema.pm: <c>$EMAIL_RE</c> or <c>$EMAIL_USER_RE</c>).</summary>
    public static readonly ValueFormat EmailOrUserName = ValueFormat.Of("email-or-username", value =>
        EmailRegex().IsMatch(value) || EmailUserRegex().IsMatch(value) ? null : $"'{MessageText.Short(value)}' does not look like a valid email address or user name");

    public static readonly ValueFormat EmailOrUserNameList = ValueFormat.ListOf(EmailOrUserName);

    /// <summary><c>pve-realm</c> (pve-access-control Auth/Plugin.pm <c>$realm_regex</c>).</summary>
    public static readonly ValueFormat Realm = ValueFormat.Of("pve-realm", realm =>
        RealmRegex().IsMatch(realm) ? null : $"'{MessageText.Short(realm)}' does not look like a valid realm");

    /// <summary><c>email</c> (ParseUtils.pm <c>$EMAIL_RE</c>).</summary>
    public static readonly ValueFormat Email = ValueFormat.Of("email", email =>
        EmailRegex().IsMatch(email) ? null : $"'{MessageText.Short(email)}' does not look like a valid email address");

    public static readonly ValueFormat EmailOpt = ValueFormat.Opt(Email);

    /// <summary><c>pve-calendar-event</c>: what proxmox-time accepts (see <see cref="Analysis.Schedules.CalendarEvent"/>).</summary>
    public static readonly ValueFormat Calendar = ValueFormat.Of("pve-calendar-event", schedule =>
        Analysis.Schedules.CalendarEvent.Parse(schedule).Error is { } problem ? $"'{MessageText.Short(schedule)}' is not a valid calendar event: {MessageText.Short(problem)}" : null);

    private static bool IsHostAndPort(string address)
    {
        static bool IsPort(string p) => p.Length > 0 && p.All(PerlText.IsDigit);
        static bool IsHostChars(string h) => h.Length > 0 && h.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.');

        if (address.StartsWith('['))
        {
            var close = address.IndexOf(']');
            if (close < 0) return false;
            var inner = address[1..close];
            var rest = address[(close + 1)..];
            return (IsIp(inner) || IsHostChars(inner)) && (rest.Length == 0 || (rest[0] == ':' && IsPort(rest[1..])));
        }
        var colon = address.IndexOf(':');
        var lastColon = address.LastIndexOf(':');
        if (colon == lastColon)
        {
            var host = colon < 0 ? address : address[..colon];
            if ((IsIpv4(host) || IsHostChars(host)) && (colon < 0 || IsPort(address[(colon + 1)..]))) return true;
        }
        var dot = address.LastIndexOf('.');
        if (IsIpv6(address)) return true;
        return dot > 0 && IsIpv6(address[..dot]) && IsPort(address[(dot + 1)..]);
    }
}
