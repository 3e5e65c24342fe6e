using PveLint.Sources;

namespace PveLint.Model;

public sealed partial record ClusterModel
{
    /// <summary>Files the scan did not see (ignored, unreadable, cut off by a limit): unknown, not absent.</summary>
    public UnseenFiles Unseen { get; init; } = UnseenFiles.None;
}
