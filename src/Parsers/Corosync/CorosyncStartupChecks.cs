using System.Collections.Immutable;
using System.Globalization;
using PveLint.Analysis.Quorum;
using PveLint.Binding;
using PveLint.Corosync.Syntax;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Text;

namespace PveLint.Corosync;

/// <summary>
/// The checks corosync, votequorum and corosync-qdevice run on the merged configuration before they start
/// (reference/corosync-quorum.md §1.3; totemconfig.c totem_config_read/validate, votequorum.c
/// votequorum_readconfig, qdevice-net-instance.c). Each refusal is PVE0003 at the offending value, or PVE0007
/// where a required key is missing. Checks that depend on the host (name lookup, address resolution) are left
/// out, and so are the ones the corosync rules report with more context (duplicate nodeids: PVE1007; nodes with
/// different link sets: PVE1006). The silent adjustments of §1.4 are not errors and are left to those rules too.
/// </summary>
internal static class CorosyncStartupChecks
{
    private const int MinimumTimeout = 30;     // totemconfig.c MINIMUM_TIMEOUT = (1000/HZ)*3 with HZ = 100
    private const int MinimumHold = 14;        // MINIMUM_TIMEOUT_HOLD = (int)(MINIMUM_TIMEOUT * 0.8 - 1000/HZ)
    private const int KnetMaxHost = 65536;     // KNET_MAX_HOST

    public static void Check(CorosyncDocument document, CorosyncConfigView view, CorosyncModel model, BindContext context)
    {
        CorosyncLoggingChecks.Check(view, context);
        CorosyncAddressChecks.Check(view, context);
        var checks = new Checks(document, view, model, context);
        checks.Totem();
        checks.Nodelist();
        checks.Timeouts();
        checks.Votequorum();
        checks.Qdevice();
    }

    private sealed class Checks(CorosyncDocument document, CorosyncConfigView view, CorosyncModel model, BindContext context)
    {
        private string? Transport => view["totem.transport"]?.Value.Value;

        /// <summary>The transport is usable (absent means knet); an invalid one is reported once and stops the checks that depend on it.</summary>
        private bool TransportKnown => Transport is null or "knet" or "udpu" or "udp";

        private bool IsKnet => Transport is null or "knet";

        public void Totem()
        {
            var totem = view.Sections("totem");
            if (totem.Count == 0)
            {
                Report(DiagnosticIds.MissingRequiredKey, FileStart(),
                    "corosync.conf has no totem section, so corosync finds no 'version: 2' and refuses to start ('This totem parser can only parse version 2 configurations.').");
                return;
            }
            var version = view["totem.version"];
            if (version is null)
                Report(DiagnosticIds.MissingRequiredKey, totem[0].Name.Span,
                    "Section 'totem' has no 'version: 2'; corosync refuses to start ('This totem parser can only parse version 2 configurations.').");
            else if (U32(version) is { } v && v != 2)
                Report(DiagnosticIds.InvalidValue, version.Value.Span,
                    $"Key 'totem.version' is {v}, but corosync 3 reads only version 2 and refuses to start ('This totem parser can only parse version 2 configurations.').");

            CheckLaterEnum("totem", "transport");
            CheckLaterEnum("totem", "link_mode");
            Crypto();
        }

        /// <summary>totemconfig.c totem_get_crypto: secauth 'on' means aes256 + sha256 unless crypto_cipher/crypto_hash say otherwise.</summary>
        private void Crypto()
        {
            var secauth = view["totem.secauth"];
            var cipherItem = view["totem.crypto_cipher"];
            var hashItem = view["totem.crypto_hash"];
            string[] ciphers = ["none", "aes256", "aes192", "aes128"];
            string[] hashes = ["none", "md5", "sha1", "sha256", "sha384", "sha512"];
            var secauthOn = secauth?.Value.Value == "on";
            var (cipher, cipherFrom) = cipherItem is not null && ciphers.Contains(cipherItem.Value.Value) ? (cipherItem.Value.Value, cipherItem) : secauthOn ? ("aes256", secauth) : ("none", null);
            var (hash, hashFrom) = hashItem is not null && hashes.Contains(hashItem.Value.Value) ? (hashItem.Value.Value, hashItem) : secauthOn ? ("sha256", secauth) : ("none", null);

            if (cipher != "none" && hash == "none")
            {
                var at = hashFrom ?? cipherFrom!;
                Report(DiagnosticIds.InvalidValue, at.Value.Span,
                    $"Encryption with crypto_cipher '{cipher}' needs a crypto_hash other than none, so corosync refuses to start ('crypto_cipher requires crypto_hash with value other than none').");
            }
            if (TransportKnown && !IsKnet && (cipher != "none" || hash != "none"))
            {
                var at = (cipher != "none" ? cipherFrom : hashFrom)!;
                var what = ReferenceEquals(at, secauth) ? "'secauth: on' turns on encryption (aes256/sha256)" : $"'{at.Key.Value}: {at.Value.Value}' turns on encryption";
                Report(DiagnosticIds.InvalidValue, at.Value.Span,
                    $"{what}, which only the knet transport supports; with transport '{Transport}' corosync refuses to start ('crypto_cipher & crypto_hash are only valid for the Knet transport.').",
                    Related(view["totem.transport"], "the transport"));
            }
        }

