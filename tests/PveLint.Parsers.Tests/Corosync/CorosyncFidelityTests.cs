using PveLint.Diagnostics;

namespace PveLint.Parsers.Tests.Corosync;

/// <summary>
/// Issue 7, classes 9-15: what corosync 3.1.7, corosync-qdevice 3.0.3 and PVE's parser do with corosync.conf files
/// pvelint used to misread, one minimal case each (the differential test in PveLint.Rules.Tests covers the rest).
/// </summary>
public class CorosyncFidelityTests
{
    private const string Bad = DiagnosticIds.InvalidValue;

    private const string Base = """
        totem {
          version: 2
          cluster_name: c
          secauth: on
        }
        logging {
          to_syslog: yes
        }
        nodelist {
          node {
            name: a
            nodeid: 1
            ring0_addr: 10.0.0.1
          }
          node {
            name: b
            nodeid: 2
            ring0_addr: 10.0.0.2
          }
        }
        quorum {
          provider: corosync_votequorum
        }

        """;

    private static CorosyncRead With(string find, string replace)
    {
        Assert.Contains(find, Base);
        return CorosyncRead.Of(Base.Replace(find, replace));
    }

    [Fact]
    public void The_base_is_clean()
    {
        Assert.Empty(CorosyncRead.Of(Base).Diagnostics);
    }

    // ---- class 10: logging values corosync rejects ----

    [Theory]
    [InlineData("debug: yes")]
    [InlineData("to_syslog: maybe")]
    [InlineData("syslog_facility: Daemon")]
    [InlineData("syslog_priority: trace")]
    [InlineData("timestamp: yes")]
    [InlineData("blackbox: no")]
    [InlineData("logfile:")]
    public void Logging_values_corosync_rejects_are_refusals(string line)
    {
        var read = With("  to_syslog: yes\n", $"  to_syslog: yes\n  {line}\n");
        var refusal = Assert.Single(read.Refusals);
        Assert.Equal((Bad, 8), (refusal.Id, refusal.Span!.Value.Line));
        Assert.StartsWith("corosync refuses to start: key 'logging.", refusal.Message);
    }

    [Theory]
    [InlineData("debug: trace")]
    [InlineData("to_stderr: on")]
    [InlineData("syslog_facility: local7")]
    [InlineData("syslog_priority: WARNING")]
    [InlineData("timestamp: hires")]
    [InlineData("logfile: relative.log")]
    public void Logging_values_corosync_accepts_are_silent(string line)
    {
        Assert.Empty(With("  to_syslog: yes\n", $"  to_syslog: yes\n  {line}\n").Diagnostics);
    }

    [Fact]
    public void Logger_subsys_values_are_checked_too()
    {
        var read = With("  to_syslog: yes\n", "  to_syslog: yes\n  logger_subsys {\n    subsys: QUORUM\n    debug: yes\n  }\n");
        Assert.Equal([(Bad, 10, 12)], read.RefusalPositions);
        Assert.Contains("'logging.logger_subsys.QUORUM.debug'", read.Refusals.Single().Message);
    }
}
