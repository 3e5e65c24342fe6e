using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace PveLint.Rules.Engine;

/// <summary>
/// Every id and name of the published catalogue, implemented or planned, read from the index page
/// rules-docs/README.md (embedded in this assembly). Ids are stable and reserved, so a suppression or a
/// <c>rules:</c> entry naming a catalogued rule is never "unknown" (PVE9002), even in a build that does not run it.
/// </summary>
public static class RuleCatalogue
{
    public const string IndexResource = "PveLint.Rules.Docs.README.md";

    private static readonly Regex Row = new(@"^\| \[?(?<id>PVE[0-9]{4})\]?(?:\([^)]*\))? \| (?<name>[a-z0-9-]+) \| (?<severity>[^|]*) \| (?<status>[^|]+?) \|(?<detects>[^\n]*?)\|?[ \t]*$", RegexOptions.Multiline | RegexOptions.CultureInvariant);

    private static readonly Lazy<ImmutableArray<CatalogueRow>> Index = new(() =>
    {
        using var stream = typeof(RuleCatalogue).Assembly.GetManifestResourceStream(IndexResource)
                           ?? throw new InvalidOperationException($"{IndexResource} is not embedded in PveLint.Rules");
        using var reader = new StreamReader(stream);
        return Row.Matches(reader.ReadToEnd().ReplaceLineEndings("\n"))
            .Select(m => new CatalogueRow(m.Groups["id"].Value, m.Groups["name"].Value, m.Groups["severity"].Value.Trim(), m.Groups["status"].Value.Trim(), m.Groups["detects"].Value.Trim()))
            .ToImmutableArray();
    });

    /// <summary>(id, name, status) of every catalogued id: status is implemented, planned, or analyzer only.</summary>
    public static ImmutableArray<(string Id, string Name, string Status)> Entries => IdNameStatus.Value;

    private static readonly Lazy<ImmutableArray<(string Id, string Name, string Status)>> IdNameStatus = new(() => [.. Index.Value.Select(r => (r.Id, r.Name, r.Status))]);

    /// <summary>Every row of the index page as written there (severity and summary too, for ids this build does not run).</summary>
    public static ImmutableArray<CatalogueRow> Rows => Index.Value;

    /// <summary>True when the id (PVE2003) or name (negative-affinity-exceeds-nodes) is in the catalogue.</summary>
    public static bool Contains(string idOrName)
    {
        var key = idOrName.Trim();
        return Entries.Any(e => string.Equals(e.Id, key, StringComparison.OrdinalIgnoreCase) || string.Equals(e.Name, key, StringComparison.OrdinalIgnoreCase))
               || RuleRegistry.Find(key) is not null;
    }
}

/// <summary>One row of rules-docs/README.md: severity as written (error, warning, error/warning), status, and what it detects.</summary>
public sealed record CatalogueRow(string Id, string Name, string Severity, string Status, string Detects);
