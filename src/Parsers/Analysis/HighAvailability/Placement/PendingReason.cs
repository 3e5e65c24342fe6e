namespace PveLint.Analysis.HighAvailability.Placement;

/// <summary>
/// What a traced run keeps of one placement to write its reason later (<see cref="RecoverySimulation.Render"/>):
/// the record, the selection trace that decided it, and what only that run knew (the selector's block, the storage's
/// answer). A struct in the reasons table: the node and site losses of a large cluster prepare tens of thousands of
/// reasons, and a closure each was four objects.
/// </summary>
/// <param name="Trace">The CRM's trace of the move or recovery, or for a service with no recovery node the selector's.</param>
/// <param name="Detail">A <see cref="StorageBlock"/> (start failed) or the storage's note (recovered), else null.</param>
/// <param name="Block">Why the selector found no node (no recovery node only).</param>
internal readonly record struct PendingReason(PlacementRecord Record, SelectionTrace? Trace, object? Detail, SelectionBlock Block);
