using System.Collections.Immutable;
using PveLint.Text;

namespace PveLint.Model;

/// <summary>
/// /etc/default/pve-ha-manager as systemd's EnvironmentFile reads it. <see cref="Node"/> is null for the file
/// that applies to every node without its own (<c>etc/default/pve-ha-manager</c> in the scan root).
/// </summary>
public sealed record WatchdogSettings(
    string? Node,
    string Path,
    Located<string>? Module,
    ImmutableArray<Located<string>> Assignments)
{
    /// <summary>What systemd accepts but a reader of the file (or a shell) may get wrong: for PVE4004.</summary>
    public ImmutableArray<EnvironmentFileQuirk> Quirks { get; init; } = [];
}

/// <summary>Kinds of <see cref="EnvironmentFileQuirk"/>.</summary>
public enum EnvironmentFileQuirkKind
{
    /// <summary>The same variable is assigned more than once; the last assignment wins.</summary>
    DuplicateAssignment,
    /// <summary>A quoted value; systemd removes the quotes (and handles escapes inside double quotes).</summary>
    Quoted,
    /// <summary>Several quoted or unquoted pieces glued into one value (<c>"a" "b"</c> is <c>ab</c>).</summary>
    ConcatenatedValue,
    /// <summary>A quote that is never closed: the value runs to the end of the file.</summary>
    UnterminatedQuote,
    /// <summary>A backslash escape in a value.</summary>
    Escape,
    /// <summary>A backslash at the end of a line: the value continues on the next line.</summary>
    LineContinuation,
    /// <summary><c>value # text</c>: systemd has no inline comments, the text is part of the value.</summary>
    InlineComment,
    /// <summary>Blanks after an unquoted value, which systemd drops.</summary>
    TrailingWhitespace,
    /// <summary>Blanks around '=' (<c>KEY = value</c>): systemd accepts them, a shell does not.</summary>
    SpaceAroundEquals,
    /// <summary><c>KEY=</c> with no value: the variable is set to the empty string.</summary>
    EmptyValue,
}

/// <summary>One quirk of an environment file, at the text it concerns.</summary>
public sealed record EnvironmentFileQuirk(EnvironmentFileQuirkKind Kind, SourceSpan Span, string Message);
