using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;

namespace PveLint.Rules.Quorum;

/// <summary>
/// PVE1010: corosync traffic without encryption: no <c>secauth: on</c> and no crypto_cipher other than none (or an
/// explicit <c>crypto_cipher: none</c> overriding secauth). Values corosync rejects (such as 3des, which corosync 3
/// does not have) are PVE0003; udp/udpu, which cannot encrypt at all, are PVE1012.
/// </summary>
public sealed class CorosyncCryptoDisabled : Rule
{
    private static readonly string[] Ciphers = ["none", "aes256", "aes192", "aes128"];

    public static readonly RuleMetadata Meta = Define(
        "PVE1010", "corosync-crypto-disabled",
        "Corosync traffic is not encrypted or authenticated",
        Severity.Error, RuleCategory.Corosync,
        "Without crypto, anyone on the corosync network can read the cluster's traffic (including the contents of /etc/pve that pmxcfs replicates over it) and inject membership and quorum messages. In corosync 3.1 the default is no encryption; Proxmox writes 'secauth: on' (aes256 + sha256) for every cluster it creates.",
        "Set 'secauth: on' in the totem section (or crypto_cipher: aes256 with crypto_hash: sha256), make sure /etc/corosync/authkey is the same on all nodes, increase config_version, and restart corosync on all nodes together.",
        "security");

    public override RuleMetadata Metadata => Meta;

    public override IEnumerable<Finding> Check(ClusterModel model)
    {
        if (model.Corosync is not { } corosync) yield break;
        var totem = corosync.Totem;
        if (totem.Transport?.Value is { } transport && transport != "knet") yield break;
        var cipher = totem.CryptoCipher?.Value;
        if (cipher is not null && !Ciphers.Contains(cipher)) yield break;
        var secauthOn = totem.Secauth?.Value == "on";
        var effective = cipher ?? (secauthOn ? "aes256" : "none");
        if (effective != "none") yield break;
        var (at, why) = cipher == "none" && totem.CryptoCipher is { } c
            ? (c.Span, secauthOn ? "'crypto_cipher: none' overrides 'secauth: on'" : "crypto_cipher is none")
            : totem.Secauth is { } s
                ? (s.Span, $"secauth is '{s.Value}' and no crypto_cipher is set")
                : (totem.Span ?? SourceSpanOf(corosync), "neither secauth: on nor a crypto_cipher is set");
        yield return Report(at, $"Corosync traffic of cluster {totem.ClusterName?.Value ?? "(unnamed)"} is neither encrypted nor authenticated: {why}, so anyone on the corosync network can read pmxcfs's replication of /etc/pve and forge membership and quorum messages.");
    }

    private static PveLint.Text.SourceSpan SourceSpanOf(CorosyncModel corosync) => PveLint.Text.SourceSpan.WholeFile(corosync.Path);
}