        public void Nodelist()
        {
            var configuredLinks = new SortedSet<int>();
            foreach (var node in view.Nodes)
            {
                var rings = RingKeys(node).ToList();
                foreach (var (link, item) in rings.Where(r => r.Link > CorosyncModelBuilder.MaxLinkNumber))
                    Report(DiagnosticIds.InvalidValue, item.Key.Span,
                        $"Key '{item.Key.Value}' names link {link}, but corosync has links 0 to {CorosyncModelBuilder.MaxLinkNumber} only and refuses to start ('interface ring number {link} is bigger than allowed maximum {CorosyncModelBuilder.MaxLinkNumber}').");
                var links = rings.Where(r => r.Link <= CorosyncModelBuilder.MaxLinkNumber).ToList();
                foreach (var (link, _) in links) configuredLinks.Add((int)link);
                // A node without any address is accepted silently; PVE1006 (inconsistent links) reports it.
                if (links.Count > 0 && TransportKnown && IsKnet) KnetNodeId(node, NodeLabel(node), links[0].Item);
                // The host whose name this entry has takes it as its own node and needs its nodeid (a split node's name half).
                else if (links.Count == 0 && TransportKnown && IsKnet && node["name"] is { } name && node["nodeid"] is null)
                    Report(DiagnosticIds.MissingRequiredKey, node.FirstBlock.Name.Span,
                        $"Node entry {node.Position} is named '{CorosyncParser.Shorten(name.Value.Value)}' but has no nodeid, which the knet transport requires: corosync refuses to start on {CorosyncParser.Shorten(name.Value.Value)} ('Knet requires an explicit nodeid for the local node').");
            }

            if (configuredLinks.Count > 1)
            {
                // totemconfig.c checks nodelist.node.0 .. nodelist.node.<members of the first link - 1> by position.
                var members = view.Nodes.Count(n => RingKeys(n).Any(r => r.Link == configuredLinks.Min));
                var byPosition = view.Nodes.ToDictionary(n => n.Position);
                for (var position = 0; position < members; position++)
                {
                    var node = byPosition.GetValueOrDefault(position);
                    if (node?["name"] is not null) continue;
                    var at = (node ?? view.Nodes.LastOrDefault(n => n.Position < position) ?? view.Nodes[0]).FirstBlock.Name.Span;
                    Report(DiagnosticIds.MissingRequiredKey, at,
                        $"Node {(node is null ? $"entry {position}" : NodeLabel(node))} has no 'name', which corosync requires of the first {members} node entries when there is more than one link, so corosync refuses to start ('for a multi-link configuration, all nodes must have a 'name' attribute').");
                }
                if (TransportKnown && !IsKnet && view["totem.transport"] is { } transport)
                    Report(DiagnosticIds.InvalidValue, transport.Value.Span,
                        $"The nodes use {configuredLinks.Count} links, but transport '{Transport}' supports one, so corosync refuses to start ('{configuredLinks.Count} is too many configured interfaces for non-Knet transport.').");
            }

            // totemconfig.c reads the nodelist only when nodelist.node.0 has a name or ring0_addr: without, corosync
            // runs without a nodeid and aborts when it first sends a join message (issue 7 class 11).
            if (view.Nodes.Count > 0 && TransportKnown && view.Nodes[0] is var first
                && (first.Position != 0 || (first["name"] is null && first["ring0_addr"] is null)))
                Report(DiagnosticIds.MissingRequiredKey, first.FirstBlock.Name.Span,
                    "The first node entry has neither 'name' nor 'ring0_addr', so corosync ignores the whole nodelist, runs without a nodeid and aborts ('Assertion `memb_join->header.nodeid' failed'): corosync refuses to start.");

            var hasBindnetaddr = view.Interfaces.Any(i => i["bindnetaddr"] is not null);
            if (configuredLinks.Count == 0 && !hasBindnetaddr && view.Sections("totem").Count > 0)
            {
                var at = view.Sections("nodelist") is { Count: > 0 } nl ? nl[0].Name.Span : view.Sections("totem")[0].Name.Span;
                Report(DiagnosticIds.MissingRequiredKey, at,
                    "No node has a ringN_addr and no interface has a bindnetaddr, so corosync has no link to use and refuses to start ('No interfaces defined').");
            }

            Interfaces(configuredLinks);
        }

