using System.Collections.Immutable;
using PveLint.Diagnostics;
using PveLint.Text;

namespace PveLint.Ceph.Crush;

/// <summary>
/// The syntax tree of a decompiled CRUSH map (<c>crushtool -d</c>), one node per top-level declaration, in file
/// order. Every node keeps its tokens, so each name and number has its exact span. Declarations that could not be
/// parsed are missing here and reported in <see cref="Diagnostics"/> (PVE0001).
/// </summary>
public sealed record CrushMapSyntax(string Path, ImmutableArray<CrushDeclarationSyntax> Declarations, ImmutableArray<Diagnostic> Diagnostics)
{
    public IEnumerable<T> OfKind<T>() where T : CrushDeclarationSyntax => Declarations.OfType<T>();
}

public abstract record CrushDeclarationSyntax(SourceSpan Span);

/// <summary><c>tunable choose_total_tries 50</c></summary>
public sealed record CrushTunableSyntax(CrushToken Name, CrushToken Value, SourceSpan Span) : CrushDeclarationSyntax(Span);

/// <summary><c>device 0 osd.0 class ssd</c></summary>
public sealed record CrushDeviceSyntax(CrushToken Id, CrushToken Name, CrushToken? Class, SourceSpan Span) : CrushDeclarationSyntax(Span);

/// <summary><c>type 8 datacenter</c></summary>
public sealed record CrushTypeSyntax(CrushToken Id, CrushToken Name, SourceSpan Span) : CrushDeclarationSyntax(Span);

/// <summary><c>host pve1 { id -3  id -2 class ssd  alg straw2  hash 0  item osd.0 weight 0.873 ... }</c></summary>
public sealed record CrushBucketSyntax(
    CrushToken TypeName,
    CrushToken Name,
    ImmutableArray<CrushBucketIdSyntax> Ids,
    CrushToken Algorithm,
    ImmutableArray<CrushToken> Hashes,
    ImmutableArray<CrushBucketItemSyntax> Items,
    SourceSpan Span) : CrushDeclarationSyntax(Span);

/// <summary><c>id -3</c>, or <c>id -2 class ssd</c> (the id of the bucket's shadow bucket for that device class).</summary>
public sealed record CrushBucketIdSyntax(CrushToken Id, CrushToken? Class, SourceSpan Span);

/// <summary><c>item osd.0 weight 0.873 pos 0</c> (weight and pos are optional).</summary>
public sealed record CrushBucketItemSyntax(CrushToken Name, CrushToken? Weight, CrushToken? Position, SourceSpan Span);

/// <summary>
/// <c>rule name { id 1  type replicated  [min_size 1]  [max_size 10]  step ... }</c>; the name is optional and
/// <see cref="IdKeyword"/> is <c>id</c> or the older <c>ruleset</c>.
/// </summary>
public sealed record CrushRuleSyntax(
    CrushToken? Name,
    CrushToken IdKeyword,
    CrushToken Id,
    CrushToken Type,
    CrushToken? MinSize,
    CrushToken? MaxSize,
    ImmutableArray<CrushStepSyntax> Steps,
    SourceSpan Span) : CrushDeclarationSyntax(Span);

/// <summary>One <c>step ...</c> line of a rule; the span starts at <c>step</c>.</summary>
public abstract record CrushStepSyntax(SourceSpan Span);

/// <summary><c>step take default</c> or <c>step take default class ssd</c></summary>
public sealed record CrushTakeStepSyntax(CrushToken Item, CrushToken? Class, SourceSpan Span) : CrushStepSyntax(Span);

/// <summary><c>step choose firstn 0 type datacenter</c>, <c>step chooseleaf indep 2 type host</c></summary>
public sealed record CrushChooseStepSyntax(CrushToken Verb, CrushToken Mode, CrushToken Count, CrushToken Type, SourceSpan Span) : CrushStepSyntax(Span);

/// <summary><c>step emit</c></summary>
public sealed record CrushEmitStepSyntax(SourceSpan Span) : CrushStepSyntax(Span);

/// <summary><c>step set_chooseleaf_tries 5</c> and the other <c>set_*</c> steps.</summary>
public sealed record CrushSetStepSyntax(CrushToken Name, CrushToken Value, SourceSpan Span) : CrushStepSyntax(Span);

/// <summary><c>choose_args 18446744073709551615 { { bucket_id -1 weight_set [ [ 0.900 1.100 ] ] ids [ -10 -20 ] } }</c></summary>
public sealed record CrushChooseArgsSyntax(CrushToken Id, ImmutableArray<CrushChooseArgSyntax> Args, SourceSpan Span) : CrushDeclarationSyntax(Span);

/// <summary>One bucket's entry of a <c>choose_args</c> block; <see cref="WeightSet"/> has one row per position.</summary>
public sealed record CrushChooseArgSyntax(
    CrushToken BucketId,
    ImmutableArray<ImmutableArray<CrushToken>>? WeightSet,
    ImmutableArray<CrushToken>? Ids,
    SourceSpan Span);
