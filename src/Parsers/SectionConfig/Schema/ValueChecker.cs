using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PveLint.Diagnostics;
using PveLint.Model;

namespace PveLint.SectionConfig.Schema;

/// <summary>
/// pve-common JSONSchema.pm <c>check_prop</c> for one scalar value, in PVE's order: type (booleans are only
/// <c>0</c>/<c>1</c>, integers <c>^[+-]?\d+$</c>), format, pattern (anchored), maxLength/minLength (Perl counts the
/// bytes of the raw file), minimum/maximum (only for numeric-looking values), enum (exact match). The first
/// failing check wins, as in PVE. Returns null when PVE accepts the value.
/// </summary>
public static class ValueChecker
{
    private static readonly ConcurrentDictionary<string, Regex> Patterns = new(StringComparer.Ordinal);

    public static ValueProblem? Check(PropertySchema schema, string value, TargetRelease target)
    {
        switch (schema.Kind)
        {
            case ValueKind.Boolean when value is not ("0" or "1"):
                return new ValueProblem($"'{schema.Name}' is a boolean and PVE accepts only 0 or 1 here, not '{MessageText.Short(value)}'");
            case ValueKind.Integer when !IsInteger(value):
                return new ValueProblem($"'{schema.Name}' must be an integer, not '{MessageText.Short(value)}'");
            case ValueKind.Number when !IsNumber(value):
                return new ValueProblem($"'{schema.Name}' must be a number, not '{MessageText.Short(value)}'");
        }

        if (schema.Format?.Check(value, target) is { } formatProblem) return formatProblem;

        if (schema.Pattern is { } pattern && !PatternRegex(pattern).IsMatch(value))
            return new ValueProblem($"'{MessageText.Short(value)}' does not match the pattern {pattern} of '{schema.Name}'");

        if (schema.MaxLength is { } max && Encoding.UTF8.GetByteCount(value) > max)
            return new ValueProblem($"'{schema.Name}' may only be {max} characters long");
        if (schema.MinLength is { } min && Encoding.UTF8.GetByteCount(value) < min)
            return new ValueProblem($"'{schema.Name}' must be at least {min} characters long");

        if (TryNumber(value, out var number))
        {
            if (schema.Maximum is { } maximum && number > maximum)
                return new ValueProblem($"'{schema.Name}' must be at most {Format(maximum)}, not {MessageText.Short(value)}");
            if (schema.Minimum is { } minimum && number < minimum)
                return new ValueProblem($"'{schema.Name}' must be at least {Format(minimum)}, not {MessageText.Short(value)}");
        }

        if (!schema.Enum.IsEmpty)
        {
            EnumValue? match = null;
            foreach (var e in schema.Enum)
                if (e.Value == value)
                {
                    match = e;
                    break;
                }
            if (match is null)
                return new ValueProblem($"'{MessageText.Short(value)}' is not one of {KnownValues(schema, target)} (the values PVE allows for '{schema.Name}')");
            // A value newer than the target release is unknown to that release's PVE, like a newer key (PVE0002).
            if (match.Since > target)
                return new ValueProblem(Id: DiagnosticIds.UnknownKey, Message: $"'{MessageText.Short(value)}' for '{schema.Name}' is only known from {Releases.Human(match.Since)} on; the cluster targets {TargetReleases.Name(target)}, whose PVE allows only {KnownValues(schema, target)}");
        }

        return null;
    }

    /// <summary>The enum values the target release knows, for a message (a method of its own: its lambda is made only then).</summary>
    private static string KnownValues(PropertySchema schema, TargetRelease target) =>
        string.Join(", ", schema.Enum.Where(e => e.Since <= target).Select(e => e.Value));

    /// <summary>JSONSchema.pm <c>is_integer</c>.</summary>
    public static bool IsInteger(string value)
    {
        var i = value.Length > 0 && value[0] is '+' or '-' ? 1 : 0;
        if (i >= value.Length) return false;
        for (; i < value.Length; i++)
            if (value[i] is < '0' or > '9') return false;
        return true;
    }

    /// <summary>JSONSchema.pm <c>is_number</c>: <c>^[+-]?(\d+\.\d+|\d+\.|\.\d+|\d+)([eE][+-]?\d+)?$</c>.</summary>
    public static bool IsNumber(string value)
    {
        var i = 0;
        if (i < value.Length && value[i] is '+' or '-') i++;
        var intDigits = Digits(value, ref i);
        var fracDigits = 0;
        var dot = false;
        if (i < value.Length && value[i] == '.')
        {
            dot = true;
            i++;
            fracDigits = Digits(value, ref i);
        }
        if (intDigits == 0 && fracDigits == 0) return false;
        if (!dot && intDigits == 0) return false;
        if (i < value.Length && value[i] is 'e' or 'E')
        {
            i++;
            if (i < value.Length && value[i] is '+' or '-') i++;
            if (Digits(value, ref i) == 0) return false;
        }
        return i == value.Length;
    }

    /// <summary>The numeric value of a string that <see cref="IsNumber"/> accepts.</summary>
    public static bool TryNumber(string value, out double number)
    {
        number = 0;
        return IsNumber(value) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out number);
    }

    private static int Digits(string value, ref int i)
    {
        var start = i;
        while (i < value.Length && value[i] is >= '0' and <= '9') i++;
        return i - start;
    }

    private static Regex PatternRegex(string pattern) =>
        Patterns.GetOrAdd(pattern, p => new Regex("^(?:" + p + ")$", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking));

    private static string Format(double d) => d.ToString(CultureInfo.InvariantCulture);
}

/// <summary>How messages name a release: "PVE 9.2".</summary>
public static class Releases
{
    public static string Human(TargetRelease release) => release switch
    {
        TargetRelease.Pve90 => "PVE 9.0",
        TargetRelease.Pve91 => "PVE 9.1",
        TargetRelease.Pve92 => "PVE 9.2",
        _ => release.ToString(),
    };

    /// <summary>"'key' is only known from PVE 9.2 on; the cluster targets pve-9.1".</summary>
    public static string OnlyFrom(string what, TargetRelease since, TargetRelease target) =>
        $"{what} is only known from {Human(since)} on; the cluster targets {TargetReleases.Name(target)}";
}