        /// <summary>knet needs a nodeid from 1 to 65535 on every node (totemconfig.c put_nodelist_members_to_config).</summary>
        private void KnetNodeId(CorosyncNodeEntry node, string label, CorosyncItem address)
        {
            var nodeid = node["nodeid"];
            if (nodeid is null)
            {
                Report(DiagnosticIds.MissingRequiredKey, node.FirstBlock.Name.Span,
                    $"Node {label} has no nodeid, which the knet transport requires, so corosync refuses to start ('Knet requires an explicit nodeid to be specified for address '{address.Value.Value}'').");
                return;
            }
            if (U32(nodeid) is not { } id) return;
            if (id == 0)
                Report(DiagnosticIds.InvalidValue, nodeid.Value.Span,
                    $"Node {label} has nodeid 0, which is reserved; the knet transport treats it as missing and corosync refuses to start ('Knet requires an explicit nodeid to be specified for address '{address.Value.Value}'').");
            else if (id >= KnetMaxHost)
                Report(DiagnosticIds.InvalidValue, nodeid.Value.Span,
                    $"Node {label} has nodeid {id}, but knet allows nodeids below {KnetMaxHost} only, so corosync refuses to start ('Knet requires nodeid to be less than {KnetMaxHost} for address '{address.Value.Value}'').");
        }

        /// <summary>totemconfig.c get_interface_params and totem_config_validate, per interface block.</summary>
        private void Interfaces(SortedSet<int> configuredLinks)
        {
            foreach (var block in view.Interfaces)
            {
                var linknumber = block["linknumber"];
                var stored = block.Items.Keys.Any(k => k is not ("linknumber" or "ringnumber") && CorosyncSchema.Section("totem.interface")!.Keys.ContainsKey(k))
                             || block.Block.Sections.Any(s => s.Name.Value == "member");
                if (block.CorosyncLink > CorosyncModelBuilder.MaxLinkNumber && stored && linknumber is not null)
                    Report(DiagnosticIds.InvalidValue, linknumber.Value.Span,
                        $"Interface linknumber {block.CorosyncLink} is above {CorosyncModelBuilder.MaxLinkNumber}, so corosync refuses to start ('interface ring number {block.CorosyncLink} is bigger than allowed maximum {CorosyncModelBuilder.MaxLinkNumber}').");

                if (block["knet_transport"] is { } kt && CorosyncSchema.Section("totem.interface")!.Key("knet_transport")!.Enum is { } e && !e.Accepts(kt.Value.Value))
                    Report(DiagnosticIds.InvalidValue, kt.Value.Span, CorosyncKeyChecks.EnumMessage($"totem.interface.{block.CorosyncLink}.knet_transport", kt.Value.Value, e));

                if (!TransportKnown) continue;
                // Every interface block corosync stores is checked, whether or not a node has an address on its link.
                if (block["ttl"] is { } ttl && Transport != "udp" && CorosyncIntegers.TryParse(ttl.Value.Value, 0, byte.MaxValue, out var t) && t != 1)
                    Report(DiagnosticIds.InvalidValue, ttl.Value.Span,
                        $"Key 'ttl' is {t} on link {block.CorosyncLink}, but only the udp (multicast) transport has a TTL, so corosync refuses to start ('Can only set ttl on multicast transport types for interface {block.CorosyncLink}').");
                if (block["knet_link_priority"] is { } prio && !IsKnet && CorosyncIntegers.TryParse(prio.Value.Value, 0, byte.MaxValue, out var p) && p != 1)
                    Report(DiagnosticIds.InvalidValue, prio.Value.Span,
                        $"Key 'knet_link_priority' is {p} on link {block.CorosyncLink}, but transport '{Transport}' has no link priorities, so corosync refuses to start ('Can only set link priority on knet transport type for interface {block.CorosyncLink}').");
            }
        }

