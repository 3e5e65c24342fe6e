using CsCheck;
using PveLint.Binding;
using PveLint.Guests;
using PveLint.Model;
using PveLint.Tests;
using PveLint.Text;

namespace PveLint.Parsers.Tests.Guests;

/// <summary>Whatever the input, the guest reader never throws and every diagnostic span lies inside the file.</summary>
public class GuestConfigPropertyTests
{
    private static readonly string[] CorpusTexts = GuestConfigCorpusTests.CorpusConfigs
        .Select(row => File.ReadAllText(Path.Combine(TestPaths.PveCorpus, (string)row[0])))
        .ToArray();

    private static void ReadAndCheck(string text)
    {
        foreach (var kind in new[] { GuestKind.Qemu, GuestKind.Lxc })
        {
            var file = new SourceFile("etc/pve/nodes/n1/qemu-server/100.conf", text);
            var context = new BindContext();
            var guest = GuestConfigReader.Read(file, kind, "n1", 100, context);
            SpanInvariants.AssertInside(file, context.Diagnostics);
            foreach (var disk in guest.Disks) { SpanInvariants.AssertInside(file, disk.Key.Span); SpanInvariants.AssertInside(file, disk.Value.Span); }
            foreach (var device in guest.Devices) SpanInvariants.AssertInside(file, device.Value.Span);
            foreach (var tag in guest.Tags) SpanInvariants.AssertInside(file, tag.Span);
            foreach (var property in guest.Properties.Values) SpanInvariants.AssertInside(file, property.Span);
        }
    }

    [Fact]
    public void Random_text_never_throws() => PropertyInputs.GrammarText.Sample(ReadAndCheck, iter: 3000);

    [Fact]
    public void Arbitrary_strings_never_throw() => Gen.String.Sample(ReadAndCheck, iter: 2000);

    [SharedFact]
    public void Mutated_corpus_configs_never_throw() => PropertyInputs.Mutations(CorpusTexts).Sample(ReadAndCheck, iter: 2000);

    [Fact]
    public void Huge_inputs_are_read()
    {
        foreach (var text in PropertyInputs.HugeInputs()) ReadAndCheck(text);
    }
}
