using System.Collections.Immutable;
using Pidgin;
using PveLint.Diagnostics;
using PveLint.Text;
using P = Pidgin.Parser<PveLint.Ceph.Crush.CrushToken>;
using static Pidgin.Parser;

namespace PveLint.Ceph.Crush;

/// <summary>
/// Parses a decompiled CRUSH map with the grammar of Ceph's <c>src/crush/grammar.h</c> (newest form, see
/// reference/ceph-stretch.md §1a), written as Pidgin parsers over <see cref="CrushLexer"/> tokens:
/// <code>
/// crushmap    = *(tunable | device | type) *(bucket | rule) *choose_args
/// tunable     = "tunable" name posint
/// device      = "device" posint name ["class" name]
/// type        = "type" posint name
/// bucket      = name name "{" *("id" negint ["class" name]) "alg" name *("hash" (int | "rjenkins1"))
///               *("item" name ["weight" real] ["pos" posint]) "}"
/// rule        = "rule" [name] "{" ("id" | "ruleset") posint "type" (replicated|erasure|msr_firstn|msr_indep)
///               ["min_size" posint] ["max_size" posint] +step "}"
/// step        = "step" ( "take" name ["class" name] | ("choose"|"chooseleaf") ("firstn"|"indep") int "type" name
///               | "emit" | set_xxx posint )
/// choose_args = "choose_args" posint "{" *( "{" "bucket_id" negint ["weight_set" "[" *("[" *real "]") "]"]
///               ["ids" "[" *int "]"] "}" ) "}"
/// </code>
/// <c>min_size</c>/<c>max_size</c> are optional: Pacific's compiler required them, Quincy+ no longer prints them,
/// and the linter accepts both (§1a). A declaration that does not parse is reported (PVE0001) and skipped up to the
/// next line that starts a top-level declaration. The section order that crushtool enforces (tunables, devices and
/// types first; buckets before rules; choose_args last) is checked after parsing, so out-of-order declarations
/// are reported but still read.
/// </summary>
public static class CrushTextParser
{
    /// <summary>More syntax errors than this in one file are not reported one by one (random or binary input).</summary>
    public const int MaxReportedErrors = 100;

