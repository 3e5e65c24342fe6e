using System.Collections.Immutable;
using System.Reflection;
using PveLint.Model;
using PveLint.Text;

namespace PveLint.Rules.Fencing;

/// <summary>
/// The watchdog drivers the target kernel ships (WatchdogModules/watchdog-modules.txt, generated from a Debian kernel
/// package; see the README there), and what watchdog-mux does with a node's settings: it runs
/// <c>modprobe -q $WATCHDOG_MODULE</c> through the shell (so the first word is the module, the rest are module
/// parameters), or <c>modprobe -q softdog</c> when the variable is not set.
/// </summary>
internal static class WatchdogModules
{
    public const string Softdog = "softdog";

    public static ImmutableHashSet<string> Known { get; } = Load();

    /// <summary>The module watchdog-mux loads: the first word of the value, '-' read as '_' as modprobe does; softdog when unset.</summary>
    public static string Effective(WatchdogSettings? settings) =>
        settings?.Module is { } module ? Normalize(FirstWord(module.Value)) : Softdog;

    public static string FirstWord(string value) => value.Trim().Split([' ', '\t', '\n'], 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";

    public static string Normalize(string module) => module.Replace('-', '_');

    public static bool IsKnown(string module) => Known.Contains(Normalize(module));

    public static bool IsHardware(string module) => Normalize(module) != Softdog;

    /// <summary>A known module that differs only in case or by up to two edits (a likely typo).</summary>
    public static string? Suggest(string module)
    {
        var normalized = Normalize(module);
        return Known.FirstOrDefault(k => string.Equals(k, normalized, StringComparison.OrdinalIgnoreCase))
               ?? Known.Where(k => EditDistance.Between(k.ToLowerInvariant(), normalized.ToLowerInvariant()) <= 2).Order(StringComparer.Ordinal).FirstOrDefault();
    }

    private static ImmutableHashSet<string> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("PveLint.Rules.Fencing.watchdog-modules.txt")
                           ?? throw new InvalidOperationException("watchdog-modules.txt is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(Normalize).ToImmutableHashSet(StringComparer.Ordinal);
    }

}
