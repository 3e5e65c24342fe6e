namespace PveLint.Fuzz;

/// <summary>
/// One fuzz target: a name (used by run.sh, seeds/&lt;name&gt;/ and findings/&lt;name&gt;/), what it feeds the input to,
/// and the action that runs one input. The action throws on any failure: an exception of the code under test, or an
/// <see cref="Oracles.OracleViolation"/> when the result breaks an invariant.
/// </summary>
public sealed record FuzzTarget(string Name, string Description, Action<byte[]> Run);
