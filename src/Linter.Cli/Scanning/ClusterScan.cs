using PveLint.Cli.Sources;
using PveLint.Model;
using PveLint.Rules.Engine;

namespace PveLint.Cli.Scanning;

/// <summary>One PATH, scanned: where the files came from, the model built from them, and the lint result.</summary>
public sealed record ClusterScan(LoadedSource Source, ClusterModel Model, LintResult Result);
