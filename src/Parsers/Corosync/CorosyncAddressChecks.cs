using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using PveLint.Binding;
using PveLint.Corosync.Syntax;
using PveLint.Diagnostics;

namespace PveLint.Corosync;

/// <summary>
/// The node and multicast addresses corosync cannot use (totemconfig.c put_nodelist_members_to_config,
/// get_interface_params and totem_config_validate, through totemip_parse = getaddrinfo): issue 7 classes 9 and 11.
/// Names are taken to resolve (pvelint does no DNS look-ups), so only what no resolver can turn into an address is a
/// refusal: an empty value, blanks, quotes, '#', '/', ',' or a port, a malformed IPv6 literal; an IPv6 literal under
/// <c>ip_version: ipv4</c> and an IPv4 literal under <c>ipv6</c>; literals of both families on one link; and for the
/// udp transport a literal mcastaddr that is not multicast or not of the link's family. A '%zone' suffix depends on
/// the host's interfaces and is left alone.
/// </summary>
internal static partial class CorosyncAddressChecks
{
    private enum Family { V4, V6, Name, Unusable, HostDependent }

    /// <summary>getaddrinfo resolves only names of these characters; anything else is no address at all.</summary>
    [GeneratedRegex("^[A-Za-z0-9._-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex NameCharacters();

    [GeneratedRegex(@"^(0[xX][0-9a-fA-F]+|[0-9]+)(\.(0[xX][0-9a-fA-F]+|[0-9]+)){0,3}$", RegexOptions.CultureInvariant)]
    private static partial Regex InetAtonForm();

    [GeneratedRegex(@"^([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})$", RegexOptions.CultureInvariant)]
    private static partial Regex DottedQuad();

    public static void Check(CorosyncConfigView view, BindContext context)
    {
        if (view.Sections("totem").Count == 0) return;
        var transport = view["totem.transport"]?.Value.Value ?? "knet";
        if (transport is not ("knet" or "udpu" or "udp")) return; // refused as an invalid transport already
        var ipVersion = view["totem.ip_version"]?.Value.Value;
        // totemconfig.c reads the nodelist only when nodelist.node.0 has a name or ring0_addr.
        if (view.Nodes.Count == 0 || view.Nodes[0].Position != 0 || (view.Nodes[0]["name"] is null && view.Nodes[0]["ring0_addr"] is null)) return;

        var firstOfFamily = new Dictionary<(long Link, Family Family), CorosyncItem>();
        foreach (var node in view.Nodes)
        {
            foreach (var (link, item) in RingAddresses(node))
            {
                var address = item.Value.Value;
                var family = Classify(address);
                var show = CorosyncParser.Shorten(address);
                var refusal = $"('failed to parse node address '{show}'')";
                if (family == Family.Unusable)
                    Report(context, item, $"corosync refuses to start: ring{link}_addr '{show}' is neither an IP address nor a host name, so corosync cannot parse it {refusal}.");
                else if (family == Family.V6 && ipVersion == "ipv4")
                    Report(context, item, $"corosync refuses to start: ring{link}_addr '{show}' is an IPv6 address, but ip_version is ipv4 {refusal}.");
                else if (family == Family.V4 && ipVersion == "ipv6")
                    Report(context, item, $"corosync refuses to start: ring{link}_addr '{show}' is an IPv4 address, but ip_version is ipv6 {refusal}.");
                else if (family is Family.V4 or Family.V6)
                {
                    firstOfFamily.TryAdd((link, family), item);
                    var other = family == Family.V4 ? Family.V6 : Family.V4;
                    if (firstOfFamily.TryGetValue((link, other), out var first))
                        Report(context, item,
                            $"corosync refuses to start: link {link} mixes IPv4 and IPv6 addresses ('{show}' here, '{CorosyncParser.Shorten(first.Value.Value)}' on line {first.Span.Line}), and all nodes of one link must use one IP family ('Nodes for link {link} have different IP families').");
                }
            }
        }
        if (transport == "udp") Multicast(view, firstOfFamily, context);
    }

    /// <summary>udp: a literal mcastaddr must be a multicast address of the link's family.</summary>
    private static void Multicast(CorosyncConfigView view, Dictionary<(long Link, Family Family), CorosyncItem> families, BindContext context)
    {
        foreach (var block in view.Interfaces)
        {
            if (block["mcastaddr"] is not { } item) continue;
            var address = item.Value.Value;
            var show = CorosyncParser.Shorten(address);
            var family = Classify(address);
            if (family == Family.Unusable)
            {
                Report(context, item, $"corosync refuses to start: mcastaddr '{show}' is neither an IP address nor a host name ('failed to parse mcast address '{show}'').");
                continue;
            }
            if (family is not (Family.V4 or Family.V6)) continue;
            var ip = IPAddress.Parse(address);
            var multicast = family == Family.V4 ? (ip.GetAddressBytes()[0] & 0xF0) == 0xE0 : ip.IsIPv6Multicast;
            var link = block.CorosyncLink;
            var bind = families.ContainsKey((link, Family.V4)) ? Family.V4 : families.ContainsKey((link, Family.V6)) ? Family.V6 : (Family?)null;
            if (!multicast)
                Report(context, item, $"corosync refuses to start: mcastaddr '{show}' of link {link} is not a multicast address ('mcastaddr is not a correct multicast address for interface {link}').");
            else if (bind is { } b && b != family)
                Report(context, item, $"corosync refuses to start: mcastaddr '{show}' of link {link} is {(family == Family.V4 ? "IPv4" : "IPv6")}, but the link's node addresses are not ('Multicast address family does not match bind address family for interface {link}').");
        }
    }

    private static Family Classify(string address)
    {
        if (address.Length == 0) return Family.Unusable;
        if (address.Contains('%')) return Family.HostDependent;
        if (address.Contains(':'))
            return address.All(c => char.IsAsciiHexDigit(c) || c is ':' or '.') && IPAddress.TryParse(address, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6
                ? Family.V6 : Family.Unusable;
        if (DottedQuad().Match(address) is { Success: true } m)
            return m.Groups.Values.Skip(1).All(g => int.Parse(g.Value, CultureInfo.InvariantCulture) <= 255) ? Family.V4 : Family.Name;
        // getaddrinfo takes inet_aton's short and hexadecimal forms (10.0.0, 0x0a000001) as IPv4 before any look-up.
        if (InetAtonForm().IsMatch(address) && IPAddress.TryParse(address, out var v4) && v4.AddressFamily == AddressFamily.InterNetwork) return Family.V4;
        return NameCharacters().IsMatch(address) ? Family.Name : Family.Unusable;
    }

    /// <summary>The ring0..ring7 addresses of a node entry (higher ring numbers are refused elsewhere).</summary>
    private static IEnumerable<(long Link, CorosyncItem Item)> RingAddresses(CorosyncNodeEntry node) =>
        node.Items
            .Where(kv => kv.Key.Length == 10 && kv.Key.StartsWith("ring", StringComparison.Ordinal) && kv.Key.EndsWith("_addr", StringComparison.Ordinal)
                         && kv.Key[4] is >= '0' and <= '7')
            .Select(kv => ((long)(kv.Key[4] - '0'), kv.Value))
            .OrderBy(x => x.Item2.Span.Line);

    private static void Report(BindContext context, CorosyncItem item, string message) =>
        context.Report(DiagnosticIds.InvalidValue, item.Value.Value.Length > 0 ? item.Value.Span : item.Span, message);
}
