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

    // Every write is one call here (a large report makes hundreds of thousands): static lambdas with their argument
    // passed along, so no closure is made per write.
    public override void Write(char value) => Guard(value, static (w, v) => w.Write(v));

    public override void Write(string? value) => Guard(value, static (w, v) => w.Write(v));

    public override void Write(char[] buffer, int index, int count) => Guard((buffer, index, count), static (w, v) => w.Write(v.buffer, v.index, v.count));

    public override void Write(ReadOnlySpan<char> buffer)
    {
        try
        {
            inner.Write(buffer);
        }
        catch (Exception e) when (IsWriteFailure(e))
        {
            Fail(e);
        }
    }

    public override void WriteLine() => Guard(0, static (w, _) => w.WriteLine());

    public override void WriteLine(string? value) => Guard(value, static (w, v) => w.WriteLine(v));

    public override void Flush() => Guard(0, static (w, _) => w.Flush());

    private void Guard<T>(T value, Action<TextWriter, T> write)
    {
        try
        {
            write(inner, value);
        }
        catch (Exception e) when (IsWriteFailure(e))
        {
            Fail(e);
        }
    }

    // UnauthorizedAccessException: a closed descriptor (EBADF), e.g. pvelint scan . >&-
    private static bool IsWriteFailure(Exception e) => e is IOException or ObjectDisposedException or UnauthorizedAccessException;

    private void Fail(Exception e)
    {
        if (!dropFailures) throw new OutputWriteException($"cannot write to {name} ({e.Message.TrimEnd('.')})", e);
    }
}
