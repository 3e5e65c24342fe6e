using PveLint.Binding;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;
using PveLint.Sources;
using PveLint.Text;

namespace PveLint.Rules.Tests.Engine;

/// <summary>
/// Findings whose message is written when first read (issue 14: thousands of PVE5005/PVE6004/PVE6005 findings in one
/// resources.cfg, most left out by the per-file limit): the report is the same as with messages written at once,
/// and what the limit leaves out is never written.
/// </summary>
public class DeferredMessageTests
{
    private static readonly RuleMetadata Meta = new("PVE0004", "duplicate-key", "test rule", Severity.Warning, RuleCategory.Input, [], "r", "f");

    /// <summary>A finding per line of etc/pve/test.cfg, its message deferred or not; counts the messages written.</summary>
    private sealed class LineRule(bool deferred) : Rule
    {
        public int Written;

        public override RuleMetadata Metadata => Meta;

        public override IEnumerable<Finding> Check(ClusterModel model)
        {
            var file = model.Files["etc/pve/test.cfg"];
            for (var line = 1; line <= file.LineCount; line++)
            {
                var text = file.LineText(line);
                string Write()
                {
                    Interlocked.Increment(ref Written);
                    return $"line says '{text}'\u0007";
                }
                yield return deferred ? Report(file.LineSpan(line), Write) : Report(file.LineSpan(line), Write());
            }
        }
    }

    private static (LintResult Result, LineRule Rule) Run(bool deferred, int lines)
    {
        var rule = new LineRule(deferred);
        var files = new Dictionary<string, string> { ["etc/pve/test.cfg"] = string.Concat(Enumerable.Range(1, lines).Select(i => $"x{i % 7}\n")) };
        return (LintEngine.Run(ClusterBinder.Bind(ConfigTree.FromTexts(files)), null, [rule]), rule);
    }

    [Fact]
    public void Deferred_messages_give_the_same_report_and_the_limit_leaves_the_rest_unwritten()
    {
        var (eager, _) = Run(deferred: false, 1200);
        var (lazy, rule) = Run(deferred: true, 1200);

        Assert.Equal(0, rule.Written);   // nothing read yet: not even sorting or de-duplicating wrote one
        Assert.Equal(eager.Findings.Select(f => (f.RuleId, f.Span, f.Message, f.Omitted)), lazy.Findings.Select(f => (f.RuleId, f.Span, f.Message, f.Omitted)));
        Assert.Equal(FindingLimits.PerRuleAndFile, rule.Written); // the 500 shown, once each
        Assert.Equal("line says 'x1'\\x07", lazy.Findings[0].Message);    // made printable, as every message
    }

    [Fact]
    public void A_deferred_finding_equals_the_written_one_and_hashes_alike_without_writing()
    {
        var span = new SourceSpan("etc/pve/test.cfg", 3, 1, 3, 5);
        var written = 0;
        var deferred = Finding.Deferred(Meta, Severity.Warning, () => { written++; return "same"; }, span, []);
        var eager = new Finding(Meta, Severity.Warning, "same", span, []);

        Assert.Equal(eager.GetHashCode(), deferred.GetHashCode());
        Assert.Equal(0, written);
        Assert.NotEqual(eager with { Severity = Severity.Error }, deferred); // told apart before the message is read
        Assert.Equal(0, written);
        Assert.Equal(eager, deferred);
        Assert.NotEqual(eager with { Message = "other" }, deferred);
        Assert.Equal(1, written);
        Assert.Equal("same", (deferred with { Severity = Severity.Info }).Message); // a copy keeps the written message
        Assert.Equal(1, written);
    }
}
