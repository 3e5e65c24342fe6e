namespace PveLint.SectionConfig.Schema;

/// <summary>
/// The documented subset of PVE calendar events (pve-docs calendar-events.adoc; reference/pve-formats.md §2.2):
/// <c>[WEEKDAY] [[YEARS-]MONTHS-DAYS] [HOURS:MINUTES[:SECONDS]]</c>, where each field is a comma list of values,
/// <c>a..b</c> ranges and <c>/step</c> repetitions, <c>*</c> is any value and a time without ':' is minutes; plus the
/// special words (<c>hourly</c>, <c>daily</c>, ...). PVE validates schedules in Rust code we did not read, so this
/// check is deliberately tolerant: it only complains about what the documentation clearly rules out.
/// </summary>
public static class CalendarEvent
{
    private static readonly HashSet<string> Specials = new(StringComparer.OrdinalIgnoreCase)
    {
        "minutely", "hourly", "daily", "weekly", "monthly", "yearly", "annually", "quarterly", "semiannually", "semi-annually",
    };

    private static readonly string[] Days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

    private static readonly string[] LongDays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    /// <summary>What is wrong with the schedule, or null if it fits the documented syntax.</summary>
    public static string? Problem(string schedule)
    {
        var tokens = schedule.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).ToList();
        if (tokens.Count == 0) return "it is empty";
        if (tokens.Count == 1 && Specials.Contains(tokens[0])) return null;
        if (tokens[^1].Equals("UTC", StringComparison.OrdinalIgnoreCase)) tokens.RemoveAt(tokens.Count - 1);

        var index = 0;
        if (index < tokens.Count && char.IsAsciiLetter(tokens[index][0]))
        {
            if (WeekdayProblem(tokens[index]) is { } weekday) return weekday;
            index++;
        }
        if (index < tokens.Count && tokens[index].Contains('-') && !tokens[index].Contains(':'))
        {
            var parts = tokens[index].Split('-');
            if (parts.Length is < 2 or > 3) return $"'{MessageText.Short(tokens[index])}' is not a date ([YEARS-]MONTHS-DAYS)";
            foreach (var part in parts)
                if (FieldProblem(part, int.MaxValue) is { } problem) return $"date '{MessageText.Short(tokens[index])}': {problem}";
            index++;
        }
        if (index < tokens.Count)
        {
            var parts = tokens[index].Split(':');
            if (parts.Length > 3) return $"'{MessageText.Short(tokens[index])}' is not a time (HOURS:MINUTES[:SECONDS])";
            var limits = parts.Length == 1 ? new[] { 59 } : parts.Length == 2 ? new[] { 23, 59 } : new[] { 23, 59, 59 };
            for (var i = 0; i < parts.Length; i++)
                if (FieldProblem(parts[i], limits[i]) is { } problem) return $"time '{MessageText.Short(tokens[index])}': {problem}";
            index++;
        }
        return index < tokens.Count ? $"'{MessageText.Short(tokens[index])}' is not expected there" : null;
    }

    private static string? WeekdayProblem(string token)
    {
        foreach (var item in token.Split(','))
        {
            var range = item.Split("..");
            if (range.Length > 2 || range.Any(d => !IsDay(d))) return $"'{MessageText.Short(item)}' is not a weekday or weekday range (mon..sun)";
        }
        return null;
    }

    private static bool IsDay(string text) =>
        Days.Contains(text, StringComparer.OrdinalIgnoreCase) || LongDays.Contains(text, StringComparer.OrdinalIgnoreCase);

    /// <summary>A comma list of <c>*</c>, <c>n</c>, <c>a..b</c>, each with an optional <c>/step</c>.</summary>
    private static string? FieldProblem(string field, int max)
    {
        if (field.Length == 0) return "a field is empty";
        foreach (var item in field.Split(','))
        {
            var slash = item.IndexOf('/');
            var value = slash < 0 ? item : item[..slash];
            if (slash >= 0 && !IsNumber(item[(slash + 1)..], int.MaxValue)) return $"'{MessageText.Short(item)}' has no valid repetition after '/'";
            if (value == "*") continue;
            var range = value.Split("..");
            if (range.Length > 2 || range.Any(v => !IsNumber(v, max))) return $"'{MessageText.Short(item)}' is not a number{(max < int.MaxValue ? $" from 0 to {max}" : "")}, a range a..b or '*'";
        }
        return null;
    }

    private static bool IsNumber(string text, int max) =>
        text.Length is > 0 and <= 9 && text.All(char.IsAsciiDigit) && int.Parse(text) <= max;
}
