using System.Collections.Immutable;
using System.Globalization;
using PveLint.Binding;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.SectionConfig;
using PveLint.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PveLint.LinterConfiguration;

/// <summary>
/// Reads .pvelint.yaml (INTERFACE.md) into <see cref="LinterConfig"/>. Every unknown key, wrong type or bad value
/// is PVE9003 at its exact line and column, and the rest of the file is still used. Known keys and allowed values
/// come from <see cref="LinterConfigSchema"/>, the description the shipped JSON schema is generated from.
/// </summary>
public static class LinterConfigReader
{
    /// <summary>YamlDotNet builds its node tree recursively: deeper input could overflow the stack.</summary>
    private const int MaxNesting = 64;

    /// <summary>
    /// How much content aliases may add (nodes plus scalar characters, see <see cref="YamlLimits"/>). A real
    /// .pvelint.yaml is a few KiB; YamlDotNet hashes keys by their whole expanded content.
    /// </summary>
    private const long MaxAliasExpansion = 100_000;

    public static LinterConfig Read(SourceFile file, BindContext context)
    {
        var empty = LinterConfig.Empty with { Path = file.Path };
        if (YamlLimits.Check(file.Text, MaxNesting, MaxAliasExpansion) is { } refused)
        {
            context.Report(DiagnosticIds.InvalidLinterConfig, SpanOf(file, refused.Start, refused.End), refused.Message);
            return empty;
        }

        YamlStream stream;
        try
        {
            stream = new YamlStream();
            stream.Load(new StringReader(file.Text));
        }
        catch (YamlException e)
        {
            context.Report(DiagnosticIds.InvalidLinterConfig, SpanOf(file, e.Start, e.End), $".pvelint.yaml is not valid YAML: {Describe(e)}; the file was not used");
            return empty;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or InvalidCastException)
        {
            // YamlDotNet 18.1 throws these for some malformed input (reference/dotnet-notes.md §2.3).
            context.Report(DiagnosticIds.InvalidLinterConfig, SourceSpan.WholeFile(file.Path), $".pvelint.yaml is not valid YAML ({MessageText.Short(e.Message, 200)}); the file was not used");
            return empty;
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
            return empty;
        var reader = new Reader(file, context);
        return reader.ReadRoot(stream.Documents[0].RootNode) ?? empty;
    }

    private static string Describe(YamlException e)
    {
        var message = e.Message;
        // YamlDotNet prefixes "(Line: 3, Col: 5, Idx: ..) - (Line...): " which our span already says.
        var cut = message.IndexOf("): ", StringComparison.Ordinal);
        // "Duplicate key <key>" prints the whole key, which aliases can make large.
        return MessageText.Short(cut >= 0 ? message[(cut + 3)..] : message, 200);
    }

    /// <summary>YamlDotNet's 1-based marks as a span, clamped into the file (marks at the end of the stream can point past it).</summary>
    internal static SourceSpan SpanOf(SourceFile file, Mark start, Mark end)
    {
        var line = (int)Math.Clamp(start.Line, 1, file.LineCount);
        var column = (int)Math.Clamp(start.Column, 1, file.LineLength(line) + 1);
        var endLine = (int)Math.Clamp(end.Line, line, file.LineCount);
        var endLimit = file.LineLength(endLine) + 1;
        var endColumn = (int)Math.Clamp(end.Column, 1, endLimit);
        if (endLine == line && endColumn <= column) endColumn = Math.Min(column + 1, endLimit);
        if (endLine == line && endColumn < column) endColumn = column;
        return new SourceSpan(file.Path, line, column, endLine, endColumn);
    }

    private sealed class Reader(SourceFile file, BindContext context)
    {
        private SourceSpan Span(YamlNode node) => SpanOf(file, node.Start, node.End);

        private void Error(YamlNode node, string message) => context.Report(DiagnosticIds.InvalidLinterConfig, Span(node), message);

        public LinterConfig? ReadRoot(YamlNode root)
        {
            if (root is not YamlMappingNode map)
            {
                Error(root, ".pvelint.yaml must be a mapping of settings (target:, sites:, rules: ...)");
                return null;
            }

            Located<TargetRelease>? target = null;
            var sites = ImmutableArray<SiteDeclaration>.Empty;
            var latencies = ImmutableArray<SiteLatency>.Empty;
            var nodes = ImmutableDictionary<string, NodeCapacity>.Empty;
            var groups = ImmutableArray<RedundancyGroup>.Empty;
            var policy = LinterPolicy.Default;
            var rules = ImmutableArray<RuleSetting>.Empty;
            var ignore = ImmutableArray<Located<string>>.Empty;
            var selectRules = ImmutableArray<Located<string>>.Empty;
            var ignoreRules = ImmutableArray<Located<string>>.Empty;
            var suppressions = ImmutableArray<ObjectSuppression>.Empty;
            YamlNode? latencyNode = null;

            foreach (var (keyNode, key, value) in Known(map, LinterConfigSchema.Root, "in .pvelint.yaml"))
            {
                switch (key)
                {
                    case "target": target = ReadTarget(value); break;
                    case "sites": sites = ReadSites(value); break;
                    case "latency-ms": latencyNode = value; break;
                    case "nodes": nodes = ReadNodes(value); break;
                    case "redundancy-groups": groups = ReadRedundancyGroups(value); break;
                    case "policy": policy = ReadPolicy(value); break;
                    case "rules": rules = ReadRules(value); break;
                    case "select": selectRules = ReadStringList(value, "select"); break;
                    case "ignore": ignoreRules = ReadStringList(value, "ignore"); break;
                    case "ignore-paths": ignore = ReadStringList(value, "ignore-paths"); break;
                    case "suppressions": suppressions = ReadSuppressions(value); break;
                    case "$schema": Scalar(value, "$schema"); break;
                    default: NotRead(keyNode, key); break;
                }
            }
            if (latencyNode is not null) latencies = ReadLatencies(latencyNode, sites);
            return new LinterConfig(file.Path, target, sites, latencies, nodes, groups, policy, rules, ignore)
            {
                Select = selectRules,
                Ignore = ignoreRules,
                Suppressions = suppressions,
            };
        }

        private Located<TargetRelease>? ReadTarget(YamlNode node)
        {
            if (Scalar(node, "target") is not { } text) return null;
            if (TargetReleases.TryParse(text, out var release)) return new Located<TargetRelease>(release, Span(node));
            Error(node, $"target '{text}' is not a supported release; use {LinterConfigSchema.Target.ChoiceList()}");
            return null;
        }

        private ImmutableArray<SiteDeclaration> ReadSites(YamlNode node)
        {
            var result = ImmutableArray.CreateBuilder<SiteDeclaration>();
            if (Mapping(node, "sites") is not { } map) return result.ToImmutable();
            foreach (var (nameNode, body) in map.Children)
            {
                if (Scalar(nameNode, "a site name") is not { } name) continue;
                var nodes = ImmutableArray<Located<string>>.Empty;
                var addresses = ImmutableArray<Located<SiteNetwork>>.Empty;
                var role = SiteRole.Data;
                bool qdevice = false, tiebreaker = false;
                if (Mapping(body, $"site '{name}'") is { } site)
                {
                    foreach (var (keyNode, key, value) in Known(site, LinterConfigSchema.Site, $"in site '{name}'"))
                    {
                        switch (key)
                        {
                            case "nodes": nodes = ReadStringList(value, $"nodes of site '{name}'"); break;
                            case "addresses": addresses = ReadNetworks(value, name); break;
                            case "role":
                                var r = Scalar(value, "role");
                                if (r is not null && LinterConfigSchema.SiteRole.Allows(r)) role = r == "witness" ? SiteRole.Witness : SiteRole.Data;
                                else if (r is not null) Error(value, $"role '{r}' of site '{name}' must be {LinterConfigSchema.SiteRole.ChoiceList(quoted: true)}");
                                break;
                            case "qdevice": qdevice = Bool(value, "qdevice") ?? false; break;
                            case "tiebreaker-monitor": tiebreaker = Bool(value, "tiebreaker-monitor") ?? false; break;
                            default: NotRead(keyNode, key); break;
                        }
                    }
                }
                if (role == SiteRole.Data && nodes.IsEmpty)
                    Error(nameNode, $"site '{name}' lists no nodes; give 'nodes: [...]' or 'role: witness'");
                result.Add(new SiteDeclaration(new Located<string>(name, Span(nameNode)), nodes, role, qdevice, tiebreaker) { Addresses = addresses });
            }
            var seen = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var site in result)
                foreach (var n in site.Nodes)
                {
                    if (seen.TryGetValue(n.Value, out var other) && other != site.Name.Value)
                        context.Report(DiagnosticIds.InvalidLinterConfig, n.Span, $"node '{n.Value}' is in site '{other}' and in site '{site.Name.Value}'; a node belongs to one site");
                    seen[n.Value] = site.Name.Value;
                }
            return result.ToImmutable();
        }

        /// <summary><c>addresses: [10.1.0.0/24, 192.0.2.7]</c>: the networks of a site (a bare address is one host).</summary>
        private ImmutableArray<Located<SiteNetwork>> ReadNetworks(YamlNode node, string site)
        {
            var result = ImmutableArray.CreateBuilder<Located<SiteNetwork>>();
            foreach (var text in ReadStringList(node, $"addresses of site '{site}'"))
            {
                if (SiteNetwork.TryParse(text.Value, out var network)) result.Add(new Located<SiteNetwork>(network, text.Span));
                else context.Report(DiagnosticIds.InvalidLinterConfig, text.Span,
                    $"address '{text.Value}' of site '{site}' is not an IP address or a CIDR network such as 10.1.0.0/24 or 2001:db8::/48");
            }
            return result.ToImmutable();
        }

        private ImmutableArray<SiteLatency> ReadLatencies(YamlNode node, ImmutableArray<SiteDeclaration> sites)
        {
            var result = ImmutableArray.CreateBuilder<SiteLatency>();
            if (Mapping(node, "latency-ms") is not { } map) return result.ToImmutable();
            var names = sites.Select(s => s.Name.Value).ToHashSet(StringComparer.Ordinal);
            foreach (var (keyNode, value) in map.Children)
            {
                if (Scalar(keyNode, "a site pair") is not { } pair) continue;
                var parts = pair.Split("..");
                if (parts.Length != 2 || parts.Any(p => p.Trim().Length == 0))
                {
                    Error(keyNode, $"latency key '{pair}' must name two sites as 'site-a..site-b'");
                    continue;
                }
                var (a, b) = (parts[0].Trim(), parts[1].Trim());
                foreach (var s in new[] { a, b }.Where(s => !names.Contains(s)))
                    Error(keyNode, $"latency '{pair}' names site '{s}', which is not declared under 'sites:'");
                if (Number(value, $"latency '{pair}'") is { } ms)
                {
                    if (ms < 0) Error(value, $"latency '{pair}' must not be negative");
                    else result.Add(new SiteLatency(a, b, ms, Span(keyNode).Union(Span(value))));
                }
            }
            return result.ToImmutable();
        }

        private ImmutableDictionary<string, NodeCapacity> ReadNodes(YamlNode node)
        {
            var result = ImmutableDictionary.CreateBuilder<string, NodeCapacity>(StringComparer.Ordinal);
            if (Mapping(node, "nodes") is not { } map) return result.ToImmutable();
            foreach (var (nameNode, body) in map.Children)
            {
                if (Scalar(nameNode, "a node name") is not { } name) continue;
                double? memory = null;
                int? cores = null;
                if (Mapping(body, $"node '{name}'") is { } props)
                    foreach (var (keyNode, key, value) in Known(props, LinterConfigSchema.NodeCapacity, $"for node '{name}'"))
                        switch (key)
                        {
                            case "memory-gib": memory = Positive(value, "memory-gib"); break;
                            case "cores": cores = (int?)Positive(value, "cores"); break;
                            default: NotRead(keyNode, key); break;
                        }
                result[name] = new NodeCapacity(new Located<string>(name, Span(nameNode)), memory, cores);
            }
            return result.ToImmutable();
        }

        private ImmutableArray<RedundancyGroup> ReadRedundancyGroups(YamlNode node)
        {
            var result = ImmutableArray.CreateBuilder<RedundancyGroup>();
            if (Mapping(node, "redundancy-groups") is not { } map) return result.ToImmutable();
            foreach (var (nameNode, members) in map.Children)
            {
                if (Scalar(nameNode, "a group name") is not { } name) continue;
                var list = ReadStringList(members, $"redundancy group '{name}'");
                foreach (var m in list.Where(m => !System.Text.RegularExpressions.Regex.IsMatch(m.Value, LinterConfigSchema.GuestIdPattern)))
                    context.Report(DiagnosticIds.InvalidLinterConfig, m.Span, $"'{m.Value}' in redundancy group '{name}' must be a guest id like vm:101 or ct:102");
                if (list.Length < 2)
                    Error(nameNode, $"redundancy group '{name}' needs at least two guests");
                result.Add(new RedundancyGroup(new Located<string>(name, Span(nameNode)), list));
            }
            return result.ToImmutable();
        }

        private LinterPolicy ReadPolicy(YamlNode node)
        {
            var policy = LinterPolicy.Default;
            if (Mapping(node, "policy") is not { } map) return policy;
            foreach (var (keyNode, key, value) in Known(map, LinterConfigSchema.Policy, "under 'policy:'"))
            {
                switch (key)
                {
                    case "rpo-minutes":
                        if (Positive(value, "rpo-minutes") is { } rpo) policy = policy with { RpoMinutes = (int)Math.Round(rpo) };
                        break;
                    case "max-failures":
                        if (Number(value, "max-failures") is { } mf)
                        {
                            if (mf is < 1 or > 4 || mf != Math.Floor(mf)) Error(value, "max-failures must be a whole number from 1 to 4");
                            else policy = policy with { MaxFailures = (int)mf };
                        }
                        break;
                    case "dr":
                        var dr = Scalar(value, "dr");
                        if (dr is not null && LinterConfigSchema.DrIntent.Allows(dr)) policy = policy with { Dr = dr };
                        else if (dr is not null) Error(value, $"dr '{dr}' must be {LinterConfigSchema.DrIntent.ChoiceList()}");
                        break;
                    default: NotRead(keyNode, key); break;
                }
            }
            return policy;
        }

        private ImmutableArray<RuleSetting> ReadRules(YamlNode node)
        {
            var result = ImmutableArray.CreateBuilder<RuleSetting>();
            if (Mapping(node, "rules") is not { } map) return result.ToImmutable();
            foreach (var (keyNode, value) in map.Children)
            {
                if (Scalar(keyNode, "a rule id") is not { } id || Scalar(value, $"the severity of {id}") is not { } level) continue;
                if (!LinterConfigSchema.Severity.Allows(level.ToLowerInvariant()))
                {
                    Error(value, $"severity '{level}' for {id} must be {LinterConfigSchema.Severity.ChoiceList()}");
                    continue;
                }
                result.Add(new RuleSetting(new Located<string>(id, Span(keyNode)), new Located<string>(level, Span(value))));
            }
            return result.ToImmutable();
        }

        /// <summary>
        /// <c>suppressions:</c> entries (rule, object, reason, until). A missing reason is left to the rule engine
        /// (PVE9004, as for suppression comments); a missing rule or object, or a bad date, is PVE9003 and drops the entry.
        /// </summary>
        private ImmutableArray<ObjectSuppression> ReadSuppressions(YamlNode node)
        {
            var result = ImmutableArray.CreateBuilder<ObjectSuppression>();
            if (node is not YamlSequenceNode seq)
            {
                Error(node, "suppressions must be a list of entries with rule:, object:, reason: and optionally until:");
                return result.ToImmutable();
            }
            foreach (var item in seq.Children)
            {
                if (Mapping(item, "a suppression") is not { } map) continue;
                Located<string>? rule = null, target = null, reason = null;
                Located<DateOnly>? until = null;
                foreach (var (keyNode, key, value) in Known(map, LinterConfigSchema.Suppression, "in a suppression"))
                {
                    switch (key)
                    {
                        case "rule": rule = NonEmpty(value, "rule"); break;
                        case "object": target = NonEmpty(value, "object"); break;
                        case "reason": reason = NonEmpty(value, "reason"); break;
                        case "until":
                            if (Scalar(value, "until") is not { } date) break;
                            if (DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) until = new Located<DateOnly>(day, Span(value));
                            else Error(value, $"until '{date}' must be a date written YYYY-MM-DD, such as 2026-06-30");
                            break;
                        default: NotRead(keyNode, key); break;
                    }
                }
                foreach (var missing in new[] { ("rule", rule), ("object", target) }.Where(m => m.Item2 is null))
                    Error(item, $"a suppression needs '{missing.Item1}:' ({LinterConfigSchema.Suppression.ShapeOf(missing.Item1).Description}); the entry is not used");
                if (rule is not null && target is not null)
                    result.Add(new ObjectSuppression(rule, target, reason, until, Span(item)));
            }
            return result.ToImmutable();
        }

        private Located<string>? NonEmpty(YamlNode node, string what)
        {
            if (Scalar(node, what) is not { } text) return null;
            if (text.Trim().Length > 0) return new Located<string>(text.Trim(), Span(node));
            Error(node, $"{what} must not be empty");
            return null;
        }

        /// <summary>The entries of <paramref name="map"/> whose key the schema knows; every other key is PVE9003 with the known ones.</summary>
        private IEnumerable<(YamlNode KeyNode, string Key, YamlNode Value)> Known(YamlMappingNode map, ConfigMapping shape, string where)
        {
            foreach (var (keyNode, value) in map.Children)
            {
                var key = (keyNode as YamlScalarNode)?.Value ?? "";
                if (shape.Key(key) is not null) yield return (keyNode, key, value);
                else Error(keyNode, $"unknown key '{key}' {where}; known keys: {shape.KnownKeys}");
            }
        }

        /// <summary>A key of the schema that this reader has no case for: said, never silently ignored (a test reads every key).</summary>
        private void NotRead(YamlNode keyNode, string key) => Error(keyNode, $"'{key}' is in the schema of .pvelint.yaml but this build does not read it");

        private ImmutableArray<Located<string>> ReadStringList(YamlNode node, string what)
        {
            if (node is not YamlSequenceNode seq)
            {
                Error(node, $"{what} must be a list, e.g. [a, b]");
                return ImmutableArray<Located<string>>.Empty;
            }
            var result = ImmutableArray.CreateBuilder<Located<string>>();
            foreach (var item in seq.Children)
                if (Scalar(item, $"an entry of {what}") is { } text) result.Add(new Located<string>(text, Span(item)));
            return result.ToImmutable();
        }

        private YamlMappingNode? Mapping(YamlNode node, string what)
        {
            if (node is YamlMappingNode map) return map;
            if (node is YamlScalarNode { Value: null or "" }) return null;
            Error(node, $"{what} must be a mapping of 'key: value' entries");
            return null;
        }

        private string? Scalar(YamlNode node, string what)
        {
            if (node is YamlScalarNode { Value: { } text }) return text;
            Error(node, $"{what} must be a single value, not a list or mapping");
            return null;
        }

        private double? Number(YamlNode node, string what)
        {
            if (Scalar(node, what) is not { } text) return null;
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)) return value;
            Error(node, $"{what} must be a number, not '{text}'");
            return null;
        }

        private double? Positive(YamlNode node, string what)
        {
            var value = Number(node, what);
            if (value is > 0) return value;
            if (value is not null) Error(node, $"{what} must be greater than 0");
            return null;
        }

        private bool? Bool(YamlNode node, string what)
        {
            switch (Scalar(node, what)?.ToLowerInvariant())
            {
                case "true" or "yes" or "on": return true;
                case "false" or "no" or "off": return false;
                case null: return null;
                default: Error(node, $"{what} must be true or false"); return null;
            }
        }
    }
}
