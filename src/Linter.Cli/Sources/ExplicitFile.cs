using PveLint.Sources;

namespace PveLint.Cli.Sources;

/// <summary>
/// Files named on the command line (<c>--config</c>, <c>--baseline</c>). Where the path lies inside the
/// repository (which a pull request controls), its final target must stay inside it and not be a secret, like
/// every scanned file; a path outside the repository was the user's own choice. Either way only a regular file
/// within <paramref name="maxBytes"/> is read.
/// </summary>
public static class ExplicitFile
{
    /// <summary>The bytes of <paramref name="path"/>, or an <see cref="InputException"/> naming <paramref name="what"/>.</summary>
    public static byte[] Read(string path, string repoRoot, string display, string what, long maxBytes, InputFiles? inputs = null)
    {
        var full = Path.GetFullPath(path);
        if (PathContainment.IsUnder(repoRoot, full) && ScanBoundary.Of(repoRoot).Check(full, out _) is { } problem)
            throw new InputException($"{display}: the {what} {problem}");
        try
        {
            var bytes = RegularFile.ReadAll(full, maxBytes, out var status);
            inputs?.Add(full, status);
            return bytes;
        }
        catch (UnreadableFileException e)
        {
            throw new InputException($"{display}: the {what} {e.Reason}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{display}: the {what} cannot be read ({e.Message.TrimEnd('.')})", e);
        }
    }
}
