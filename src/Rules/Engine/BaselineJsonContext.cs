using System.Text.Json.Serialization;

namespace PveLint.Rules.Engine;

/// <summary>The baseline file's JSON contract, generated at compile time: no reflection, so a native AOT build of the CLI reads and writes it.</summary>
[JsonSerializable(typeof(Baseline.BaselineFile))]
internal sealed partial class BaselineJsonContext : JsonSerializerContext;