        /// <summary>totemconfig.c totem_volatile_config_read/validate: timeouts below the minimum after defaults and token_coefficient.</summary>
        public void Timeouts()
        {
            if (view.Sections("totem").Count == 0) return;
            var ring0Members = view.Nodes.Count(n => n["ring0_addr"] is not null);

            var tokenItem = view["totem.token"];
            long token = NonZero(tokenItem) ?? 3000;
            if (ring0Members > 2) token = (uint)(token + (ring0Members - 2) * (U32(view["totem.token_coefficient"]) ?? 650));

            TooLow("max_network_delay", NonZero(view["totem.max_network_delay"]), "max_network_delay parameter");
            if (token < MinimumTimeout && tokenItem is not null)
                Report(DiagnosticIds.InvalidValue, tokenItem.Value.Span,
                    $"The token timeout is {token} ms, below corosync's minimum of {MinimumTimeout} ms, so corosync refuses to start ('The token timeout parameter ({token} ms) may not be less than ({MinimumTimeout} ms).').");
            if (view["totem.token_warning"] is { } warning && U32(warning) is { } w && (w > 100 || (int)w < 0))
                Report(DiagnosticIds.InvalidValue, warning.Value.Span,
                    $"Key 'totem.token_warning' is {w}%, outside 0 to 100, so corosync refuses to start ('The token warning parameter ({(int)w}%) must be between 0 (disabled) and 100.').");

            var constItem = view["totem.token_retransmits_before_loss_const"];
            var retransmitsBeforeLoss = NonZero(constItem) ?? 4;
            var retransmitItem = view["totem.token_retransmit"];
            var retransmit = NonZero(retransmitItem) ?? (long)(token / (retransmitsBeforeLoss + 0.2));
            if (retransmit < MinimumTimeout && token >= MinimumTimeout)
            {
                if (NonZero(retransmitItem) is not null)
                    TooLow("token_retransmit", retransmit, "token retransmit timeout parameter");
                else if ((constItem ?? tokenItem) is { } blamed)
                    Report(DiagnosticIds.InvalidValue, blamed.Value.Span,
                        $"token {token} ms with token_retransmits_before_loss_const {retransmitsBeforeLoss} gives a retransmit timeout of {retransmit} ms, below {MinimumTimeout} ms, so corosync refuses to start ('Not appropriate token or token_retransmits_before_loss_const value set').");
            }
            if (NonZero(view["totem.hold"]) is { } hold && hold < MinimumHold)
                Report(DiagnosticIds.InvalidValue, view["totem.hold"]!.Value.Span,
                    $"The token hold timeout is {hold} ms, below corosync's minimum of {MinimumHold} ms, so corosync refuses to start ('The token hold timeout parameter ({hold} ms) may not be less than ({MinimumHold} ms).').");

            var join = NonZero(view["totem.join"]) ?? 50;
            TooLow("join", NonZero(view["totem.join"]), "join timeout parameter");
            var consensusItem = view["totem.consensus"];
            var consensus = NonZero(consensusItem) ?? (long)(float)(1.2 * token);
            TooLow("consensus", NonZero(consensusItem), "consensus timeout parameter");
            if (consensus >= MinimumTimeout && consensus < join && (consensusItem ?? view["totem.join"]) is { } blame)
                Report(DiagnosticIds.InvalidValue, blame.Value.Span,
                    $"The consensus timeout ({consensus} ms) is shorter than the join timeout ({join} ms), so corosync refuses to start ('The consensus timeout parameter ({consensus} ms) may not be less than join timeout ({join} ms).').");
            TooLow("merge", NonZero(view["totem.merge"]), "merge timeout parameter");
            TooLow("downcheck", NonZero(view["totem.downcheck"]), "downcheck timeout parameter");
        }

