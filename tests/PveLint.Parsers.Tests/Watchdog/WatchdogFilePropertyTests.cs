using CsCheck;
using PveLint.Binding;
using PveLint.Tests;
using PveLint.Text;
using PveLint.Watchdog;

namespace PveLint.Parsers.Tests.Watchdog;

/// <summary>The environment-file reader never throws and keeps every span inside the file.</summary>
public class WatchdogFilePropertyTests
{
    private static readonly string[] CorpusTexts =
    [
        File.ReadAllText(TestPaths.CorpusFile("pve", "proxmox-pve-docs", "ha-manager-watchdog", "pve-ha-manager")),
        File.ReadAllText(TestPaths.CorpusFile("pve", "proxmox-pve-ha-manager", "etc-default", "pve-ha-manager")),
        "WATCHDOG_MODULE=\"iTCO_wdt\" # x\nexport A=1\nB = 'q\\'\nC=a\\\nb\n",
    ];

    private static void ReadAndCheck(string text)
    {
        var file = new SourceFile("etc/default/pve-ha-manager", text);
        var context = new BindContext();
        var settings = WatchdogFileReader.Read(file, null, context);
        SpanInvariants.AssertInside(file, context.Diagnostics);
        foreach (var a in settings.Assignments) SpanInvariants.AssertInside(file, a.Span);
        foreach (var q in settings.Quirks) SpanInvariants.AssertInside(file, q.Span);
        if (settings.Module is { } module) SpanInvariants.AssertInside(file, module.Span);
    }

    [Fact]
    public void Random_text_never_throws() => PropertyInputs.GrammarText.Sample(ReadAndCheck, iter: 3000);

    [Fact]
    public void Arbitrary_strings_never_throw() => Gen.String.Sample(ReadAndCheck, iter: 2000);

    [SharedFact]
    public void Mutated_files_never_throw() => PropertyInputs.Mutations(CorpusTexts).Sample(ReadAndCheck, iter: 2000);

    [Fact]
    public void Huge_inputs_are_read()
    {
        foreach (var text in PropertyInputs.HugeInputs()) ReadAndCheck(text);
    }
}
