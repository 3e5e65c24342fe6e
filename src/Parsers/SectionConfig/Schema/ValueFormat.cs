using PveLint.Text;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.SectionConfig.Syntax;

namespace PveLint.SectionConfig.Schema;

/// <summary>
/// Why a value fails its schema. <see cref="Offset"/>/<see cref="Length"/> narrow the problem to a part of the
/// value (a list item, a property-string key); Length -1 means the whole value. <see cref="Id"/> is the diagnostic
/// id (an unknown key inside a property string is PVE0002, everything else PVE0003).
/// </summary>
public sealed record ValueProblem(string Message, int Offset = 0, int Length = -1, string Id = DiagnosticIds.InvalidValue);

/// <summary>
/// A JSON-schema <c>format</c> as PVE registers it (<c>register_format</c>): a check of a plain string, a list of
/// such items (the <c>-list</c> suffix), or a property string (<see cref="PropertyStringFormat"/>).
/// </summary>
public abstract class ValueFormat
{
    protected ValueFormat(string name) => Name = name;

    /// <summary>PVE's name for the format, e.g. <c>pve-node</c>, <c>pve-ha-resource-id-list</c>.</summary>
    public string Name { get; }

    public abstract ValueProblem? Check(string value, TargetRelease target);

    /// <summary>A plain format: <paramref name="check"/> returns PVE's complaint, or null when the value is fine.</summary>
    public static ValueFormat Of(string name, Func<string, string?> check) => new SimpleFormat(name, check);

    /// <summary>
    /// The <c>NAME-list</c> form: the value is split with <c>split_list</c> and each item must pass
    /// <paramref name="item"/>. An empty list passes, as in PVE ("we allow empty lists").
    /// </summary>
    public static ValueFormat ListOf(ValueFormat item) => new ListFormat(item);

    /// <summary>The <c>NAME-opt</c> form: only a true (non-empty, non-"0") value is checked.</summary>
    public static ValueFormat Opt(ValueFormat item) => new OptFormat(item);

    private sealed class SimpleFormat(string name, Func<string, string?> check) : ValueFormat(name)
    {
        public override ValueProblem? Check(string value, TargetRelease target) =>
            check(value) is { } message ? new ValueProblem(message) : null;
    }

    private sealed class ListFormat(ValueFormat item) : ValueFormat(item.Name + "-list")
    {
        public override ValueProblem? Check(string value, TargetRelease target)
        {
            foreach (var (offset, text) in PerlText.SplitList(value))
            {
                if (item.Check(text, target) is not { } problem) continue;
                return problem.Length < 0
                    ? problem with { Message = $"list item '{MessageText.Short(text)}': {problem.Message}", Offset = offset, Length = text.Length }
                    : problem with { Offset = offset + problem.Offset };
            }
            return null;
        }
    }

    private sealed class OptFormat(ValueFormat item) : ValueFormat(item.Name + "-opt")
    {
        public override ValueProblem? Check(string value, TargetRelease target) =>
            PerlText.IsTrue(value) ? item.Check(value, target) : null;
    }
}
