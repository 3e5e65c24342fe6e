using PveLint.Binding;
using PveLint.Text;

namespace PveLint.Ceph;

/// <summary>
/// The diagnostics sink of one dump file: forwards to the <see cref="BindContext"/>, but at most
/// <see cref="Limit"/> per file, then one line saying how many more there were. A 20 MB file of junk would
/// otherwise produce millions of findings (and the memory to hold them).
/// </summary>
public sealed class DumpDiagnostics(BindContext context, string path)
{
    public const int Limit = 100;

    private int _count;
    private string? _firstDroppedId;

    public void Report(string id, SourceSpan span, string message)
    {
        if (++_count <= Limit) context.Report(id, span, message);
        else _firstDroppedId ??= id;
    }

    /// <summary>Reports the summary of what was left out; call once when the file is done.</summary>
    public void Complete()
    {
        if (_firstDroppedId is null) return;
        context.Report(_firstDroppedId, SourceSpan.WholeFile(path), $"{path} has {_count - Limit} more problems that are not listed one by one.");
        _firstDroppedId = null;
    }
}