    internal static readonly ImmutableHashSet<string> SetStepNames = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "set_choose_tries", "set_choose_local_tries", "set_choose_local_fallback_tries", "set_chooseleaf_tries",
        "set_chooseleaf_vary_r", "set_chooseleaf_stable", "set_msr_descents", "set_msr_collision_tries");

    private static readonly ImmutableHashSet<string> TopLevelKeywords = ImmutableHashSet.Create(
        StringComparer.Ordinal, "tunable", "device", "type", "rule", "choose_args");

    // ---- tokens -------------------------------------------------------------------------------------------

    private static Parser<CrushToken, CrushToken> Keyword(string text) => P.Token(t => t.IsWord(text)).Labelled($"'{text}'");

    private static Parser<CrushToken, CrushToken> Kind(CrushTokenKind kind, string label) => P.Token(t => t.Kind == kind).Labelled(label);

    private static readonly Parser<CrushToken, CrushToken> Name = Kind(CrushTokenKind.Word, "a name");
    private static readonly Parser<CrushToken, CrushToken> PosInt = P.Token(t => t.Kind == CrushTokenKind.Word && CrushNumbers.IsPosInt(t.Text)).Labelled("a non-negative integer");
    private static readonly Parser<CrushToken, CrushToken> NegInt = P.Token(t => t.Kind == CrushTokenKind.Word && t.Text.StartsWith('-') && CrushNumbers.IsPosInt(t.Text[1..])).Labelled("a negative integer");
    private static readonly Parser<CrushToken, CrushToken> Integer = P.Token(t => t.Kind == CrushTokenKind.Word && CrushNumbers.IsInt(t.Text)).Labelled("an integer");
    private static readonly Parser<CrushToken, CrushToken> Real = P.Token(t => t.Kind == CrushTokenKind.Word && CrushNumbers.IsReal(t.Text)).Labelled("a number");
    private static readonly Parser<CrushToken, CrushToken> Open = Kind(CrushTokenKind.OpenBrace, "'{'");
    private static readonly Parser<CrushToken, CrushToken> Close = Kind(CrushTokenKind.CloseBrace, "'}'");
    private static readonly Parser<CrushToken, CrushToken> OpenBracket = Kind(CrushTokenKind.OpenBracket, "'['");
    private static readonly Parser<CrushToken, CrushToken> CloseBracket = Kind(CrushTokenKind.CloseBracket, "']'");

    private static Parser<CrushToken, CrushToken?> OptionalAfter(string keyword, Parser<CrushToken, CrushToken> value) =>
        Keyword(keyword).Then(value).Optional().Select(m => m.HasValue ? m.Value : (CrushToken?)null);

    private static SourceSpan Cover(CrushToken first, CrushToken last) => first.Span.Union(last.Span);

    private static CrushToken Last(CrushToken fallback, params CrushToken?[] later)
    {
        for (var i = later.Length - 1; i >= 0; i--)
            if (later[i] is { } t) return t;
        return fallback;
    }

    // ---- declarations ----------------------------------------------------------------------------------------

    private static readonly Parser<CrushToken, CrushDeclarationSyntax> Tunable =
        Map((k, name, value) => (CrushDeclarationSyntax)new CrushTunableSyntax(name, value, Cover(k, value)),
            Keyword("tunable"), Name, PosInt);

    private static readonly Parser<CrushToken, CrushDeclarationSyntax> Device =
        Map((k, id, name, cls) => (CrushDeclarationSyntax)new CrushDeviceSyntax(id, name, cls, Cover(k, Last(name, cls))),
            Keyword("device"), PosInt, Name, OptionalAfter("class", Name));

    private static readonly Parser<CrushToken, CrushDeclarationSyntax> TypeDeclaration =
        Map((k, id, name) => (CrushDeclarationSyntax)new CrushTypeSyntax(id, name, Cover(k, name)),
            Keyword("type"), PosInt, Name);

    private static readonly Parser<CrushToken, CrushBucketIdSyntax> BucketId =
        Map((k, id, cls) => new CrushBucketIdSyntax(id, cls, Cover(k, Last(id, cls))),
            Keyword("id"), NegInt, OptionalAfter("class", Name));

    private static readonly Parser<CrushToken, CrushBucketItemSyntax> BucketItem =
        Map((k, name, weight, pos) => new CrushBucketItemSyntax(name, weight, pos, Cover(k, Last(name, weight, pos))),
            Keyword("item"), Name, OptionalAfter("weight", Real), OptionalAfter("pos", PosInt));

    private static readonly Parser<CrushToken, CrushToken> BucketHash =
        Keyword("hash").Then(Integer.Or(Keyword("rjenkins1")).Labelled("a hash number or 'rjenkins1'"));

    private static readonly Parser<CrushToken, CrushDeclarationSyntax> Bucket =
        Map((type, name, _, ids, alg, hashes, items, close) =>
                (CrushDeclarationSyntax)new CrushBucketSyntax(type, name, ids.ToImmutableArray(), alg, hashes.ToImmutableArray(), items.ToImmutableArray(), Cover(type, close)),
            Name, Name, Open, BucketId.Many(), Keyword("alg").Then(Name), BucketHash.Many(), BucketItem.Many(), Close);

    private static readonly Parser<CrushToken, CrushStepSyntax> TakeStep =
        Map((k, item, cls) => (CrushStepSyntax)new CrushTakeStepSyntax(item, cls, Cover(k, Last(item, cls))),
            Keyword("take"), Name, OptionalAfter("class", Name));

    private static readonly Parser<CrushToken, CrushStepSyntax> ChooseStep =
        Map((verb, mode, count, _, type) => (CrushStepSyntax)new CrushChooseStepSyntax(verb, mode, count, type, Cover(verb, type)),
            Keyword("choose").Or(Keyword("chooseleaf")), Keyword("firstn").Or(Keyword("indep")), Integer, Keyword("type"), Name);

    private static readonly Parser<CrushToken, CrushStepSyntax> EmitStep =
        Keyword("emit").Select(k => (CrushStepSyntax)new CrushEmitStepSyntax(k.Span));

    private static readonly Parser<CrushToken, CrushStepSyntax> SetStep =
        Map((name, value) => (CrushStepSyntax)new CrushSetStepSyntax(name, value, Cover(name, value)),
            P.Token(t => t.Kind == CrushTokenKind.Word && SetStepNames.Contains(t.Text)).Labelled("a set_* step"), PosInt);

    private static readonly Parser<CrushToken, CrushStepSyntax> Step =
        Map((k, step) => step with { Span = k.Span.Union(step.Span) },
            Keyword("step"), OneOf(TakeStep, ChooseStep, EmitStep, SetStep));

    private static readonly Parser<CrushToken, CrushToken> RuleType =
        P.Token(t => t.Kind == CrushTokenKind.Word && t.Text is "replicated" or "erasure" or "msr_firstn" or "msr_indep")
            .Labelled("'replicated', 'erasure', 'msr_firstn' or 'msr_indep'");

    private static readonly Parser<CrushToken, CrushDeclarationSyntax> Rule =
        Map((head, body, steps, close) => (CrushDeclarationSyntax)new CrushRuleSyntax(
                head.Name, head.IdKeyword, head.Id, body.Type, body.MinSize, body.MaxSize, steps.ToImmutableArray(), Cover(head.Keyword, close)),
            Map((k, name, _, idKeyword, id) => (Keyword: k, Name: name.HasValue ? name.Value : (CrushToken?)null, IdKeyword: idKeyword, Id: id),
                Keyword("rule"), Name.Optional(), Open, Keyword("id").Or(Keyword("ruleset")), PosInt),
            Map((_, type, min, max) => (Type: type, MinSize: min, MaxSize: max),
                Keyword("type"), RuleType, OptionalAfter("min_size", PosInt), OptionalAfter("max_size", PosInt)),
            Step.AtLeastOnce(),
            Close);

    private static readonly Parser<CrushToken, ImmutableArray<CrushToken>> WeightRow =
        Real.Many().Between(OpenBracket, CloseBracket).Select(r => r.ToImmutableArray());

    private static readonly Parser<CrushToken, CrushChooseArgSyntax> ChooseArg =
        Map((open, _, bucket, weights, ids, close) => new CrushChooseArgSyntax(
                bucket,
                weights.HasValue ? weights.Value.ToImmutableArray() : null,
                ids.HasValue ? ids.Value.ToImmutableArray() : null,
                Cover(open, close)),
            Open,
            Keyword("bucket_id"),
            NegInt,
            Keyword("weight_set").Then(WeightRow.Many().Between(OpenBracket, CloseBracket)).Optional(),
            Keyword("ids").Then(Integer.Many().Between(OpenBracket, CloseBracket)).Optional(),
            Close);

    private static readonly Parser<CrushToken, CrushDeclarationSyntax> ChooseArgs =
        Map((k, id, _, args, close) => (CrushDeclarationSyntax)new CrushChooseArgsSyntax(id, args.ToImmutableArray(), Cover(k, close)),
            Keyword("choose_args"), PosInt, Open, ChooseArg.Many(), Close);

    private static readonly Parser<CrushToken, (CrushDeclarationSyntax Declaration, int Consumed)> Declaration =
        Map((d, offset) => (d, offset),
            OneOf(Tunable, Device, TypeDeclaration, Rule, ChooseArgs, Bucket),
            P.CurrentOffset);

    // ---- driver ---------------------------------------------------------------------------------------------

    public static CrushMapSyntax Parse(SourceFile file)
    {
        var tokens = CrushLexer.Tokenize(file);
        var declarations = ImmutableArray.CreateBuilder<CrushDeclarationSyntax>();
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        var errors = 0;
        var i = 0;
        while (i < tokens.Length)
        {
            var result = Declaration.Parse(tokens.AsSpan()[i..]);
            if (result.Success)
            {
                declarations.Add(result.Value.Declaration);
                i += Math.Max(1, result.Value.Consumed);
                continue;
            }
            if (errors++ < MaxReportedErrors)
                diagnostics.Add(SyntaxError(file, tokens, i, result.Error!));
            i = NextDeclarationStart(tokens, i + 1);
        }
        CheckSectionOrder(declarations, diagnostics);
        return new CrushMapSyntax(file.Path, declarations.ToImmutable(), diagnostics.ToImmutable());
    }

    private static Diagnostic SyntaxError(SourceFile file, ImmutableArray<CrushToken> tokens, int start, ParseError<CrushToken> error)
    {
        var at = start + error.ErrorOffset;
        var span = at < tokens.Length ? tokens[at].Span : file.SpanOf(file.Text.Length, 0);
        var found = at < tokens.Length ? tokens[at].Display : "the end of the file";
        var expected = error.Expected
            .Select(e => e.Label ?? (e.Tokens.IsDefaultOrEmpty ? null : string.Join(" ", e.Tokens.Select(t => t.Text))))
            .OfType<string>().Distinct().ToList();
        var wanted = expected.Count switch
        {
            0 => "",
            1 => $"expected {expected[0]} but found {found}",
            _ => $"expected {string.Join(", ", expected.Take(expected.Count - 1))} or {expected[^1]} but found {found}",
        };
        var context = Context(tokens, start);
        var message = wanted.Length > 0
            ? $"crushtool cannot parse {context}: {wanted}; it rejects the whole map."
            : $"crushtool cannot parse {context} at {found}; it rejects the whole map.";
        return Diagnostic.At(DiagnosticIds.SyntaxError, span, message);
    }

    /// <summary>"bucket 'pve1'", "rule 'stretch_rule'", "the 'device' line" ... for messages.</summary>
    private static string Context(ImmutableArray<CrushToken> tokens, int start)
    {
        var first = tokens[start];
        var second = start + 1 < tokens.Length ? tokens[start + 1] : (CrushToken?)null;
        if (first.Kind != CrushTokenKind.Word) return $"the map at {first.Display}";
        if (first.Text == "rule") return second is { Kind: CrushTokenKind.Word } n ? $"rule '{n.Text}'" : "a rule";
        if (TopLevelKeywords.Contains(first.Text)) return $"the '{first.Text}' declaration";
        return second is { Kind: CrushTokenKind.Word } b ? $"{first.Text} '{b.Text}'" : $"the declaration starting with '{first.Text}'";
    }

    /// <summary>
    /// Recovery point: the first token at or after <paramref name="from"/> that begins a line and can begin a
    /// top-level declaration (a keyword, <c>type N</c>, or a bucket header <c>name name {</c>). Inside buckets
    /// and rules no line starts like that (a rule's <c>type replicated</c> has no number).
    /// </summary>
    private static int NextDeclarationStart(ImmutableArray<CrushToken> tokens, int from)
    {
        for (var j = Math.Max(from, 1); j < tokens.Length; j++)
        {
            var t = tokens[j];
            if (t.Kind != CrushTokenKind.Word || tokens[j - 1].Span.EndLine == t.Span.Line) continue;
            var next = j + 1 < tokens.Length ? tokens[j + 1] : (CrushToken?)null;
            if (t.Text == "type")
            {
                if (next is { Kind: CrushTokenKind.Word } n && CrushNumbers.IsPosInt(n.Text)) return j;
                continue;
            }
            if (TopLevelKeywords.Contains(t.Text)) return j;
            if (next is { Kind: CrushTokenKind.Word } && j + 2 < tokens.Length && tokens[j + 2].Kind == CrushTokenKind.OpenBrace) return j;
        }
        return tokens.Length;
    }

    /// <summary>crushtool's <c>crushmap</c> rule fixes the order of the sections, and parse_crush adds
    /// "buckets must be defined before rules"; anything out of order makes it reject the map.</summary>
    private static void CheckSectionOrder(ImmutableArray<CrushDeclarationSyntax>.Builder declarations, ImmutableArray<Diagnostic>.Builder diagnostics)
    {
        CrushDeclarationSyntax? firstBucketOrRule = null, firstRule = null, firstChooseArgs = null;
        foreach (var d in declarations)
        {
            switch (d)
            {
                case CrushTunableSyntax or CrushDeviceSyntax or CrushTypeSyntax when firstBucketOrRule is not null || firstChooseArgs is not null:
                    diagnostics.Add(Diagnostic.At(DiagnosticIds.SyntaxError, d.Span,
                        $"crushtool accepts tunable, device and type lines only before the first bucket, rule or choose_args block (line {(firstBucketOrRule ?? firstChooseArgs)!.Span.Line}); it rejects the map."));
                    break;
                case CrushBucketSyntax b when firstRule is not null:
                    diagnostics.Add(Diagnostic.At(DiagnosticIds.SyntaxError, d.Span,
                        $"Bucket '{b.Name.Text}' comes after the first rule (line {firstRule.Span.Line}); crushtool rejects the map with 'buckets must be defined before rules'."));
                    break;
                case CrushBucketSyntax or CrushRuleSyntax when firstChooseArgs is not null:
                    diagnostics.Add(Diagnostic.At(DiagnosticIds.SyntaxError, d.Span,
                        $"crushtool accepts choose_args blocks only after all buckets and rules (the first is on line {firstChooseArgs.Span.Line}); it rejects the map."));
                    break;
            }
            switch (d)
            {
                case CrushBucketSyntax: firstBucketOrRule ??= d; break;
                case CrushRuleSyntax: firstBucketOrRule ??= d; firstRule ??= d; break;
                case CrushChooseArgsSyntax: firstChooseArgs ??= d; break;
            }
        }
    }
}
