namespace PveLint.Cli.Sources;

/// <summary>What a PATH argument turned out to be.</summary>
public enum SourceKind
{
    Directory,
    TarArchive,
    ConfigDb,
}
