namespace ChangeMgmt.Core.Freezes;

/// <summary>A freeze that a change's window runs into, and the occurrence it meets first.</summary>
public sealed record FreezeOverlap(ChangeFreeze Freeze, FreezeOccurrence Occurrence);
