using PveLint.Diagnostics;
using PveLint.Text;

namespace PveLint.SectionConfig.Syntax;

/// <summary>
/// A run of lines outside every section that one mistake explains — the indented body of a header PVE did not take,
/// or the lines after an empty line that ended a section too early: the first finding of the run is reported once,
/// with the other lines as its related locations, instead of one finding per line.
/// </summary>
internal sealed class OrphanLines
{
    /// <summary>A finding lists this many lines and counts the rest.</summary>
    private const int MaxListed = 20;

    private int _cause;
    private Diagnostic? _root;
    private readonly List<RelatedSpan> _lines = [];
    private int _count;
    private int _lastLine;

    /// <summary>Holds <paramref name="root"/> back until its run ends; <paramref name="cause"/> names what the run follows from.</summary>
    public void Start(int cause, Diagnostic root)
    {
        (_cause, _root, _count) = (cause, root, 0);
        _lines.Clear();
    }

    /// <summary>Adds the line to the pending run if it follows from the same cause; false when there is no such run.</summary>
    public bool Attach(int cause, SourceSpan span, int line)
    {
        if (_root is null || cause != _cause) return false;
        _count++;
        _lastLine = line;
        if (_lines.Count < MaxListed) _lines.Add(new RelatedSpan(span, $"line {line}: PVE ignores it too ('ignore config line')"));
        return true;
    }

    public void Flush(DiagnosticBudget diagnostics)
    {
        if (_root is not { } root) return;
        _root = null;
        if (_count == 0)
        {
            diagnostics.Report(root);
            return;
        }
        var listed = _count == 1 ? "it is a related location" : _count > MaxListed ? $"the first {MaxListed} are related locations" : "they are related locations";
        var sentence = $" PVE also ignores {(_count == 1 ? "the indented line" : $"{_count} more indented lines")} after it, up to line {_lastLine}, for the same reason ({listed}).";
        diagnostics.Report(root with { Message = root.Message + sentence, Related = root.RelatedSpans.AddRange(_lines) });
    }
}
