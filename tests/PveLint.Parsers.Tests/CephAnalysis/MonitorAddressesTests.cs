using CsCheck;
using PveLint.Analysis.Ceph;

namespace PveLint.Parsers.Tests.CephAnalysis;

public class MonitorAddressesTests
{
    [Theory]
    [InlineData("10.0.0.1", "10.0.0.1")]
    [InlineData("10.0.0.1:6789", "10.0.0.1")]
    [InlineData("10.0.0.1:6789/0", "10.0.0.1")]
    [InlineData("v2:10.0.0.1:3300/0", "10.0.0.1")]
    [InlineData("[v2:10.0.0.1:3300/0,v1:10.0.0.1:6789/0]", "10.0.0.1")]
    [InlineData("fd00::1", "fd00::1")]
    [InlineData("[fd00::1]:6789", "fd00::1")]
    [InlineData("[v2:[fd00::1]:3300/0,v1:[fd00::1]:6789/0]", "fd00::1")]
    [InlineData("pve1", null)]
    [InlineData("10.1", null)]
    public void One_address_gives_its_ip(string text, string? ip) => Assert.Equal(ip, MonitorAddresses.Ip(text));

    [Fact]
    public void Mon_host_lists_split_on_blanks_commas_and_semicolons_and_keep_names()
    {
        Assert.Equal(["10.0.0.1", "10.0.0.2", "10.0.0.3", "pve4"],
            MonitorAddresses.FromMonHost("10.0.0.1 [v2:10.0.0.2:3300,v1:10.0.0.2:6789],10.0.0.3:6789; pve4 10.0.0.1"));
    }

    [Fact]
    public void Every_written_form_of_an_ipv4_monitor_address_gives_the_address()
    {
        Gen.Select(Gen.Byte, Gen.Byte, Gen.Byte, Gen.Byte, Gen.Int[1, 65535], Gen.Int[0, 4]).Sample((a, b, c, d, port, form) =>
        {
            var ip = $"{a}.{b}.{c}.{d}";
            var text = form switch
            {
                0 => ip,
                1 => $"{ip}:{port}",
                2 => $"v1:{ip}:{port}/0",
                3 => $"[v2:{ip}:{port}/0,v1:{ip}:6789/0]",
                _ => $"{ip}:{port}/12345",
            };
            Assert.Equal(ip, MonitorAddresses.Ip(text));
            Assert.Equal([ip], MonitorAddresses.FromMonHost($" {text} ,{text};"));
        });
    }
}
