using System.Collections.Immutable;
using System.Reflection;
using PveLint.Cli.Sources;
using PveLint.Rules.Engine;

namespace PveLint.Cli.Commands;

/// <summary>
/// What the commands run with: the rules (all of <see cref="RuleRegistry"/> in the shipped tool; tests may pass
/// a fixed set so their golden files do not change when rules are added), the source limits, and the version.
/// </summary>
public sealed record CliEnvironment(ImmutableArray<Rule> Rules, SourceLimits Limits, string ToolVersion)
{
    public static CliEnvironment Default { get; } = new(RuleRegistry.All, SourceLimits.Default, AssemblyVersion());

    /// <summary>Cancelled by Ctrl-C or SIGTERM (<see cref="Interruption"/>).</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>True when standard output is a terminal (colour and snippets in <c>auto</c>); false in-process and when redirected.</summary>
    public bool OutputIsTerminal { get; init; }

    /// <summary>NO_COLOR is set to a non-empty value (no-color.org): <c>--color auto</c> stays plain.</summary>
    public bool NoColor { get; init; }

    /// <summary>The process's own console and environment, for Program.</summary>
    public CliEnvironment ForConsole() => this with
    {
        OutputIsTerminal = !Console.IsOutputRedirected,
        NoColor = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")),
    };

    /// <summary>The informational version without the "+commit" suffix the SDK appends.</summary>
    public static string AssemblyVersion()
    {
        var assembly = typeof(CliEnvironment).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                      ?? assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        var plus = version.IndexOf('+');
        return plus >= 0 ? version[..plus] : version;
    }
}
