using PveLint.Binding;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Tests;
using PveLint.Text;

namespace PveLint.Parsers.Tests;

/// <summary>Small helpers shared by the section-config, HA and datacenter.cfg reader tests.</summary>
internal static class ReaderTestKit
{
    /// <summary>A corpus file read in place, under the logical path a scan would give it.</summary>
    public static SourceFile Corpus(string logicalPath, params string[] corpusPath) =>
        new(logicalPath, File.ReadAllText(Path.Combine([TestPaths.PveCorpus, .. corpusPath])));

    public static SourceFile Inline(string logicalPath, string text) => new(logicalPath, text);

    public static BindContext Context(TargetRelease target = TargetRelease.Pve91) => new(target);

    /// <summary>(id, line, column) of every diagnostic, in report order.</summary>
    public static List<(string Id, int Line, int Column)> Positions(this BindContext context) =>
        context.Diagnostics.Select(d => (d.Id, d.Span!.Value.Line, d.Span!.Value.Column)).ToList();

    public static Diagnostic Single(this BindContext context, string id) => Assert.Single(context.Diagnostics, d => d.Id == id);

    public static void AssertAt(this Diagnostic diagnostic, int line, int column, int? length = null)
    {
        Assert.NotNull(diagnostic.Span);
        var span = diagnostic.Span!.Value;
        Assert.Equal((line, column), (span.Line, span.Column));
        if (length is { } l) Assert.Equal(l, span.Length);
    }

    /// <summary>No diagnostic of the ids a corpus file must never produce (syntax errors, unreadable input).</summary>
    public static void AssertReadable(this BindContext context)
    {
        Assert.DoesNotContain(context.Diagnostics, d => d.Id is DiagnosticIds.SyntaxError or DiagnosticIds.UnreadableInput);
    }
}
