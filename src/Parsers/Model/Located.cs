using PveLint.Text;

namespace PveLint.Model;

/// <summary>A value with the span it was read from.</summary>
public sealed record Located<T>(T Value, SourceSpan Span)
{
    public override string ToString() => Value?.ToString() ?? "";
}
