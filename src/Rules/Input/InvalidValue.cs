using PveLint.Diagnostics;
using PveLint.Rules.Engine;

namespace PveLint.Rules.Input;

public sealed class InvalidValue : DiagnosticRule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE0003", "invalid-value",
        "A value that fails its key's type, enum or format",
        Severity.Error, RuleCategory.Input,
        "PVE rejects a value that does not match the key's JSON schema (type, enum, pattern, range); the key, and for some formats the whole section, is then ignored.",
        "Use a value the key accepts; the message names the expected type or values.",
        "schema");

    public override RuleMetadata Metadata => Meta;
}
