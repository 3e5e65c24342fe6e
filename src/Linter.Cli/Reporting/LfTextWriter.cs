using System.Text;

namespace PveLint.Cli.Reporting;

/// <summary>
/// Passes text through to another writer with "\n" as its line break, whatever that writer's is: the reports use
/// "\n" on every platform, and Newtonsoft's indentation writes the writer's NewLine.
/// </summary>
internal sealed class LfTextWriter(TextWriter inner) : TextWriter
{
    public override Encoding Encoding => inner.Encoding;

    [System.Diagnostics.CodeAnalysis.AllowNull]
    public override string NewLine
    {
        get => "\n";
        set { }
    }

    public override void Write(char value) => inner.Write(value);

    public override void Write(char[] buffer, int index, int count) => inner.Write(buffer, index, count);

    public override void Write(ReadOnlySpan<char> buffer) => inner.Write(buffer);

    public override void Write(string? value) => inner.Write(value);

    public override void Flush() => inner.Flush();
}