        private void TooLow(string key, long? value, string parameter)
        {
            if (value is not { } v || v >= MinimumTimeout || view["totem." + key] is not { } item) return;
            Report(DiagnosticIds.InvalidValue, item.Value.Span,
                $"Key 'totem.{key}' is {v} ms, below corosync's minimum of {MinimumTimeout} ms, so corosync refuses to start ('The {parameter} ({v} ms) may not be less than ({MinimumTimeout} ms).').");
        }

        /// <summary>
        /// votequorum.c votequorum_readconfig, run only when votequorum is the quorum provider. Which combinations it
        /// refuses is decided once, by <see cref="VoteArithmetic"/> (the quorum rules and the simulation use the same);
        /// this places each refusal on the value that causes it.
        /// </summary>
        public void Votequorum()
        {
            CheckLaterEnum("quorum", "provider");
            if (view["quorum.provider"]?.Value.Value != "corosync_votequorum") return;
            var arithmetic = VoteArithmetic.Of(model)!;
            var quorum = view.Sections("quorum")[0];
            var device = view.Sections("quorum.device") is { Count: > 0 } d ? d[0] : null;
            var deviceVotes = model.Quorum.Device?.Votes?.Value;
            var expected = model.Quorum.ExpectedVotes?.Value ?? 0;
            const string Fails = "so votequorum fails to load and corosync stops";
            foreach (var refusal in arithmetic.Refusals)
            {
                var upstream = refusal.UpstreamMessage;
                switch (refusal.Kind)
                {
                    case VotequorumRefusalKind.NoNodelistNorExpectedVotes:
                        Report(DiagnosticIds.MissingRequiredKey, quorum.Name.Span, $"votequorum has neither a nodelist nor quorum.expected_votes, {Fails} ('{upstream}').");
                        break;
                    case VotequorumRefusalKind.TwoNodeWithQDevice:
                        Report(DiagnosticIds.InvalidValue, view["quorum.two_node"]!.Value.Span, $"two_node cannot be combined with a quorum device, {Fails} ('{upstream}').");
                        break;
                    case VotequorumRefusalKind.AutoTieBreakerWithLastManStandingOnOddVotes:
                        Report(DiagnosticIds.InvalidValue, view["quorum.last_man_standing"]!.Value.Span,
                            $"auto_tie_breaker with last_man_standing on an odd number of votes ({arithmetic.NodelistVotes}) and without wait_for_all is refused, {Fails} ('{upstream}').");
                        break;
                    case VotequorumRefusalKind.QDeviceWithLastManStanding:
                        Report(DiagnosticIds.InvalidValue, view["quorum.last_man_standing"]!.Value.Span, $"last_man_standing cannot be combined with a quorum device, {Fails} ('{upstream}').");
                        break;
                    case VotequorumRefusalKind.QDeviceWithAutoTieBreaker:
                        Report(DiagnosticIds.InvalidValue, view["quorum.auto_tie_breaker"]!.Value.Span, $"auto_tie_breaker cannot be combined with a quorum device, {Fails} ('{upstream}').");
                        break;
                    case VotequorumRefusalKind.QDeviceWithAllowDownscale:
                        Report(DiagnosticIds.InvalidValue, view["quorum.allow_downscale"]!.Value.Span, $"allow_downscale cannot be combined with a quorum device, {Fails} ('{upstream}').");
                        break;
                    case VotequorumRefusalKind.QDeviceVotesNeededWithExpectedVotes:
                        Report(DiagnosticIds.MissingRequiredKey, device!.Name.Span, $"The quorum device has no 'votes' although quorum.expected_votes is set, {Fails} ('{upstream}').");
                        break;
                    case VotequorumRefusalKind.QDeviceVotesNeededWithUnequalVotes:
                        Report(DiagnosticIds.MissingRequiredKey, device!.Name.Span, $"The quorum device has no 'votes' although not every node has 1 vote, {Fails} ('{upstream}').");
                        break;
                    case VotequorumRefusalKind.QDeviceVotesTooHigh:
                        Report(DiagnosticIds.InvalidValue, view["quorum.device.votes"]!.Value.Span,
                            $"The quorum device's {deviceVotes} votes leave fewer than 2 of quorum.expected_votes {expected}, {Fails} ('{upstream}').");
                        break;
                }
            }
        }

