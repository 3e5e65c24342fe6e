using System.Collections.Immutable;
using PveLint.Rules.Engine;

namespace PveLint.Cli.Reporting.RuleList;

/// <summary>
/// One row of <c>pvelint rules --format json|markdown</c>: a rule this build runs (status <c>implemented</c>), or an
/// id the catalogue reserves without a rule here (<c>planned</c>, or <c>analyzer-only</c> for ids only the Roslyn
/// analyzer reports). Severity is error, warning or info; for a catalogue-only id it is as the catalogue writes it.
/// </summary>
public sealed record RuleListEntry(string Id, string Name, string Severity, string Category, string Status, string Summary, string HelpUri)
{
    /// <summary>Every rule of <paramref name="rules"/>, then every catalogued id none of them has, ordered by id.</summary>
    public static ImmutableArray<RuleListEntry> From(IEnumerable<RuleMetadata> rules)
    {
        var implemented = rules.Select(r => new RuleListEntry(
            r.Id, r.Name, RuleDocs.SeverityName(r.DefaultSeverity), RuleDocs.CategoryName(r.Category), "implemented", r.Title, r.HelpUri)).ToList();
        var known = implemented.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        var catalogueOnly = RuleCatalogue.Rows.Where(row => !known.Contains(row.Id)).Select(row => new RuleListEntry(
            row.Id, row.Name, row.Severity, CategoryOf(row.Id), row.Status.Replace(' ', '-'), row.Detects, RuleMetadata.HelpBaseUri + row.Id + ".md"));
        return [.. implemented.Concat(catalogueOnly).OrderBy(e => e.Id, StringComparer.Ordinal)];
    }

    /// <summary>Ids are numbered by area (PVE2xxx: high availability): the category of the implemented rules of the same thousand.</summary>
    private static string CategoryOf(string id) =>
        RuleRegistry.Metadata.FirstOrDefault(m => m.Id.Length > 3 && id.Length > 3 && m.Id[3] == id[3]) is { } sibling
            ? RuleDocs.CategoryName(sibling.Category)
            : "other";
}
