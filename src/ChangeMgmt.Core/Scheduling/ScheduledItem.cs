namespace ChangeMgmt.Core.Scheduling;

/// <summary>
/// Work due at a time: <see cref="Kind"/> says whose (e.g. <c>announcement-publish</c>), <see cref="ObjectId"/> and
/// <see cref="Version"/> which object and which of its versions asked for it.
/// </summary>
public sealed record ScheduledItem(DateTimeOffset Due, string Kind, string ObjectId, int Version);