        /// <summary>corosync-qdevice refuses to start on these; corosync runs, but the device never votes.</summary>
        public void Qdevice()
        {
            var deviceModel = view["quorum.device.model"];
            if (deviceModel is null || deviceModel.Value.Value.Length == 0) return;
            const string Refuses = "so corosync-qdevice refuses to start and the cluster gets no QDevice vote";
            if (deviceModel.Value.Value != "net")
            {
                Report(DiagnosticIds.InvalidValue, deviceModel.Value.Span,
                    $"Quorum device model '{CorosyncParser.Shorten(deviceModel.Value.Value)}' is not 'net', the only model corosync-qdevice has, {Refuses} ('Configured device model {CorosyncParser.Shorten(deviceModel.Value.Value)} is not supported.').");
                return;
            }
            var device = view.Sections("quorum.device")[0];
            if (view["quorum.device.net.host"] is null)
                Report(DiagnosticIds.MissingRequiredKey, view.Sections("quorum.device.net") is { Count: > 0 } net ? net[0].Name.Span : device.Name.Span,
                    $"The quorum device has no net 'host' (the corosync-qnetd address), {Refuses} ('Qdevice net daemon address is not defined (quorum.device.net.host)').");
            if (view["totem.cluster_name"] is null)
                Report(DiagnosticIds.MissingRequiredKey, view.Sections("totem") is { Count: > 0 } totem ? totem[0].Name.Span : device.Name.Span,
                    $"Section 'totem' has no cluster_name, which identifies the cluster at corosync-qnetd, {Refuses} ('Cluster name (totem.cluster_name) has to be defined.').");
            CheckLaterEnum("quorum.device.net", "algorithm");
            CheckLaterEnum("quorum.device.net", "tls");
            CorosyncQdeviceOptionChecks.Check(view, VoteArithmetic.Of(model) is not { Refusals.IsEmpty: false }, context);
        }

        /// <summary>An enumeration checked on the value in effect (not while parsing).</summary>
        private void CheckLaterEnum(string section, string key)
        {
            if (view[section + "." + key] is not { } item) return;
            if (CorosyncSchema.Section(section)?.Key(key)?.Enum is { } e && !e.Accepts(item.Value.Value))
                Report(DiagnosticIds.InvalidValue, item.Value.Span, CorosyncKeyChecks.EnumMessage(section + "." + key, item.Value.Value, e));
        }

        private static IEnumerable<(long Link, CorosyncItem Item)> RingKeys(CorosyncNodeEntry node)
        {
            foreach (var (key, item) in node.Items)
            {
                if (!key.StartsWith("ring", StringComparison.Ordinal) || !key.EndsWith("_addr", StringComparison.Ordinal)) continue;
                // sscanf("ring%u") also takes a sign: ring-1_addr is link 4294967295.
                var digits = key[4..^5];
                var negative = digits.StartsWith('-');
                if (digits.Length > 0 && digits[0] is '-' or '+') digits = digits[1..];
                if (digits.Length > 0 && digits.All(char.IsAsciiDigit) && ulong.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var link))
                    yield return (negative ? (long)(uint)(0 - (uint)link) : (long)(uint)link, item);
            }
        }

        private static string NodeLabel(CorosyncNodeEntry node) =>
            node["name"] is { } name ? $"'{CorosyncParser.Shorten(name.Value.Value)}'"
            : node["ring0_addr"] is { } addr ? $"'{CorosyncParser.Shorten(addr.Value.Value)}'"
            : $"#{node.Position + 1}";

        private static long? U32(CorosyncItem? item) =>
            item is not null && CorosyncIntegers.TryParse(item.Value.Value, 0, uint.MaxValue, out var v) ? v : null;

        /// <summary>corosync takes 0 as "use the default" for most totem timeouts.</summary>
        private static long? NonZero(CorosyncItem? item) => U32(item) is { } v && v != 0 ? v : null;

        private static bool On(CorosyncItem? item) => CorosyncModelBuilder.Switch(item)?.Value == true;

        private SourceSpan FileStart() => document.File.LineSpan(1);

        private static ImmutableArray<RelatedSpan> Related(CorosyncItem? item, string message) =>
            item is null ? ImmutableArray<RelatedSpan>.Empty : [new RelatedSpan(item.Span, message)];

        private void Report(string id, SourceSpan span, string message, ImmutableArray<RelatedSpan> related = default) =>
            context.Report(new Diagnostic(id, message, span, related));
    }
}
