using PveLint.Analysis.HighAvailability.Rules;

namespace PveLint.Parsers.Tests.Analysis;

/// <summary>The name guesses behind PVE2009/PVE2024: the redundant pairs of real clusters, and none on names that only look numbered.</summary>
public class RedundantNamesTests
{
    private static string[][] Sets(params string[] names) =>
        RedundantNames.Group(names).Select(g => g.Names.Order(StringComparer.Ordinal).ToArray()).ToArray();

    [Theory]
    [InlineData("dc01", "dc02")]
    [InlineData("DC1", "DC2")]
    [InlineData("lb-a", "lb-b")]
    [InlineData("haproxy_a", "haproxy_b")]
    [InlineData("db-primary", "db-replica")]
    [InlineData("sql-primary", "sql-secondary")]
    [InlineData("pg-master", "pg-standby")]
    [InlineData("fw-active", "fw-passive")]
    [InlineData("ns1", "ns2")]
    [InlineData("web-01", "web-02")]
    [InlineData("mail01.example.com", "mail02.example.com")]
    [InlineData("k8s-cp-1", "k8s-cp-2")]
    [InlineData("opnsense-a", "opnsense-b")]
    public void Redundant_pairs_are_found(string a, string b) =>
        Assert.Equal([new[] { a, b }.Order(StringComparer.Ordinal).ToArray()], Sets(a, b, "nextcloud", "gitlab"));

    [Fact]
    public void Three_instances_are_one_set_and_the_number_width_does_not_matter() =>
        Assert.Equal([["etcd-1", "etcd-2", "etcd03"]], Sets("etcd-1", "etcd-2", "etcd03", "grafana"));

    [Theory]
    [InlineData("win10", "win11")]
    [InlineData("Win11-GTX1070", "Win10-GTX1070")]
    [InlineData("debian11", "debian12")]
    [InlineData("deb122", "deb1223")]
    [InlineData("ubuntu2004", "ubuntu2204")]
    [InlineData("srv2019", "srv2022")]
    [InlineData("test1", "test2")]
    [InlineData("vm100", "vm101")]
    [InlineData("template-a", "template-b")]
    [InlineData("lab-a", "lab-b")]
    [InlineData("customer1", "customer2")]
    [InlineData("student01", "student02")]
    [InlineData("node1", "node2")]
    [InlineData("php7", "php8")]
    [InlineData("x1", "x2")]
    [InlineData("db-primary", "web-replica")]
    [InlineData("web-prod", "web-dev")]
    [InlineData("pbs", "pbs2")]
    [InlineData("OPNSense", "iMacPro")]
    [InlineData("centos7", "centos8")]
    [InlineData("ws01", "ws02")]
    public void Names_that_only_look_numbered_are_not_guessed(string a, string b) => Assert.Empty(Sets(a, b));

    [Fact]
    public void A_realistic_homelab_gives_only_the_real_pairs()
    {
        string[] names =
        [
            "immich", "webserv-docker-alpine", "www", "OPNSense", "Template", "Win11-GTX1070", "apache", "deb122", "deb1223",
            "iMacPro", "webmail", "win-machine-ver", "pihole1", "pihole2", "homeassistant", "jellyfin", "plex", "truenas",
            "docker01", "docker02", "docker03", "ubuntu-2204-tpl", "debian-12-tpl", "test-vm", "test-vm2", "win10-gaming",
        ];
        Assert.Equal([["docker01", "docker02", "docker03"], ["pihole1", "pihole2"]], Sets(names));
    }
}
