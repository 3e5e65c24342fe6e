using System.CommandLine;
using System.CommandLine.Parsing;
using PveLint.Cli.Reporting;

namespace PveLint.Cli.Commands;

/// <summary>One output of a scan: a format and a file, or standard output when <see cref="File"/> is null.</summary>
public sealed record OutputTarget(ReportFormat Format, string? File);

/// <summary>
/// Pairs the repeatable <c>--format</c> and <c>--output</c> options in the order they were written: each
/// <c>--output</c> belongs to the nearest <c>--format</c> before it that has none yet (an <c>--output</c> written
/// before any <c>--format</c> belongs to the first one). Formats without an <c>--output</c> go to standard
/// output; at most one may. No <c>--format</c> at all means text.
/// </summary>
public static class OutputPlan
{
    public static IReadOnlyList<OutputTarget> From(ParseResult parse, Option<string[]> format, Option<string[]> output)
    {
        var formats = new List<(string Format, string? File)>();
        var pendingOutputs = new Queue<string>();
        var tokens = parse.Tokens;
        for (var i = 0; i < tokens.Count - 1; i++)
        {
            if (tokens[i].Type != TokenType.Option || tokens[i + 1].Type != TokenType.Argument) continue;
            if (Names(format).Contains(tokens[i].Value))
            {
                var file = pendingOutputs.Count > 0 ? pendingOutputs.Dequeue() : null;
                formats.Add((tokens[i + 1].Value, file));
            }
            else if (Names(output).Contains(tokens[i].Value))
            {
                var open = formats.FindLastIndex(f => f.File is null);
                if (open >= 0) formats[open] = (formats[open].Format, tokens[i + 1].Value);
                else pendingOutputs.Enqueue(tokens[i + 1].Value);
            }
        }
        if (formats.Count == 0 && pendingOutputs.Count > 0) formats.Add(("text", pendingOutputs.Dequeue()));
        if (pendingOutputs.Count > 0)
            throw new UsageException($"--output {pendingOutputs.Peek()} has no --format of its own; give one --format per --output");
        if (formats.Count == 0) formats.Add(("text", null));

        var toStdout = formats.Where(f => f.File is null).Select(f => f.Format).ToList();
        if (toStdout.Count > 1)
            throw new UsageException($"formats {string.Join(" and ", toStdout)} would both write to standard output; give all but one of them an --output FILE");
        var files = formats.Where(f => f.File is not null).GroupBy(f => Path.GetFullPath(f.File!)).FirstOrDefault(g => g.Count() > 1);
        if (files is not null)
            throw new UsageException($"--output {files.First().File} is given for more than one format");
        return formats.Select(f => new OutputTarget(ReportFormats.Parse(f.Format), f.File)).ToList();
    }

    private static IEnumerable<string> Names(Option option) => option.Aliases.Prepend(option.Name);
}
