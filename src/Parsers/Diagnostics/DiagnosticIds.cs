namespace PveLint.Diagnostics;

/// <summary>The ids of the input-reading rules that parsers and the binder report (see docs/RULES.md).</summary>
public static class DiagnosticIds
{
    public const string SyntaxError = "PVE0001";
    public const string UnknownKey = "PVE0002";
    public const string InvalidValue = "PVE0003";
    public const string DuplicateKey = "PVE0004";
    public const string DuplicateSection = "PVE0005";
    public const string SwallowedSection = "PVE0006";
    public const string MissingRequiredKey = "PVE0007";
    public const string UnresolvedReference = "PVE0008";
    public const string InlineCommentInValue = "PVE0009";
    public const string UnreadableInput = "PVE0010";
    public const string ParserDisagreement = "PVE0011";
    public const string InvalidLinterConfig = "PVE9003";
}
