using PveLint.Binding;
using PveLint.Corosync;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Text;

namespace PveLint.Parsers.Tests.Corosync;

/// <summary>Reads corosync.conf text the way the binder does and exposes the model and the diagnostics.</summary>
internal sealed record CorosyncRead(CorosyncModel Model, IReadOnlyList<Diagnostic> Diagnostics, SourceFile File)
{
    public const string Path = "etc/pve/corosync.conf";

    /// <summary>The ids with which corosync (or votequorum, or corosync-qdevice) refuses to start.</summary>
    private static readonly string[] RefusalIds = [DiagnosticIds.SyntaxError, DiagnosticIds.InvalidValue, DiagnosticIds.MissingRequiredKey];

    public static CorosyncRead Of(string text)
    {
        var file = new SourceFile(Path, text);
        var context = new BindContext();
        var model = CorosyncReader.Read(file, context) ?? throw new InvalidOperationException("no model");
        return new CorosyncRead(model, context.Diagnostics, file);
    }

    /// <summary>Reads <paramref name="text"/> with <paramref name="find"/> (which must be there) replaced.</summary>
    public static CorosyncRead OfEdited(string text, string find, string replace)
    {
        Assert.Contains(find, text);
        return Of(text.Replace(find, replace));
    }

    public IEnumerable<Diagnostic> Refusals => Diagnostics.Where(d => RefusalIds.Contains(d.Id));

    /// <summary>(id, line, column) of each diagnostic with one of <paramref name="ids"/>, in line order.</summary>
    public IEnumerable<(string Id, int Line, int Column)> Where(params string[] ids) =>
        Diagnostics.Where(d => ids.Length == 0 || ids.Contains(d.Id))
            .Select(d => (d.Id, d.Span!.Value.Line, d.Span.Value.Column))
            .OrderBy(x => x.Line).ThenBy(x => x.Column);

    public IEnumerable<(string Id, int Line, int Column)> RefusalPositions =>
        Refusals.Select(d => (d.Id, d.Span!.Value.Line, d.Span.Value.Column)).OrderBy(x => x.Line).ThenBy(x => x.Column);

    /// <summary>The text a span covers (single-line spans).</summary>
    public string TextOf(SourceSpan span) => File.LineText(span.Line).Substring(span.Column - 1, span.EndColumn - span.Column);
}
