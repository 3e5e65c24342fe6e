using System.Text;
using PveLint.Model;

namespace PveLint.Fuzz;

/// <summary>How the raw bytes of a fuzz input become what the code under test takes.</summary>
internal static class FuzzInput
{
    private static readonly TargetRelease[] Releases = Enum.GetValues<TargetRelease>();

    /// <summary>
    /// Lenient UTF-8: every byte string reaches the parser (invalid bytes become U+FFFD). The CLI refuses invalid
    /// UTF-8 before parsing, but the analyzer hands parsers whatever text the build has.
    /// </summary>
    public static string Text(byte[] input) => Encoding.UTF8.GetString(input);

    /// <summary>A release chosen by the input itself, so one input always runs the same way (AFL needs that) and all releases get fuzzed.</summary>
    public static TargetRelease Release(byte[] input) => Releases[input.Length % Releases.Length];

    public static byte[] ReadAll(Stream stream)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
