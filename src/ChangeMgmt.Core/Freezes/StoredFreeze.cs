namespace ChangeMgmt.Core.Freezes;

/// <summary>A freeze as stored, with the ETag that guards the next write.</summary>
public sealed record StoredFreeze(ChangeFreeze Freeze, string Key, string ETag);
