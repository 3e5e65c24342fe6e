using System.Collections.Immutable;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Text;

namespace PveLint.Watchdog;

/// <summary>
/// One assignment as systemd hands it on. <see cref="Key"/> is the name with trailing blanks removed;
/// <see cref="Value"/> is the value after unquoting and unescaping, its span covers the value as written (quotes
/// included; chomped trailing blanks excluded; an empty span right after '=' for <c>KEY=</c>).
/// <see cref="IsValidName"/> is false for names systemd drops ("Ignoring invalid environment assignment").
/// </summary>
public sealed record EnvAssignment(Located<string> Key, Located<string> Value, SourceSpan Span, bool IsValidName);

/// <summary>The syntax tree of an environment file: assignments and comments in file order, quirks and problems.</summary>
public sealed record EnvironmentFileSyntax(
    ImmutableArray<EnvAssignment> Assignments,
    ImmutableArray<SourceSpan> Comments,
    ImmutableArray<EnvironmentFileQuirk> Quirks,
    ImmutableArray<Diagnostic> Diagnostics)
{
    /// <summary>The assignment that is in effect for a variable: the last one with a valid name, or null.</summary>
    public EnvAssignment? Effective(string name) => Assignments.LastOrDefault(a => a.IsValidName && a.Key.Value == name);
}
