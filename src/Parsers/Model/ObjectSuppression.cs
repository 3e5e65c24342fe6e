using PveLint.Text;

namespace PveLint.Model;

/// <summary>
/// A <c>suppressions:</c> entry: <paramref name="Rule"/> (id or name) is silenced for findings about
/// <paramref name="Object"/> (vm:101, an HA rule id, a node ...) until the end of <paramref name="Until"/>, if given.
/// A null <paramref name="Reason"/> is reported (PVE9004) but still silences.
/// </summary>
public sealed record ObjectSuppression(Located<string> Rule, Located<string> Object, Located<string>? Reason, Located<DateOnly>? Until, SourceSpan Span);
