using System.Text;

namespace PveLint.Cli.Commands;

/// <summary>Standard output could not be written (a full disk, a closed pipe): exit code 2, not an "internal error".</summary>
public sealed class OutputWriteException(string message, Exception inner) : Exception(message, inner);

/// <summary>
/// Wraps standard output or standard error. A failed write to standard output becomes an
/// <see cref="OutputWriteException"/>; a failed write to standard error is dropped, since there is nowhere
/// left to report it (the exit code still tells).
/// </summary>
public sealed class GuardedWriter(TextWriter inner, string name, bool dropFailures) : TextWriter
{
    public override Encoding Encoding => inner.Encoding;

    public override IFormatProvider FormatProvider => inner.FormatProvider;

    [System.Diagnostics.CodeAnalysis.AllowNull]
    public override string NewLine { get => inner.NewLine; set => inner.NewLine = value; }

    public override void Write(char value) => Guard(() => inner.Write(value));

    public override void Write(string? value) => Guard(() => inner.Write(value));

    public override void Write(char[] buffer, int index, int count) => Guard(() => inner.Write(buffer, index, count));

    public override void WriteLine(string? value) => Guard(() => inner.WriteLine(value));

    public override void Flush() => Guard(inner.Flush);

    private void Guard(Action write)
    {
        try
        {
            write();
        }
        // UnauthorizedAccessException: a closed descriptor (EBADF), e.g. pvelint scan . >&-
        catch (Exception e) when (e is IOException or ObjectDisposedException or UnauthorizedAccessException)
        {
            if (!dropFailures) throw new OutputWriteException($"cannot write to {name} ({e.Message.TrimEnd('.')})", e);
        }
    }
}
