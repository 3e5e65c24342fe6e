namespace PveLint.Fuzz.Oracles;

/// <summary>The code under test returned, but its result breaks an invariant (a span outside its file, invalid JSON output ...).</summary>
public sealed class OracleViolation(string message) : Exception(message);
